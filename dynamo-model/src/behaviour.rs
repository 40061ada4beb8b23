//! What a model does around its writes and reads, besides converting itself: validation rules,
//! hooks, timestamps and optimistic locking. (Defaults and time to live are options of the
//! fields; see `docs/defaults.md` and `docs/ttl.md`.)
//!
//! A write runs the behaviours in one fixed order, on every path that writes a whole model
//! (`put`, `create`, batch puts and transaction puts):
//!
//! 0. on a single `put` or `create`, the `before_save_async` hook,
//! 1. defaults fill `None` fields that have one (while the item is built, step 5),
//! 2. the `before_save` hook, which may change the model,
//! 3. timestamps: `updated_at` becomes now, `created_at` too when it is unset or the write
//!    creates the item,
//! 4. validation: every rule of every field, all failures reported together in one
//!    [`Error::Validation`](crate::Error::Validation); nothing is sent when one fails,
//! 5. the item is built and written; a versioned model's write carries its version condition,
//! 6. on success the model's version becomes the one written, and `after_save` runs (then, on a
//!    single `put` or `create`, `after_save_async`).

use std::fmt;
use std::future::Future;

use crate::db::Db;
use crate::value::Item;

/// The error a hook returns: any error type, boxed. A hook error aborts the operation; it is
/// the source of the [`Error::Hook`](crate::Error::Hook) the operation fails with.
pub type HookError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Code a model runs around its writes and reads. Every method does nothing by default;
/// implement the ones you need, and mark the model `#[dynamo(hooks)]` so that the derive
/// leaves the implementation to you (without the mark it writes an empty one).
///
/// ```
/// use dynamo_model::{HookError, Hooks};
/// use dynamo_model::Model;
///
/// #[derive(Model)]
/// #[dynamo(hooks)]
/// struct User {
///     #[dynamo(hash_key)]
///     id: String,
///     email: String,
/// }
///
/// impl Hooks for User {
///     fn before_save(&mut self) -> Result<(), HookError> {
///         self.email = self.email.trim().to_lowercase();
///         if !self.email.contains('@') {
///             return Err(format!("`{}` is not an email address", self.email).into());
///         }
///         Ok(())
///     }
/// }
/// ```
///
/// The four hooks are synchronous, so that they run the same way in single writes, batches and
/// transactions and on every item a query returns. Single-item writes and deletes also await
/// the `_async` variants, which get the `Db` to do asynchronous work with.
pub trait Hooks {
    /// Runs before each write of the whole model (put, create, batch put, transaction put),
    /// before timestamps and validation. It may change the model; what it leaves is written.
    fn before_save(&mut self) -> Result<(), HookError> {
        Ok(())
    }

    /// Runs after a put or create succeeded, and after a transaction holding a put of the model
    /// committed. (A batch cannot tell which of its writes landed when it returns leftovers, so
    /// a batch runs it for none.) An error here is returned, but the write has happened.
    fn after_save(&self) -> Result<(), HookError> {
        Ok(())
    }

    /// Runs on every model read from the table as a whole model: get, query, scan, batch get,
    /// transaction get, and the item an update or a put returns. (A
    /// [`Projection`](crate::Projection) is not the model, so it does not run.)
    fn after_load(&mut self) -> Result<(), HookError> {
        Ok(())
    }

    /// Runs before a delete of the item with this key (single, batch or transaction delete).
    fn before_delete(key: &Item) -> Result<(), HookError> {
        let _ = key;
        Ok(())
    }

    /// The asynchronous `before_save`, for work that awaits (reading another table, calling a
    /// service). It runs on single-item writes (`put`, `create`) just before `before_save`, and
    /// is given the `Db` of the write. Batches and transactions are built synchronously, so they
    /// run only `before_save`.
    fn before_save_async(&mut self, db: &Db) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = db;
        std::future::ready(Ok(()))
    }

    /// The asynchronous `after_save`: runs after a successful `put` or `create`, just after
    /// `after_save`.
    fn after_save_async(&self, db: &Db) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = db;
        std::future::ready(Ok(()))
    }

    /// The asynchronous `before_delete`: runs on `delete` and `remove`, just before
    /// `before_delete`.
    fn before_delete_async(
        key: &Item,
        db: &Db,
    ) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = (key, db);
        std::future::ready(Ok(()))
    }
}

