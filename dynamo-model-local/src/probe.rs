//! Asking an endpoint whether it answers: an unsigned DynamoDB `ListTables` over plain HTTP,
//! which needs no client library and no credentials. Any DynamoDB answers it with an HTTP
//! status (moto with 200, a signing-checking one with 400).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::error::LocalError;

/// Sends `ListTables` to `addr` and returns the HTTP status of the answer.
pub(crate) fn list_tables(addr: SocketAddr, timeout: Duration) -> Result<u16, String> {
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-amz-json-1.0\r\n\
         X-Amz-Target: DynamoDB_20120810.ListTables\r\n\
         Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    // "HTTP/1.1 200" is 12 bytes.
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the connection closed without an answer".to_owned(),
        _ => e.to_string(),
    })?;
    let head = String::from_utf8_lossy(&head);
    head.strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|status| status.parse().ok())
        .ok_or_else(|| format!("the answer is not HTTP: {head:?}"))
}

/// Checks, within `timeout`, that the endpoint a user named answers: for `http://`, a
/// `ListTables` must get an HTTP answer; for `https://`, a TCP connection must open (the TLS
/// handshake and the request are left to the SDK).
pub(crate) fn check_endpoint(endpoint: &str, timeout: Duration) -> Result<(), LocalError> {
    let unreachable = |reason: String| LocalError::EndpointUnreachable {
        endpoint: endpoint.to_owned(),
        reason,
    };
    let (tls, rest) = if let Some(rest) = endpoint.strip_prefix("http://") {
        (false, rest)
    } else if let Some(rest) = endpoint.strip_prefix("https://") {
        (true, rest)
    } else {
        return Err(unreachable(
            "it is not an http:// or https:// URL".to_owned(),
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let default_port = if tls { 443 } else { 80 };
    let host_port = match authority.rsplit_once(':') {
        // `[::1]` alone holds colons but no port.
        Some((_, port)) if port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty() => {
            authority.to_owned()
        }
        _ => format!("{authority}:{default_port}"),
    };
    let addrs: Vec<SocketAddr> = host_port
        .to_socket_addrs()
        .map_err(|e| unreachable(format!("its host does not resolve ({e})")))?
        .collect();
    let mut last = String::from("its host resolves to no address");
    for addr in addrs {
        let outcome = if tls {
            TcpStream::connect_timeout(&addr, timeout)
                .map(drop)
                .map_err(|e| e.to_string())
        } else {
            list_tables(addr, timeout).map(drop)
        };
        match outcome {
            Ok(()) => return Ok(()),
            Err(reason) => last = format!("nothing answers at {addr} ({reason})"),
        }
    }
    Err(unreachable(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_endpoint_is_named_with_the_reason() {
        let error = check_endpoint("http://127.0.0.1:1", Duration::from_secs(2)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(
                "DYNAMODB_ENDPOINT is `http://127.0.0.1:1` but nothing answers at 127.0.0.1:1 ("
            ),
            "{message}"
        );
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn an_endpoint_that_is_no_url_is_refused() {
        let error = check_endpoint("localhost:8000", Duration::from_secs(1)).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("it is not an http:// or https:// URL"),
            "{error}"
        );
    }
}
