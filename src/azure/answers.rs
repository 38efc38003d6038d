//! What the services answer when they do not answer as asked: each one's
//! error body (Entra ID, Resource Manager, Partner Center) read into one
//! error with the service's own code and words.

use super::settings::BaseUrl;

/// What a call to one of the services came to, when not an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The service could not be reached (name, connection, TLS, timeout).
    #[error("cannot reach {host}: {why}")]
    Unreachable {
        /// The host asked.
        host: String,
        /// The transport's words.
        why: String,
    },
    /// The service answered with an error.
    #[error("{message} (HTTP {status}{})", code.as_deref().map(|c| format!(", {c}")).unwrap_or_default())]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The service's error code (`AADSTS…`, `AuthorizationFailed`, …).
        code: Option<String>,
        /// The service's own message.
        message: String,
    },
}

/// The `Retry-After` a response asks for, in seconds.
pub(super) fn retry_after(response: &reqwest::Response) -> Option<std::time::Duration> {
    response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(std::time::Duration::from_secs)
}

pub(super) fn unreachable(base: &BaseUrl, e: &reqwest::Error) -> CallError {
    let host = base
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(base.as_str())
        .to_string();
    let mut why = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        why = format!("{why}: {inner}");
        source = inner.source();
    }
    CallError::Unreachable { host, why }
}

/// The answer's JSON, or the error each service writes in its own shape:
/// Entra ID `{error, error_description}`, Resource Manager
/// `{error: {code, message}}`, Partner Center `{code, description}`.
pub(super) async fn read_answer<T: serde::de::DeserializeOwned>(
    base: &BaseUrl,
    response: reqwest::Response,
) -> Result<T, CallError> {
    let status = response.status();
    let body = response.text().await.map_err(|e| unreachable(base, &e))?;
    if status.is_success() {
        // Some answers have no body (archive and unarchive: 200): read as
        // null. Any other empty success (a 202 that says nowhere to poll)
        // stays unreadable.
        let body = if body.trim().is_empty() && matches!(status.as_u16(), 200 | 204) {
            "null"
        } else {
            &body
        };
        return serde_json::from_str(body).map_err(|e| CallError::Refused {
            status: status.as_u16(),
            code: None,
            message: format!("the answer could not be read: {e}"),
        });
    }
    let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let (code, message) = if let Some(description) = json.get("error_description") {
        // Entra ID: the first line says it; the rest is trace and time.
        let description = text(description).unwrap_or_default();
        let first = description.lines().next().unwrap_or_default().to_string();
        let code = first.split(':').next().map(str::to_string);
        (code, first)
    } else if let Some(error) = json.get("error").filter(|e| e.is_object()) {
        (
            error.get("code").and_then(text),
            error.get("message").and_then(text).unwrap_or_default(),
        )
    } else if let Some(description) = json.get("description") {
        (
            json.get("code").and_then(text),
            text(description).unwrap_or_default(),
        )
    } else {
        (None, String::new())
    };
    let message = if message.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("no reason given")
            .to_string()
    } else {
        message
    };
    Err(CallError::Refused {
        status: status.as_u16(),
        code,
        message,
    })
}
