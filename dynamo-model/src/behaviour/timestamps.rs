//! Timestamps: the field types `created_at` and `updated_at` can hold.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_an_unset_time() {
        assert!(Option::<u64>::None.is_unset());
        assert!(std::time::UNIX_EPOCH.is_unset());
        assert!(!u64::at(std::time::SystemTime::now()).is_unset());
    }
}
