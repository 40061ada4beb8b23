//! The function under test, as Lambda would configure it: name, memory, timeout, architecture.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambda_runtime::Context;

/// The processor a function runs on, which sets its price per GB-second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    /// x86_64.
    X86_64,
    /// arm64 (Graviton), 20% cheaper per GB-second.
    Arm64,
}

/// A function's configuration: what Lambda gives each invocation's `Context` and bills by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub(crate) name: String,
    pub(crate) memory_mb: u32,
    pub(crate) timeout: Duration,
    pub(crate) architecture: Architecture,
}

impl Function {
    /// A function named `name`: 128 MB, 3 seconds, x86_64 (Lambda's defaults).
    pub fn new(name: impl Into<String>) -> Self {
        Function {
            name: name.into(),
            memory_mb: 128,
            timeout: Duration::from_secs(3),
            architecture: Architecture::X86_64,
        }
    }

    /// The memory size in MB (128 to 10,240), which also sets the price per second.
    pub fn memory_mb(mut self, memory_mb: u32) -> Self {
        self.memory_mb = memory_mb.clamp(128, 10_240);
        self
    }

    /// How long an invocation may run before it is cut off.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The architecture.
    pub fn architecture(mut self, architecture: Architecture) -> Self {
        self.architecture = architecture;
        self
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The function's ARN, as each invocation's context gives it.
    pub(crate) fn arn(&self) -> String {
        format!(
            "arn:aws:lambda:us-east-1:000000000000:function:{}",
            self.name
        )
    }

    /// The context of invocation `request_id` starting now: its deadline the timeout from now,
    /// the function's name, memory, version and log group as Lambda sets them.
    pub(crate) fn context(&self, request_id: &str) -> Context {
        let config = lambda_runtime::Config {
            function_name: self.name.clone(),
            memory: i32::try_from(self.memory_mb).unwrap_or(i32::MAX),
            version: "$LATEST".to_owned(),
            log_group: format!("/aws/lambda/{}", self.name),
            log_stream: "local/harness".to_owned(),
        };
        let deadline = SystemTime::now() + self.timeout;
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        context.deadline = deadline
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        context.invoked_function_arn = self.arn();
        context.env_config = Arc::new(config);
        context
    }
}
