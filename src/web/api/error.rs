//! The API's errors: a status and a JSON body `{"error": {"code",
//! "message"}}`, in English (the API's callers are programs and the people
//! who write them).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::app;
use crate::i18n::Lang;

/// An error answer of the API.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {code}: {message}")]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable code a program can test (`not_found`, `forbidden`, …).
    pub code: &'static str,
    /// What went wrong, in words.
    pub message: String,
    /// Seconds to wait before trying again (429, 503).
    pub retry_after: Option<u64>,
    /// For `invalid`: each field in error and why.
    pub fields: Vec<(String, String)>,
}

/// The body of an error answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What an error answer says.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code: `unauthorized`, `forbidden`, `not_found`,
    /// `method_not_allowed`, `bad_request`, `too_large`, `invalid`,
    /// `refused`, `already_open`, `in_progress`, `idempotency_mismatch`,
    /// `rate_limited`, `busy`, `internal`.
    pub code: String,
    /// What went wrong, in words.
    pub message: String,
    /// For `invalid`: each field in error and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// A field in error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field's name.
    pub field: String,
    /// Why, in words.
    pub message: String,
}

impl ApiError {
    /// An error with `status`, `code` and `message`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            fields: Vec::new(),
        }
    }

    /// No token, or one that cannot be used.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// Nothing there (or nothing this token may know of).
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such resource.")
    }

    /// The request could not be read.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// The error as its JSON answer.
    pub fn answer(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if let Some(seconds) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"api\""));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.clone(),
                fields: self
                    .fields
                    .iter()
                    .map(|(field, message)| FieldError {
                        field: field.clone(),
                        message: message.clone(),
                    })
                    .collect(),
            },
        })
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        self.answer()
    }
}

/// A message of the English catalogue.
pub fn english(key: &str) -> String {
    Lang::from_tag("en-US")
        .map(|l| l.t(key))
        .unwrap_or_else(|| key.to_string())
}

impl From<app::Error> for ApiError {
    fn from(e: app::Error) -> Self {
        match e {
            app::Error::NotFound => ApiError::not_found(),
            app::Error::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "The token's agent may not do this.",
            ),
            app::Error::Refused(refusal) => ApiError::new(
                StatusCode::CONFLICT,
                "refused",
                english(refusal.message_id()),
            ),
            app::Error::Invalid(id) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", english(id))
            }
            app::Error::Busy | app::Error::Conflict => ApiError {
                retry_after: Some(2),
                ..ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "The service is busy: try again shortly.",
                )
            },
            app::Error::Internal(cause) => {
                tracing::error!(%cause, "an API call failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side.",
                )
            }
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        app::Error::Internal(format!("blocking pool: {e}")).into()
    }
}

/// The JSON answer an API path gets for a bare error status (an unknown
/// route, a method not allowed, a body too large).
pub fn for_status(status: StatusCode) -> ApiError {
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "No such resource."),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", "This method is not allowed here.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "The request body is too large."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("bad_request", "Send JSON (Content-Type: application/json).")
        }
        s if s.is_client_error() => ("bad_request", "The request could not be read."),
        _ => ("internal", "Something went wrong on our side."),
    };
    ApiError::new(status, code, message)
}
