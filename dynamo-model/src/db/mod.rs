//! [`Db`]: the handle every operation runs through.

use std::sync::Arc;

use aws_sdk_dynamodb::Client;

use aws_sdk_dynamodb::types::{ConsumedCapacity, ReturnConsumedCapacity};

mod attempts;
mod cursor_key;

pub use attempts::Attempts;
pub(crate) use attempts::{AttemptCounter, watch};
pub use cursor_key::CursorKey;

use crate::capacity::{CapacityMeter, Models};
use crate::operation::Operation;
use crate::retries::Retries;

/// The environment variable that points dynamo-model at an already running DynamoDB (for
/// example DynamoDB Local or LocalStack) instead of AWS, and `dynamo-model-local` at it instead
/// of the engine it would start.
pub const ENDPOINT_ENV: &str = "DYNAMODB_ENDPOINT";

/// A handle to DynamoDB: an `aws_sdk_dynamodb::Client` plus how model tables are named.
///
/// Cheap to clone; clones share the client's connection pool.
///
/// ```no_run
/// # async fn demo() {
/// use dynamo_model::Db;
///
/// // The standard AWS configuration chain (environment, profile, SSO, instance role, ...).
/// let db = Db::from_env().await;
///
/// // Per-stage tables: the model `cats` lives in `prod-cats`.
/// let prod = db.clone().with_table_prefix("prod-");
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Db {
    client: Client,
    naming: Arc<TableNaming>,
    meter: Option<CapacityMeter>,
    retries: Retries,
    cursor_key: Option<CursorKey>,
}

#[derive(Debug, Default, Clone)]
struct TableNaming {
    prefix: String,
    suffix: String,
    /// Exact names for some models' tables, by the model's table name.
    exact: std::collections::HashMap<&'static str, String>,
}

impl Db {
    /// Wraps an SDK client you configured yourself. Its retry and timeout settings stay as you
    /// set them (the SDK's default is 3 attempts and no timeouts) until
    /// [`with_retries`](Db::with_retries).
    pub fn new(client: Client) -> Self {
        use aws_sdk_dynamodb::config::Intercept;
        let counter = AttemptCounter;
        let counting = client
            .config()
            .interceptors()
            .any(|i| i.name() == counter.name());
        let client = if counting {
            client
        } else {
            Client::from_conf(client.config().to_builder().interceptor(counter).build())
        };
        Db {
            client,
            naming: Arc::default(),
            meter: None,
            retries: Retries::standard(),
            cursor_key: None,
        }
    }

    /// Retries and times out requests as `retries` says: the SDK client is rebuilt with its
    /// retry and timeout configuration (sharing the connection pool), and batches retry
    /// unprocessed items by it. See [`Retries`] for the presets.
    pub fn with_retries(self, retries: Retries) -> Self {
        let mut db = self.with_sdk_config(|config| {
            config
                .retry_config(retries.retry_config())
                .timeout_config(retries.timeout_config())
                .retry_partition(retries.retry_partition())
        });
        db.retries = retries;
        db
    }

    /// Rebuilds the SDK client from its configuration as `change` alters it (an interceptor,
    /// another HTTP client, ...), keeping everything else of this handle: table naming, meter,
    /// retries. The new client shares the old one's connection pool unless `change` replaces
    /// the HTTP client.
    ///
    /// ```
    /// use std::time::Duration;
    /// use dynamo_model::sdk::config::timeout::TimeoutConfig;
    ///
    /// let db = dynamo_model::Db::local("http://127.0.0.1:8000").with_sdk_config(|config| {
    ///     config.timeout_config(TimeoutConfig::builder().read_timeout(Duration::from_secs(1)).build())
    /// });
    /// # let _ = db;
    /// ```
    pub fn with_sdk_config(
        mut self,
        change: impl FnOnce(aws_sdk_dynamodb::config::Builder) -> aws_sdk_dynamodb::config::Builder,
    ) -> Self {
        let config = change(self.client.config().to_builder());
        self.client = Client::from_conf(config.build());
        self
    }

    /// The retry and timeout settings of this handle (for a `Db` made with [`Db::new`], those
    /// its batches use).
    pub fn retries(&self) -> &Retries {
        &self.retries
    }

    /// Loads the standard AWS configuration chain, as the AWS SDK does, and points the client at
    /// [`DYNAMODB_ENDPOINT`](ENDPOINT_ENV) when that variable is set. Requests retry and time
    /// out as [`Retries::standard`] says; [`with_retries`](Db::with_retries) changes that.
    ///
    /// Needs an HTTPS client: the feature `rustls-ring` (on by default) or `rustls-aws-lc`.
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    ///
    /// The future is boxed (the SDK's configuration loading is large), so that awaiting it
    /// adds a pointer to the caller's future.
    pub fn from_env() -> std::pin::Pin<Box<dyn std::future::Future<Output = Self> + Send>> {
        Box::pin(async {
            let loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
            #[cfg(feature = "rustls-ring")]
            let loader = loader.http_client(https_client());
            let shared = loader.load().await;
            let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
            if let Some(endpoint) = std::env::var(ENDPOINT_ENV).ok().filter(|e| !e.is_empty()) {
                config = config.endpoint_url(endpoint);
            }
            Db::new(Client::from_conf(config.build())).with_retries(Retries::standard())
        })
    }