/// One rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The attribute path, as stored: `age`, `home.zip`, `pets[2].name`.
    pub path: String,
    /// The rule's name: `min`, `max`, `min_length`, `max_length`, `non_blank`, `one_of`,
    /// `regex`, or the name of a custom function.
    pub rule: &'static str,
    /// What was wrong, for people.
    pub message: String,
}

/// Every rule a model broke, with the model's table: what
/// [`Error::Validation`](crate::Error::Validation) carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    /// The model's table.
    pub table: String,
    /// The broken rules, in field order.
    pub failures: Vec<Failure>,
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "validation failed for table `{}`: ", self.table)?;
        for (i, failure) in self.failures.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "`{}` breaks `{}`: {}",
                failure.path, failure.rule, failure.message
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects the failures of one validation. Generated code calls it; a custom rule only returns
/// its message.
#[derive(Debug, Default)]
pub struct Failures {
    failures: Vec<Failure>,
}

impl Failures {
    /// No failures yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the outcome of one rule on attribute `name` of the document at `path` (`""` for
    /// the item itself): `Err(message)` is a failure.
    pub fn check(
        &mut self,
        path: &str,
        name: &str,
        rule: &'static str,
        outcome: Result<(), String>,
    ) {
        if let Err(message) = outcome {
            self.failures.push(Failure {
                path: child_path(path, name),
                rule,
                message,
            });
        }
    }

    /// Whether no rule failed.
    pub fn is_empty(&self) -> bool {
        self.failures.is_empty()
    }

    /// The failures, as the error of a model stored in `table`.
    pub fn into_result(self, table: &str) -> Result<(), ValidationErrors> {
        if self.failures.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors {
                table: table.to_owned(),
                failures: self.failures,
            })
        }
    }
}

/// `path.name`, or `name` at the top.
pub fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// How generated code checks the rules nested in a field without naming the field's
/// conversion traits: a field whose type is not storable at all then gets its one error from
/// the conversion, not a second one from validation. (Method resolution picks the first trait
/// whose impl applies: the real check when the type converts, the no-op otherwise.)
#[doc(hidden)]
pub mod probe {
    use std::marker::PhantomData;

    use super::{Failures, child_path};
    use crate::value::{FromAttribute, ToAttribute};
    use aws_sdk_dynamodb::types::AttributeValue;

    /// A field's value, to check the rules inside it.
    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    /// The check, for a storable type.
    pub trait Nested {
        /// Checks the rules inside the value, stored at `path`.`name`.
        fn check_nested(&self, path: &str, name: &str, failures: &mut Failures);
    }

    impl<T: ToAttribute + ?Sized> Nested for &Probe<'_, T> {
        #[inline]
        fn check_nested(&self, path: &str, name: &str, failures: &mut Failures) {
            if T::VALIDATES {
                self.0.validate_nested(&child_path(path, name), failures);
            }
        }
    }

    /// Nothing to check, for a type that does not convert (already an error elsewhere).
    pub trait NotStorable {
        /// Does nothing.
        #[inline]
        fn check_nested(&self, path: &str, name: &str, failures: &mut Failures) {
            let _ = (path, name, failures);
        }
    }

    impl<T: ?Sized> NotStorable for Probe<'_, T> {}

    /// A field's type, to check the rules inside a value an update sets it to.
    pub struct Decode<T>(PhantomData<fn() -> T>);

    impl<T> Decode<T> {
        /// The probe for `T`.
        pub fn new() -> Self {
            Decode(PhantomData)
        }
    }

    impl<T> Default for Decode<T> {
        fn default() -> Self {
            Self::new()
        }
    }

    /// The check, for a type that reads and writes.
    pub trait Decodes {
        /// Reads `value` as the field's type and checks the rules inside it.
        fn check_value(
            &self,
            value: &AttributeValue,
            path: &str,
            name: &str,
            failures: &mut Failures,
        );
    }

    impl<T: FromAttribute + ToAttribute> Decodes for &Decode<T> {
        #[inline]
        fn check_value(
            &self,
            value: &AttributeValue,
            path: &str,
            name: &str,
            failures: &mut Failures,
        ) {
            if T::VALIDATES
                && let Ok(decoded) = T::from_attribute(value.clone())
            {
                decoded.validate_nested(&child_path(path, name), failures);
            }
        }
    }

    /// Nothing to check, for a type that does not convert.
    pub trait NotDecodable {
        /// Does nothing.
        #[inline]
        fn check_value(
            &self,
            value: &AttributeValue,
            path: &str,
            name: &str,
            failures: &mut Failures,
        ) {
            let _ = (value, path, name, failures);
        }
    }

    impl<T> NotDecodable for Decode<T> {}
}

