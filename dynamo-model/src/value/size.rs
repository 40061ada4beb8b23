//! Item sizes as DynamoDB counts them, for its 400 KB item limit and its capacity units.

use aws_sdk_dynamodb::types::AttributeValue;

use super::Item;

/// The largest item DynamoDB stores: 400 KB, attribute names included.
pub const MAX_ITEM_SIZE: usize = 400 * 1024;

/// The largest partition key value, in bytes.
pub const MAX_PARTITION_KEY_SIZE: usize = 2048;

/// The largest sort key value, in bytes.
pub const MAX_SORT_KEY_SIZE: usize = 1024;

/// The size of an item as DynamoDB counts it against its 400 KB limit ([`MAX_ITEM_SIZE`]):
/// each attribute's name (UTF-8 bytes) plus its value's size, as [`attribute_size`] gives it.
///
/// ```
/// use dynamo_model::value::item_size;
/// use dynamo_model::{AttributeValue, Item};
///
/// let item = Item::from([
///     ("id".to_owned(), AttributeValue::S("c1".into())),          // 2 + 2
///     ("lives".to_owned(), AttributeValue::N("9".into())),        // 5 + 2
///     ("tags".to_owned(), AttributeValue::L(vec![AttributeValue::Bool(true)])), // 4 + 3 + 1 + 1
/// ]);
/// assert_eq!(item_size(&item), 20);
/// ```
pub fn item_size(item: &Item) -> usize {
    item.iter()
        .map(|(name, value)| name.len() + attribute_size(value))
        .sum()
}

/// The size of one value, without its name, by DynamoDB's rules: a string by its UTF-8 bytes,
/// binary by its raw bytes (not base64), a number by its significant digits (1 byte per two,
/// plus 1; leading and trailing zeros do not count), a boolean or null 1 byte, a set the sum of
/// its elements, a list or map 3 bytes plus 1 byte and the size of each element (a map's with
/// its key).
pub fn attribute_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(set) => set.iter().map(String::len).sum(),
        AttributeValue::Ns(set) => set.iter().map(|n| number_size(n)).sum(),
        AttributeValue::Bs(set) => set.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(list) => 3 + list.iter().map(|v| 1 + attribute_size(v)).sum::<usize>(),
        AttributeValue::M(map) => {
            3 + map
                .iter()
                .map(|(k, v)| 1 + k.len() + attribute_size(v))
                .sum::<usize>()
        }
        // A type this SDK version does not know: counted as its debug text, never as nothing.
        other => format!("{other:?}").len(),
    }
}

/// `ceil(significant digits / 2) + 1`.
fn number_size(text: &str) -> usize {
    let mantissa = text
        .split(['e', 'E'])
        .next()
        .unwrap_or(text)
        .trim_start_matches(['-', '+']);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        .max(1);
    significant.div_ceil(2) + 1
}

/// The largest attributes of an item, by size (name included), largest first, at most `n`.
pub(crate) fn largest_attributes(item: &Item, n: usize) -> Vec<(String, usize)> {
    let mut sizes: Vec<(String, usize)> = item
        .iter()
        .map(|(name, value)| (name.clone(), name.len() + attribute_size(value)))
        .collect();
    sizes.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sizes.truncate(n);
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_their_significant_digits() {
        assert_eq!(number_size("0"), 2);
        assert_eq!(number_size("7"), 2);
        assert_eq!(number_size("12"), 2);
        assert_eq!(number_size("123"), 3);
        assert_eq!(
            number_size("-123.4500"),
            4,
            "sign, point and trailing zeros are free"
        );
        assert_eq!(number_size("0.000123"), 3, "leading zeros are free");
        assert_eq!(number_size("1000000"), 2);
        assert_eq!(number_size("12345678901234567890123456789012345678"), 20);
    }

    #[test]
    fn containers_count_their_overhead() {
        let s = |t: &str| AttributeValue::S(t.into());
        assert_eq!(attribute_size(&AttributeValue::L(vec![])), 3);
        assert_eq!(
            attribute_size(&AttributeValue::L(vec![s("ab"), s("c")])),
            3 + 3 + 2
        );
        let map = AttributeValue::M([("k".to_owned(), s("vv"))].into());
        assert_eq!(attribute_size(&map), 3 + 1 + 1 + 2);
        assert_eq!(
            attribute_size(&AttributeValue::Ss(vec!["ab".into(), "c".into()])),
            3
        );
        assert_eq!(attribute_size(&AttributeValue::B(vec![0; 10].into())), 10);
        assert_eq!(attribute_size(&s("é")), 2, "UTF-8 bytes, not characters");
    }
}