    /// A client for a local engine (Dynoxide, moto, DynamoDB Local, LocalStack) at `endpoint`, with
    /// fixed dummy credentials and region so that every local handle sees the same tables. Requests
    /// retry and time out as [`Retries::standard`] says.
    ///
    /// Needs an HTTP client: the feature `rustls-ring` (on by default) or `rustls-aws-lc`.
    ///
    /// ```
    /// let db = dynamo_model::Db::local("http://127.0.0.1:8000");
    /// assert_eq!(db.table_name("cats"), "cats");
    /// ```
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    pub fn local(endpoint: impl Into<String>) -> Self {
        use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
        let credentials = Credentials::new(
            LOCAL_ACCESS_KEY,
            "dynamomodellocal",
            None,
            None,
            "dynamo-model-local",
        );
        let config = aws_sdk_dynamodb::config::Builder::new()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(credentials)
            .endpoint_url(endpoint);
        #[cfg(feature = "rustls-ring")]
        let config = config.http_client(https_client());
        Db::new(Client::from_conf(config.build())).with_retries(Retries::standard())
    }

    /// The SDK client, for calls dynamo-model does not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Prefixes every model's table name, e.g. `"prod-"` turns `cats` into `prod-cats`.
    pub fn with_table_prefix(mut self, prefix: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.naming).prefix = prefix.into();
        self
    }

    /// Appends to every model's table name, e.g. `"-dev"` turns `cats` into `cats-dev`.
    pub fn with_table_suffix(mut self, suffix: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.naming).suffix = suffix.into();
        self
    }

    /// The name this handle uses for the table a model calls `base`.
    pub fn table_name(&self, base: &str) -> String {
        let TableNaming {
            prefix,
            suffix,
            exact,
        } = &*self.naming;
        if let Some(name) = exact.get(base) {
            return name.clone();
        }
        let mut name = String::with_capacity(prefix.len() + base.len() + suffix.len());
        name.push_str(prefix);
        name.push_str(base);
        name.push_str(suffix);
        name
    }

    /// Uses exactly `name` for the table a model calls `base` (see `with_table_name`).
    pub(crate) fn with_exact_table_name(mut self, base: &'static str, name: String) -> Self {
        Arc::make_mut(&mut self.naming).exact.insert(base, name);
        self
    }

    /// Records the capacity every request through this handle consumes in `meter` (and asks
    /// DynamoDB to report it, which it does not do otherwise).
    pub fn with_capacity_meter(mut self, meter: CapacityMeter) -> Self {
        self.meter = Some(meter);
        self
    }

    /// Signs the cursors of this handle's queries and scans with `secret` (HMAC-SHA256), and
    /// refuses cursors that are not signed by it, so that a client handed a cursor cannot forge
    /// or alter the start key it holds. Give every instance of a service the same secret, kept
    /// like a password (at least 32 random bytes); changing it invalidates the cursors out.
    ///
    /// ```
    /// let db = dynamo_model::Db::local("http://127.0.0.1:8000")
    ///     .with_cursor_key(b"a secret of at least thirty-two bytes!");
    /// # let _ = db;
    /// ```
    pub fn with_cursor_key(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.cursor_key = Some(CursorKey::new(secret));
        self
    }

    /// The key cursors are signed with, if any.
    pub(crate) fn cursor_key(&self) -> Option<&CursorKey> {
        self.cursor_key.as_ref()
    }

    /// The meter given to [`with_capacity_meter`](Db::with_capacity_meter), if any.
    pub fn capacity_meter(&self) -> Option<&CapacityMeter> {
        self.meter.as_ref()
    }

    /// What requests ask DynamoDB to report: capacity per index when a meter listens.
    pub(crate) fn return_capacity(&self) -> Option<ReturnConsumedCapacity> {
        self.meter.as_ref().map(|_| ReturnConsumedCapacity::Indexes)
    }

    /// Adds the capacity a response reported, for a request carrying items of `models`, to the
    /// meter, if there is one.
    pub(crate) fn record_capacity<'c>(
        &self,
        operation: Operation,
        models: Models<'_>,
        consumed: impl IntoIterator<Item = &'c ConsumedCapacity>,
    ) -> f64 {
        let mut total = 0.0;
        for consumed in consumed {
            total += consumed.capacity_units().unwrap_or(0.0);
            if let Some(meter) = &self.meter {
                meter.record(operation, models, consumed);
            }
        }
        total
    }
}

/// The HTTP client of `from_env` and `local`: hyper with rustls on ring.
#[cfg(feature = "rustls-ring")]
fn https_client() -> aws_sdk_dynamodb::config::SharedHttpClient {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

/// DynamoDB Local 2 and later accept only letters and digits in access key ids.
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
const LOCAL_ACCESS_KEY: &str = "dynamomodel";