/// The built-in validation rules, one function each, named as in `#[dynamo(validate(...))]`.
/// Each gives `Err(message)` when the value breaks the rule.
pub mod rules {
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
    use std::fmt::{Debug, Display};

    /// The value is at least `bound`.
    pub fn min<T: PartialOrd + Display + ?Sized>(value: &T, bound: &T) -> Result<(), String> {
        if value >= bound {
            Ok(())
        } else {
            Err(format!("must be at least {bound}, is {value}"))
        }
    }

    /// The value is at most `bound`.
    pub fn max<T: PartialOrd + Display + ?Sized>(value: &T, bound: &T) -> Result<(), String> {
        if value <= bound {
            Ok(())
        } else {
            Err(format!("must be at most {bound}, is {value}"))
        }
    }

    /// The length is at least `bound` (characters of a string, elements of a collection).
    pub fn min_length<T: Length + ?Sized>(value: &T, bound: usize) -> Result<(), String> {
        let length = value.length();
        if length >= bound {
            Ok(())
        } else {
            Err(format!(
                "must have at least {bound} {}, has {length}",
                unit(T::UNIT, bound)
            ))
        }
    }

    /// The length is at most `bound` (characters of a string, elements of a collection).
    pub fn max_length<T: Length + ?Sized>(value: &T, bound: usize) -> Result<(), String> {
        let length = value.length();
        if length <= bound {
            Ok(())
        } else {
            Err(format!(
                "must have at most {bound} {}, has {length}",
                T::UNIT
            ))
        }
    }

    /// "characters", or "character" for one.
    fn unit(unit: &'static str, count: usize) -> &'static str {
        if count == 1 {
            unit.strip_suffix('s').unwrap_or(unit)
        } else {
            unit
        }
    }

    /// The text holds something other than white space.
    pub fn non_blank<T: AsRef<str> + ?Sized>(value: &T) -> Result<(), String> {
        if value.as_ref().trim().is_empty() {
            Err("must not be blank".to_owned())
        } else {
            Ok(())
        }
    }

    /// The value is one of `options`.
    pub fn one_of<T: PartialEq<O> + Debug + ?Sized, O: Debug>(
        value: &T,
        options: &[O],
    ) -> Result<(), String> {
        if options.iter().any(|option| value == option) {
            Ok(())
        } else {
            Err(format!("must be one of {options:?}, is {value:?}"))
        }
    }

    /// The text matches `pattern` (somewhere: anchor it with `^...$` to match the whole). The
    /// pattern is compiled once, into `compiled`; the derive checked its syntax.
    #[cfg(feature = "regex")]
    pub fn regex<T: AsRef<str> + ?Sized>(
        value: &T,
        pattern: &str,
        compiled: &std::sync::OnceLock<Result<regex::Regex, regex::Error>>,
    ) -> Result<(), String> {
        match compiled.get_or_init(|| regex::Regex::new(pattern)) {
            Ok(re) if re.is_match(value.as_ref()) => Ok(()),
            Ok(_) => Err(format!("must match /{pattern}/")),
            Err(error) => Err(format!("the pattern /{pattern}/ did not compile: {error}")),
        }
    }

    /// Runs a custom rule: a function of the field's value giving `Err` with any displayable
    /// message when the value is wrong.
    pub fn custom<T: ?Sized, E: Display>(
        value: &T,
        rule: impl FnOnce(&T) -> Result<(), E>,
    ) -> Result<(), String> {
        rule(value).map_err(|e| e.to_string())
    }

    /// Types with a length for `min_length` and `max_length`.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` has no length to check",
        label = "`min_length`/`max_length` apply to text and collections",
        note = "use `min`/`max` for numbers"
    )]
    pub trait Length {
        /// What the length counts, for messages.
        const UNIT: &'static str;
        /// The length.
        fn length(&self) -> usize;
    }

    impl Length for str {
        const UNIT: &'static str = "characters";
        fn length(&self) -> usize {
            self.chars().count()
        }
    }

    impl Length for String {
        const UNIT: &'static str = "characters";
        fn length(&self) -> usize {
            self.chars().count()
        }
    }

    macro_rules! collection_length {
        ($($ty:ident<$($param:ident),*>),*) => {$(
            impl<$($param),*> Length for $ty<$($param),*> {
                const UNIT: &'static str = "elements";
                fn length(&self) -> usize {
                    self.len()
                }
            }
        )*};
    }

    collection_length!(Vec<T>, VecDeque<T>, BTreeSet<T>, HashSet<T, S>, BTreeMap<K, V>, HashMap<K, V, S>);

    impl Length for crate::value::Binary {
        const UNIT: &'static str = "bytes";
        fn length(&self) -> usize {
            self.0.len()
        }
    }
}

