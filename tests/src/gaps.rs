//! What DynamoDB does that an engine under test does not. A test that checks such a behaviour
//! asks [`lacks`] first: on an engine with the gap it says on stderr which gap stops it and how
//! to run it where it can run, and checks nothing it cannot check there. On the default
//! (embedded) engine and on `DYNAMODB_ENDPOINT`, no gap applies and every test runs whole.
//!
//! `docs/testing.md` lists the same gaps per engine.

use crate::Engine;

/// A DynamoDB behaviour, and the engines that lack it with what they do instead.
#[derive(Debug)]
pub struct Gap {
    /// What DynamoDB does.
    pub behaviour: &'static str,
    /// Each engine that lacks it, with what it does instead.
    pub lacking: &'static [(Engine, &'static str)],
}

/// Consumed capacity per index (`ReturnConsumedCapacity=INDEXES`) and of `TransactWriteItems`.
pub const INDEX_CAPACITY: Gap = Gap {
    behaviour: "consumed capacity per index and of write transactions",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 reports only the table's share of a write, and nothing for TransactWriteItems",
    )],
};

/// Consumed capacity by item size and read consistency.
pub const SIZED_CAPACITY: Gap = Gap {
    behaviour: "consumed capacity by item size and read consistency",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 reports 1 WCU for any put and 0.5 RCU for any get",
    )],
};

/// `ClientRequestToken` on `TransactWriteItems`.
pub const IDEMPOTENCY_TOKENS: Gap = Gap {
    behaviour: "idempotency tokens on TransactWriteItems",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 ignores ClientRequestToken and applies a retried transaction again",
    )],
};

/// `size()` of a missing attribute, `begins_with` on binary, and comparisons of two missing
/// paths, in filters and conditions.
pub const FILTER_LEAVES: Gap = Gap {
    behaviour: "size() of a missing attribute, begins_with on binary, comparing two missing paths",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 answers size() of a missing attribute with a ValidationException, never matches begins_with on binary, and takes two missing paths as equal",
    )],
};

/// Item sizes counted as DynamoDB counts them, against its 400 KB limit.
pub const ITEM_SIZE_LIMIT: Gap = Gap {
    behaviour: "the 400 KB item limit, counted as DynamoDB counts",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 counts sizes its own way against a limit of 405,000 bytes",
    )],
};

/// Point-in-time recovery: `UpdateContinuousBackups` and `DescribeContinuousBackups`.
pub const CONTINUOUS_BACKUPS: Gap = Gap {
    behaviour: "point-in-time recovery (UpdateContinuousBackups)",
    lacking: &[(
        Engine::Embedded,
        "Dynoxide 3.2 answers UpdateContinuousBackups with UnknownOperationException",
    )],
};

/// A stream turned off and on again with another view type.
pub const STREAM_VIEW_CHANGE: Gap = Gap {
    behaviour: "changing a stream's view type (off, then on again)",
    lacking: &[(
        Engine::Moto,
        "moto 5.2.5 refuses to turn a stream on again once it was turned off (\"Cannot enable stream\")",
    )],
};

/// What the engine under test does instead of `gap`'s behaviour, or `None` when it has it.
pub fn instead(gap: &Gap) -> Option<&'static str> {
    let engine = crate::engine()?;
    gap.lacking
        .iter()
        .find(|(lacking, _)| *lacking == engine)
        .map(|(_, instead)| *instead)
}

/// Whether the engine under test lacks `gap`'s behaviour. When it does, says so on stderr for
/// `test`, with how to run it on an engine that has the behaviour.
pub fn lacks(gap: &Gap, test: &str) -> bool {
    let Some(instead) = instead(gap) else {
        return false;
    };
    let engine = crate::engine().map_or("this engine", Engine::name);
    let elsewhere = if gap.lacking.iter().any(|(e, _)| *e == Engine::Embedded) {
        "on moto: DYNAMO_MODEL_ENGINE=moto"
    } else {
        "on the embedded engine (unset DYNAMO_MODEL_ENGINE):"
    };
    eprintln!(
        "{test}: not checked on {engine}, which lacks {}: {instead}; run it {elsewhere} cargo test --workspace --test integration {test}",
        gap.behaviour
    );
    true
}
