//! Validation: the rules of `#[dynamo(validate(...))]`, and every failure of a model reported
//! together.

use std::fmt;

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

    /// Records a failure of a rule of your own, at attribute `path` (`""` or a field's stored
    /// name for a rule across fields): what [`Hooks::validate_model`](crate::Hooks::validate_model)
    /// calls.
    pub fn add(&mut self, path: impl Into<String>, rule: &'static str, message: impl Into<String>) {
        self.failures.push(Failure {
            path: path.into(),
            rule,
            message: message.into(),
        });
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

/// Values with validation rules inside them: derived documents (structs stored as M), and the
/// containers and pointers holding them. The derive implements it for documents; the rules of
/// a field whose type does not implement it are its own (`validate(...)` on the field) only.
#[doc(hidden)]
pub trait ValidateNested {
    /// Whether a value of this type can break a rule: a document with rules, or one holding
    /// such a document. Writes skip the walk when not.
    const VALIDATES: bool = true;

    /// Checks the rules inside this value, stored at `path`, adding every failure.
    fn validate_nested(&self, path: &str, failures: &mut Failures);
}

impl<T: ValidateNested + ?Sized> ValidateNested for &T {
    const VALIDATES: bool = T::VALIDATES;

    fn validate_nested(&self, path: &str, failures: &mut Failures) {
        (**self).validate_nested(path, failures);
    }
}

impl<T: ValidateNested> ValidateNested for Option<T> {
    const VALIDATES: bool = T::VALIDATES;

    fn validate_nested(&self, path: &str, failures: &mut Failures) {
        if let Some(value) = self {
            value.validate_nested(path, failures);
        }
    }
}

/// Lists: each element at `path[i]`.
macro_rules! nested_lists {
    ($($list:ident)*) => {$(
        impl<T: ValidateNested> ValidateNested for $list<T> {
            const VALIDATES: bool = T::VALIDATES;

            fn validate_nested(&self, path: &str, failures: &mut Failures) {
                if T::VALIDATES {
                    for (i, element) in self.iter().enumerate() {
                        element.validate_nested(&format!("{path}[{i}]"), failures);
                    }
                }
            }
        }
    )*};
}

use std::collections::{BTreeMap, HashMap, VecDeque};
nested_lists!(Vec VecDeque);

impl<T: ValidateNested, S> ValidateNested for HashMap<String, T, S> {
    const VALIDATES: bool = T::VALIDATES;

    fn validate_nested(&self, path: &str, failures: &mut Failures) {
        validate_entries(self.iter(), path, failures);
    }
}

impl<T: ValidateNested> ValidateNested for BTreeMap<String, T> {
    const VALIDATES: bool = T::VALIDATES;

    fn validate_nested(&self, path: &str, failures: &mut Failures) {
        validate_entries(self.iter(), path, failures);
    }
}

/// Maps: each value at `path.key`.
fn validate_entries<'a, T: ValidateNested + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a T)>,
    path: &str,
    failures: &mut Failures,
) {
    if T::VALIDATES {
        for (key, value) in entries {
            value.validate_nested(&child_path(path, key), failures);
        }
    }
}

/// Pointers: what they point at.
macro_rules! nested_pointers {
    ($($ptr:ident)*) => {$(
        impl<T: ValidateNested + ?Sized> ValidateNested for $ptr<T> {
            const VALIDATES: bool = T::VALIDATES;

            fn validate_nested(&self, path: &str, failures: &mut Failures) {
                (**self).validate_nested(path, failures);
            }
        }
    )*};
}

use std::rc::Rc;
use std::sync::Arc;
nested_pointers!(Box Rc Arc);

/// How generated code checks the rules nested in a field without naming the field's
/// conversion traits: a field whose type is not storable at all then gets its one error from
/// the conversion, not a second one from validation. (Method resolution picks the first trait
/// whose impl applies: the real check when the type converts, the no-op otherwise.)
#[doc(hidden)]
pub mod probe {
    use std::marker::PhantomData;

    use super::{Failures, ValidateNested, child_path};
    use crate::value::FromAttribute;
    use aws_sdk_dynamodb::types::AttributeValue;

    /// A field's value, to check the rules inside it.
    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    /// The check, for a type with rules inside.
    pub trait Nested {
        /// Checks the rules inside the value, stored at `path`.`name`.
        fn check_nested(&self, path: &str, name: &str, failures: &mut Failures);
    }

    impl<T: ValidateNested + ?Sized> Nested for &Probe<'_, T> {
        #[inline]
        fn check_nested(&self, path: &str, name: &str, failures: &mut Failures) {
            if T::VALIDATES {
                self.0.validate_nested(&child_path(path, name), failures);
            }
        }
    }

    /// Nothing to check, for a type without rules inside (or one that does not convert, which
    /// is an error elsewhere).
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

    impl<T: FromAttribute + ValidateNested> Decodes for &Decode<T> {
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

    /// Nothing to check, for a type without rules inside or that does not convert.
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

#[cfg(test)]
mod tests;
