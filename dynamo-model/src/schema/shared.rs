//! Single-table design, as data: the shared table's declaration, each model's entity name and
//! key templates, and the compile-time checks that keep them consistent.

/// A table that several models share, declared once with `#[derive(SharedTable)]`:
/// `#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entity_attribute = "_et")]`, with its GSIs
/// (`global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk")`) and the list of its models
/// (`entities(Customer, Order)`): their entity names are checked to be distinct, and every model
/// naming the table to be in the list, at compile time.
pub trait SharedTable {
    /// The table's name (a [`Db`](crate::Db) may add a prefix or suffix).
    const NAME: &'static str;
    /// The name of the partition key attribute, e.g. `pk`.
    const PARTITION_KEY: &'static str;
    /// The name of the sort key attribute, e.g. `sk`, if the table has one.
    const SORT_KEY: Option<&'static str>;
    /// The attribute each item's entity name is stored in (`_et` unless given).
    const ENTITY_ATTRIBUTE: &'static str;
    /// The table's global secondary indexes, declared with `global_index(name = "...", partition_key = "...",
    /// sort_key = "...")`: string keys, every attribute projected. Creating the table through any of
    /// its models creates them all.
    const INDEXES: &'static [super::IndexSchema];
    /// The entity names of the models stored in it, from `entities(...)`: distinct, and each
    /// model's name among them, both checked at compile time.
    const ENTITIES: &'static [&'static str];
}

/// Whether `name` is among a table's `entities(...)`, at compile time: a model stored in a
/// shared table must be listed there, so that its entity name is checked against the others'.
#[doc(hidden)]
pub const fn check_listed(entities: &[&str], name: &str) {
    let mut i = 0;
    while i < entities.len() {
        if const_str_eq(entities[i], name) {
            return;
        }
        i += 1;
    }
    panic!(
        "this model is not in its shared table's `entities(...)`: list it there, so that its entity name is checked against the other models'"
    );
}

/// The index named `name` of `indexes`, at compile time: a model naming an index its shared
/// table does not declare fails to compile with the message below. Generated code calls this.
#[doc(hidden)]
pub const fn shared_index(
    indexes: &'static [super::IndexSchema],
    name: &str,
) -> super::IndexSchema {
    let mut i = 0;
    while i < indexes.len() {
        if const_str_eq(indexes[i].name, name) {
            return indexes[i];
        }
        i += 1;
    }
    panic!(
        "the shared table declares no global index of this name: add `global_index(name = \"...\", partition_key = \"...\", sort_key = \"...\")` to its #[dynamo(...)]"
    )
}

/// The sort key attribute of a shared index, at compile time.
#[doc(hidden)]
pub const fn shared_index_sort_key(index: super::IndexSchema) -> &'static str {
    match index.sort_key {
        Some(key) => key.name,
        None => panic!(
            "this index template has a `sort_key`, but the shared table's global index has no sort key: remove `sort_key`, or give the index one"
        ),
    }
}

/// String equality in a constant.
const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A key written by a template, as a type: the model itself for its primary key, a marker the
/// derive makes for each index. Its typed builder starts at [`KeyTemplate::start`].
pub trait KeyTemplate {
    /// The start of a typed sort key: its methods are the template's parts, in order.
    type Start;

    /// The start of a sort key written by this template.
    fn start() -> Self::Start;
}

/// What the schema of a model stored in a shared table says about its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitySchema {
    /// The entity name every item of the model carries.
    pub name: &'static str,
    /// The attribute the entity name is stored in.
    pub attribute: &'static str,
    /// The partition key template, e.g. `CUSTOMER#{customer_id}`.
    pub partition_template: &'static str,
    /// The sort key template, e.g. `ORDER#{created_at}#{order_id}`.
    pub sort_template: Option<&'static str>,
    /// The literal text the sort key template starts with (`ORDER#`): a query of the model reads
    /// only sort keys with this prefix, so other entities of the partition stay out.
    pub sort_prefix: &'static str,
}

/// Whether two members of a collection can share its query, at compile time: same partition
/// shape, different entity names, and neither literal sort-key prefix a prefix of the other.
/// Generated code evaluates this in a constant, so a mistake fails to compile.
#[doc(hidden)]
pub const fn check_collection_pair(
    (first_name, first_shape, first_prefix): (&str, &str, &str),
    (name, shape, prefix): (&str, &str, &str),
) {
    if !const_str_eq(first_shape, shape) {
        panic!(
            "the members of a collection share one partition: their `partition_key` templates must have the same literal text and part types"
        );
    }
    if const_str_eq(first_name, name) {
        panic!("two members of this collection have the same entity name");
    }
    if const_starts_with(first_prefix, prefix) || const_starts_with(prefix, first_prefix) {
        panic!(
            "one member's literal sort-key prefix is a prefix of another's: a query of one would read the other's items; make the prefixes distinct"
        );
    }
}

/// Whether `text` starts with `prefix`, in a constant.
const fn const_starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if prefix.len() > text.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the entity names of a table's `entities(...)` are distinct, at compile time.
#[doc(hidden)]
pub const fn check_distinct_entities(names: &[&str]) {
    let mut i = 0;
    while i < names.len() {
        let mut j = i + 1;
        while j < names.len() {
            if const_str_eq(names[i], names[j]) {
                panic!(
                    "two entities of this shared table have the same entity name: reading would take one for the other; give each model its own `entity = \"...\"`"
                );
            }
            j += 1;
        }
        i += 1;
    }
}