/// Fields that record a time: what `created_at` and `updated_at` fields hold. The time types
/// (stored as ISO-8601 text, or as epoch numbers with `with = dynamo_model::with::epoch_seconds`)
/// and the integers (epoch seconds), each also in an `Option`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a timestamp",
    label = "`created_at` and `updated_at` fields hold a time or epoch seconds",
    note = "use SystemTime, chrono::DateTime<Utc>, time::OffsetDateTime, an integer of epoch seconds, or an Option of one"
)]
pub trait TimestampField: Sized {
    /// The value for the instant `now`.
    fn at(now: std::time::SystemTime) -> Self;
    /// Whether the field holds no time yet: `None`, or zero seconds since 1970 (which is also
    /// what `Default` gives).
    fn is_unset(&self) -> bool;
}

impl TimestampField for std::time::SystemTime {
    fn at(now: std::time::SystemTime) -> Self {
        now
    }
    fn is_unset(&self) -> bool {
        *self == std::time::UNIX_EPOCH
    }
}

impl<T: TimestampField> TimestampField for Option<T> {
    fn at(now: std::time::SystemTime) -> Self {
        Some(T::at(now))
    }
    fn is_unset(&self) -> bool {
        self.as_ref().is_none_or(T::is_unset)
    }
}

macro_rules! epoch_timestamps {
    ($($ty:ty),*) => {$(
        impl TimestampField for $ty {
            fn at(now: std::time::SystemTime) -> Self {
                let secs = now
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                <$ty>::try_from(secs).unwrap_or(<$ty>::MAX)
            }
            fn is_unset(&self) -> bool {
                *self == 0
            }
        }
    )*};
}

epoch_timestamps!(i64, u64, i128, u128);

#[cfg(feature = "chrono")]
impl TimestampField for chrono::DateTime<chrono::Utc> {
    fn at(now: std::time::SystemTime) -> Self {
        now.into()
    }
    fn is_unset(&self) -> bool {
        self.timestamp() == 0 && self.timestamp_subsec_nanos() == 0
    }
}

#[cfg(feature = "time")]
impl TimestampField for time::OffsetDateTime {
    fn at(now: std::time::SystemTime) -> Self {
        now.into()
    }
    fn is_unset(&self) -> bool {
        *self == time::OffsetDateTime::UNIX_EPOCH
    }
}

/// Reachable only as `__private::WriteBehaviours`: a model's write-path items are no methods a
/// user can call by importing a public module.
pub(crate) mod write {
    /// What the write path needs of a model's behaviours beyond its public methods: rules checked
    /// against update values, the version field's limit and setter, the timestamps. The derive
    /// implements it; it is not public API (reach it only through `__private`), so that none of
    /// it is a method a user of a model can call by accident.
    pub trait WriteBehaviours {
        /// Checks the rules of the top-level attribute `name` against a value an update expression
        /// sets it to.
        fn validate_value(
            name: &str,
            value: &aws_sdk_dynamodb::types::AttributeValue,
            failures: &mut super::Failures,
        ) {
            let _ = (name, value, failures);
        }

