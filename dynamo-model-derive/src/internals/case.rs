//! `rename_all`: the case conventions attribute names can be written in, as serde spells them.

/// A case convention for stored names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

/// Every rule with the spelling users write in `rename_all = "..."`.
pub const RULES: &[(&str, RenameRule)] = &[
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
    ("PascalCase", RenameRule::Pascal),
    ("camelCase", RenameRule::Camel),
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
];

impl RenameRule {
    pub fn from_name(name: &str) -> Option<Self> {
        RULES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, rule)| *rule)
    }

    /// Applies the rule to a name, split into words at `_` and at lower-to-upper case changes,
    /// so it works on snake_case fields and PascalCase variants alike.
    pub fn apply(self, name: &str) -> String {
        let words = words(name);
        let join = |sep: &str, f: fn(&str) -> String| {
            words.iter().map(|w| f(w)).collect::<Vec<_>>().join(sep)
        };
        match self {
            RenameRule::Lower => join("", |w| w.to_lowercase()),
            RenameRule::Upper => join("", |w| w.to_uppercase()),
            RenameRule::Pascal => join("", capitalize),
            RenameRule::Camel => {
                let pascal = join("", capitalize);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => pascal,
                }
            }
            RenameRule::Snake => join("_", |w| w.to_lowercase()),
            RenameRule::ScreamingSnake => join("_", |w| w.to_uppercase()),
            RenameRule::Kebab => join("-", |w| w.to_lowercase()),
            RenameRule::ScreamingKebab => join("-", |w| w.to_uppercase()),
        }
    }
}

fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule::*;

    #[test]
    fn rules_apply_to_fields_and_variants() {
        assert_eq!(Camel.apply("created_at"), "createdAt");
        assert_eq!(Pascal.apply("created_at"), "CreatedAt");
        assert_eq!(ScreamingSnake.apply("created_at"), "CREATED_AT");
        assert_eq!(Kebab.apply("created_at"), "created-at");
        assert_eq!(Snake.apply("VeryGrumpy"), "very_grumpy");
        assert_eq!(Camel.apply("VeryGrumpy"), "veryGrumpy");
        assert_eq!(Lower.apply("VeryGrumpy"), "verygrumpy");
        assert_eq!(ScreamingKebab.apply("VeryGrumpy"), "VERY-GRUMPY");
        assert_eq!(Upper.apply("id"), "ID");
        assert_eq!(Camel.apply("address_line2"), "addressLine2");
    }
}
