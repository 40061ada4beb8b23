//! Types of other crates, each behind the feature named after its crate: `uuid`,
//! `rust_decimal` and `bytes`.

#[cfg(feature = "uuid")]
mod uuid_impls {
    use aws_sdk_dynamodb::types::AttributeValue;
    use uuid::Uuid;

    use crate::value::ConversionError;
    use crate::value::time::text_of;
    use crate::value::{FromAttribute, SetElement, ToAttribute};

    /// S, hyphenated lower case: `67e55044-10b1-426f-9247-bb680e5fe0c8`. Any form `Uuid`
    /// parses (upper case, braces, simple) reads back.
    impl ToAttribute for Uuid {
        fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
            Ok(Some(AttributeValue::S(self.hyphenated().to_string())))
        }
    }

    impl FromAttribute for Uuid {
        const EXPECTED: &'static str = "S (UUID)";

        fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
            let text = text_of::<Self>(value)?;
            Uuid::parse_str(&text)
                .map_err(|e| ConversionError::custom(format!("`{text}` is not a UUID: {e}")))
        }
    }

    /// A set of UUIDs is SS.
    impl SetElement for Uuid {
        const SET: &'static str = "SS";

        fn write_set<'a>(
            items: impl ExactSizeIterator<Item = &'a Self>,
        ) -> Result<AttributeValue, ConversionError> {
            Ok(AttributeValue::Ss(
                items.map(|id| id.hyphenated().to_string()).collect(),
            ))
        }

        fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
            match value {
                AttributeValue::Ss(members) => members
                    .into_iter()
                    .map(|member| Uuid::from_attribute(AttributeValue::S(member)))
                    .collect(),
                other => Err(ConversionError::wrong_type(Self::SET, &other)),
            }
        }
    }
}

#[cfg(feature = "rust_decimal")]
mod decimal_impls {
    use aws_sdk_dynamodb::types::AttributeValue;
    use rust_decimal::Decimal;

    use crate::value::ConversionError;
    use crate::value::{FromAttribute, SetElement, ToAttribute};

    /// N, exactly: `Decimal` holds at most 28 significant digits, within DynamoDB's 38.
    impl ToAttribute for Decimal {
        fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
            Ok(Some(AttributeValue::N(self.to_string())))
        }
    }

    /// A number with more digits than `Decimal` holds is an error, not a rounding.
    impl FromAttribute for Decimal {
        const EXPECTED: &'static str = "N (Decimal)";

        fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
            let text = match value {
                AttributeValue::N(text) => text,
                other => return Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
            };
            let parsed = if text.contains(['e', 'E']) {
                Decimal::from_scientific(&text)
            } else {
                Decimal::from_str_exact(&text)
            };
            parsed.map_err(|e| {
                ConversionError::custom(format!("number {text} does not fit Decimal exactly: {e}"))
            })
        }
    }

    /// A set of decimals is NS.
    impl SetElement for Decimal {
        const SET: &'static str = "NS";

        fn write_set<'a>(
            items: impl ExactSizeIterator<Item = &'a Self>,
        ) -> Result<AttributeValue, ConversionError> {
            Ok(AttributeValue::Ns(items.map(Decimal::to_string).collect()))
        }

        fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
            match value {
                AttributeValue::Ns(members) => members
                    .into_iter()
                    .map(|member| Decimal::from_attribute(AttributeValue::N(member)))
                    .collect(),
                other => Err(ConversionError::wrong_type(Self::SET, &other)),
            }
        }
    }
}

#[cfg(feature = "bytes")]
mod bytes_impls {
    use aws_sdk_dynamodb::primitives::Blob;
    use aws_sdk_dynamodb::types::AttributeValue;
    use bytes::Bytes;

    use crate::value::ConversionError;
    use crate::value::{FromAttribute, SetElement, ToAttribute};

    /// B.
    impl ToAttribute for Bytes {
        fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
            Ok(Some(AttributeValue::B(Blob::new(self.to_vec()))))
        }
    }

    impl FromAttribute for Bytes {
        const EXPECTED: &'static str = "B";

        fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
            match value {
                AttributeValue::B(blob) => Ok(Bytes::from(blob.into_inner())),
                other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
            }
        }
    }

    /// A set of byte strings is BS.
    impl SetElement for Bytes {
        const SET: &'static str = "BS";

        fn write_set<'a>(
            items: impl ExactSizeIterator<Item = &'a Self>,
        ) -> Result<AttributeValue, ConversionError> {
            Ok(AttributeValue::Bs(
                items.map(|bytes| Blob::new(bytes.to_vec())).collect(),
            ))
        }

        fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
            match value {
                AttributeValue::Bs(members) => Ok(members
                    .into_iter()
                    .map(|blob| Bytes::from(blob.into_inner()))
                    .collect()),
                other => Err(ConversionError::wrong_type(Self::SET, &other)),
            }
        }
    }
}
