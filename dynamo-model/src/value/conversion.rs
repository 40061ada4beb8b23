//! [`ConversionError`]: a value that does not map between Rust and DynamoDB. It belongs to the
//! value layer and knows nothing of operations; [`Error::Conversion`](crate::Error::Conversion)
//! carries it up.

use std::fmt;

use aws_sdk_dynamodb::types::AttributeValue;

/// A value that could not be converted between Rust and DynamoDB.
///
/// It names the attribute (`address.zip`, `scores[3]`), what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionError {
    path: String,
    problem: ConversionProblem,
}

/// What exactly went wrong in a [`ConversionError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversionProblem {
    /// The attribute is absent but the Rust type requires it.
    Missing {
        /// What the Rust type expects, e.g. `S` or `N (u8)`.
        expected: &'static str,
    },
    /// The attribute has another DynamoDB type than the Rust type reads.
    WrongType {
        /// What the Rust type expects.
        expected: &'static str,
        /// The DynamoDB type found, e.g. `S`.
        found: &'static str,
    },
    /// A number does not fit the Rust type.
    OutOfRange {
        /// The number as DynamoDB sent it.
        value: String,
        /// The Rust type it was read into.
        target: &'static str,
    },
    /// A number with a fractional part was read into an integer.
    Fraction {
        /// The number as DynamoDB sent it.
        value: String,
    },
    /// A number string that does not parse as a decimal number.
    InvalidNumber {
        /// The text received.
        value: String,
    },
    /// NaN or an infinity, which DynamoDB cannot store.
    NotFinite {
        /// The value, as Rust prints it.
        value: String,
    },
    /// A finite number outside what DynamoDB stores: more than 38 significant digits, or a
    /// magnitude outside 1E-130 to 9.99E+125.
    Unstorable {
        /// The value, as Rust prints it.
        value: String,
    },
    /// A string that names none of an enum's variants.
    UnknownVariant {
        /// The string found.
        found: String,
        /// The strings the enum's variants are stored as.
        expected: &'static [&'static str],
    },
    /// A conversion written by the user reported a problem.
    Custom(String),
}

impl ConversionError {
    /// The path of the attribute, e.g. `address.zip` or `scores[3]`; empty when the error was
    /// raised for a bare value rather than inside an item.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong.
    pub fn problem(&self) -> &ConversionProblem {
        &self.problem
    }

    /// An error for a value that needs an attribute that is absent.
    #[cold]
    pub fn missing(expected: &'static str) -> Self {
        Self::new(ConversionProblem::Missing { expected })
    }

    /// An error for an attribute of the wrong DynamoDB type.
    #[cold]
    pub fn wrong_type(expected: &'static str, found: &AttributeValue) -> Self {
        Self::new(ConversionProblem::WrongType {
            expected,
            found: crate::value::type_name(found),
        })
    }

    /// An error for a string that names none of an enum's `variants`.
    #[cold]
    pub fn unknown_variant(found: String, variants: &'static [&'static str]) -> Self {
        Self::new(ConversionProblem::UnknownVariant {
            found,
            expected: variants,
        })
    }

    /// An error with a message of the caller's, for conversions written by hand.
    #[cold]
    pub fn custom(message: impl fmt::Display) -> Self {
        Self::new(ConversionProblem::Custom(message.to_string()))
    }

    #[cold]
    pub(crate) fn out_of_range(value: &str, target: &'static str) -> Self {
        Self::new(ConversionProblem::OutOfRange {
            value: value.to_owned(),
            target,
        })
    }

    #[cold]
    pub(crate) fn fraction(value: &str) -> Self {
        Self::new(ConversionProblem::Fraction {
            value: value.to_owned(),
        })
    }

    #[cold]
    pub(crate) fn invalid_number(value: &str) -> Self {
        Self::new(ConversionProblem::InvalidNumber {
            value: value.to_owned(),
        })
    }

    #[cold]
    pub(crate) fn not_finite(value: &str) -> Self {
        Self::new(ConversionProblem::NotFinite {
            value: value.to_owned(),
        })
    }

    #[cold]
    pub(crate) fn unstorable_number(value: &str) -> Self {
        Self::new(ConversionProblem::Unstorable {
            value: value.to_owned(),
        })
    }

    fn new(problem: ConversionProblem) -> Self {
        ConversionError {
            path: String::new(),
            problem,
        }
    }

    /// Places the error inside the attribute `name`: `zip` becomes `address.zip`.
    #[cold]
    pub fn in_attribute(mut self, name: &str) -> Self {
        self.path = if self.path.is_empty() {
            name.to_owned()
        } else if self.path.starts_with('[') {
            format!("{name}{}", self.path)
        } else {
            format!("{name}.{}", self.path)
        };
        self
    }

    /// The error at `path`, as another error found it.
    pub(crate) fn at_path(mut self, path: &str) -> Self {
        path.clone_into(&mut self.path);
        self
    }

    /// Places the error inside list element `index`: `zip` becomes `[3].zip`.
    #[cold]
    pub fn in_element(mut self, index: usize) -> Self {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("[{index}]{}", self.path)
        } else {
            format!("[{index}].{}", self.path)
        };
        self
    }
}

impl fmt::Display for ConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "attribute `{}`: ", self.path)?;
        }
        fmt::Display::fmt(&self.problem, f)
    }
}

impl std::error::Error for ConversionError {}

impl fmt::Display for ConversionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversionProblem::Missing { expected } => {
                write!(f, "missing, expected {expected}")
            }
            ConversionProblem::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ConversionProblem::OutOfRange { value, target } => {
                write!(f, "number {value} does not fit {target}")
            }
            ConversionProblem::Fraction { value } => {
                write!(
                    f,
                    "number {value} has a fraction and cannot be read as an integer"
                )
            }
            ConversionProblem::InvalidNumber { value } => write!(f, "`{value}` is not a number"),
            ConversionProblem::NotFinite { value } => {
                write!(
                    f,
                    "{value} cannot be stored: DynamoDB numbers must be finite"
                )
            }
            ConversionProblem::Unstorable { value } => write!(
                f,
                "number {value} is outside what DynamoDB can store \
                 (38 significant digits, magnitude 1E-130 to 9.99E+125)"
            ),
            ConversionProblem::UnknownVariant { found, expected } => {
                write!(f, "unknown variant `{found}`, expected one of ")?;
                for (i, name) in expected.iter().enumerate() {
                    let separator = if i == 0 { "" } else { ", " };
                    write!(f, "{separator}`{name}`")?;
                }
                Ok(())
            }
            ConversionProblem::Custom(message) => f.write_str(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compose_from_the_inside_out() {
        let err = ConversionError::missing("S")
            .in_attribute("zip")
            .in_attribute("address")
            .in_element(3)
            .in_attribute("homes");
        assert_eq!(err.path(), "homes[3].address.zip");
        assert_eq!(
            err.to_string(),
            "attribute `homes[3].address.zip`: missing, expected S"
        );
        let nested_list = ConversionError::missing("N").in_element(1).in_element(0);
        assert_eq!(nested_list.in_attribute("grid").path(), "grid[0][1]");
    }
}
