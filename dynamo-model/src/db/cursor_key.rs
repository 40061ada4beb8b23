//! The key that signs a `Db`'s cursors.

use std::fmt;

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A key that signs the cursors a `Db` hands out and checks the ones it is given, so that a
/// client cannot forge a start key. Set it with
/// [`Db::with_cursor_key`](crate::Db::with_cursor_key).
#[derive(Clone)]
pub struct CursorKey(std::sync::Arc<[u8]>);

impl CursorKey {
    /// A key of these bytes; use at least 32 random bytes, kept secret like a password.
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        CursorKey(secret.as_ref().into())
    }

    /// The MAC of a cursor's contents.
    pub(crate) fn sign(&self, contents: &[u8]) -> Vec<u8> {
        match <HmacSha256 as KeyInit>::new_from_slice(&self.0) {
            Ok(mut mac) => {
                mac.update(contents);
                mac.finalize().into_bytes().to_vec()
            }
            // HMAC takes keys of any length; this arm is never taken.
            Err(_) => Vec::new(),
        }
    }

    pub(crate) fn verify(&self, contents: &[u8], signature: &[u8]) -> bool {
        match <HmacSha256 as KeyInit>::new_from_slice(&self.0) {
            Ok(mut mac) => {
                mac.update(contents);
                mac.verify_slice(signature).is_ok()
            }
            Err(_) => false,
        }
    }
}

impl fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CursorKey(..)")
    }
}