        /// The largest value the `#[dynamo(version)]` field's type holds.
        const VERSION_MAX: u64 = u64::MAX;

        /// Sets the `#[dynamo(version)]` field. Writes call it after the write succeeded.
        fn set_version(&mut self, version: u64) {
            let _ = version;
        }

        /// Sets the `updated_at` field to `now`, and `created_at` when it is unset or `creating`.
        fn stamp(&mut self, now: std::time::SystemTime, creating: bool) {
            let _ = (now, creating);
        }

        /// The actions that keep timestamps through an update expression: `updated_at` to now,
        /// `created_at` to now where the item has none. An attribute `update` already sets is left
        /// to it.
        fn stamp_update(
            update: &crate::expr::Update,
            now: std::time::SystemTime,
        ) -> crate::expr::Update {
            let _ = (update, now);
            crate::expr::Update::new()
        }
    }
}

/// Integer fields that can carry a model's version for optimistic locking.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a version number",
    label = "a #[dynamo(version)] field counts writes",
    note = "use an unsigned or signed integer type, such as u64"
)]
pub trait Version: Copy {
    /// The largest version the type holds.
    const MAX: u64;
    /// The version as a number; 0 means "never written".
    fn get(self) -> u64;
    /// The version `n`, saturating at the type's maximum.
    fn of(n: u64) -> Self;
}

macro_rules! versions {
    ($($ty:ty),*) => {$(
        impl Version for $ty {
            const MAX: u64 = <$ty>::MAX as u64;
            fn get(self) -> u64 {
                u64::try_from(self).unwrap_or(0)
            }
            fn of(n: u64) -> Self {
                <$ty>::try_from(n).unwrap_or(<$ty>::MAX)
            }
        }
    )*};
}

versions!(u8, u16, u32, u64, usize, i16, i32, i64);

#[cfg(test)]
mod tests {
    use super::rules::*;
    use super::*;

    #[test]
    fn rules_name_the_bound_and_the_value() {
        assert_eq!(min(&3, &1), Ok(()));
        assert_eq!(min(&0, &1), Err("must be at least 1, is 0".to_owned()));
        assert_eq!(max(&2.5, &2.0), Err("must be at most 2, is 2.5".to_owned()));
        assert_eq!(min_length("héé", 3), Ok(()));
        assert_eq!(
            max_length(&vec![1, 2, 3], 2),
            Err("must have at most 2 elements, has 3".to_owned())
        );
        assert_eq!(non_blank(" \t"), Err("must not be blank".to_owned()));
        assert_eq!(one_of(&"b".to_owned(), &["a", "b"]), Ok(()));
        assert_eq!(
            one_of(&7, &[1, 2]),
            Err("must be one of [1, 2], is 7".to_owned())
        );
    }

    #[test]
    fn failures_list_every_rule_in_one_message() {
        let mut failures = Failures::new();
        failures.check("", "age", "min", min(&0, &1));
        failures.check("home", "name", "non_blank", non_blank(""));
        failures.check("", "ok", "max", max(&1, &2));
        let error = failures.into_result("users").unwrap_err();
        assert_eq!(error.failures.len(), 2);
        assert_eq!(
            error.to_string(),
            "validation failed for table `users`: `age` breaks `min`: must be at least 1, is 0; \
             `home.name` breaks `non_blank`: must not be blank"
        );
    }

    #[test]
    fn zero_is_an_unset_time_and_versions_saturate() {
        assert!(Option::<u64>::None.is_unset());
        assert!(std::time::UNIX_EPOCH.is_unset());
        assert!(!u64::at(std::time::SystemTime::now()).is_unset());
        assert_eq!(<u8 as Version>::of(300), u8::MAX);
        assert_eq!(<i16 as Version>::MAX, 32_767);
        assert_eq!(Version::get(-1i32), 0);
    }
}
