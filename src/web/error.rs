//! One error type for every handler, the web layer's own: it knows about
//! statuses and sign-in redirects, which the service layer's errors do not.
//! User mistakes become 4xx pages with a message; anything unexpected is
//! logged with its cause and shown as a plain 500 page. Pages are drawn by `web::errors`, which knows the reader's
//! language; this type only says what went wrong.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::app;

/// What went wrong while serving a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page or object (or not one this user may know about).
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in user; `next` is where to return.
    #[error("sign-in required")]
    SignInRequired {
        /// Path and query to return to after signing in.
        next: String,
        /// Whether htmx made the request.
        htmx: bool,
    },
    /// Signed in, but the role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The anti-forgery token was missing or wrong.
    #[error("anti-forgery token missing or wrong")]
    BadCsrf,
    /// The request could not be understood; the message ID says why.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request clashes with the state of things; the message ID says why.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The database stayed locked longer than requests wait: 503, try again.
    #[error("busy")]
    Busy,
    /// A bug or an outage: logged, shown as a plain 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// Wraps an unexpected failure.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    /// The message ID of the text shown to the user.
    pub fn message_id(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::SignInRequired { .. } => "error-sign-in-required",
            AppError::Forbidden => "error-forbidden",
            AppError::BadCsrf => "error-bad-csrf",
            AppError::BadRequest(id) | AppError::Conflict(id) => id,
            AppError::Busy => "error-busy",
            AppError::Internal(_) => "error-internal",
        }
    }
}

impl From<app::Error> for AppError {
    /// A use case's error as a page: refusals and invalid input that the
    /// handler did not show next to a field become a 409 or 400 page.
    fn from(e: app::Error) -> Self {
        match e {
            app::Error::NotFound => AppError::NotFound,
            app::Error::Forbidden => AppError::Forbidden,
            app::Error::Refused(refusal) => AppError::Conflict(refusal.message_id()),
            app::Error::Invalid(id) => AppError::BadRequest(id),
            app::Error::Busy | app::Error::Conflict => AppError::Busy,
            app::Error::Internal(cause) => AppError::Internal(cause),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        app::Error::from(e).into()
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        app::Error::from(e).into()
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(format!("blocking pool: {e}"))
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            // htmx would follow a 303 inside its request and swap the sign-in
            // page into a fragment; it navigates on HX-Redirect instead.
            AppError::SignInRequired { htmx: true, .. } => StatusCode::NO_CONTENT,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Forbidden | AppError::BadCsrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; `web::errors` replaces the body with a page.
    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = HttpResponse::new(self.status_code());
        if let AppError::Busy = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        if let AppError::SignInRequired { next, htmx } = self {
            let location = crate::web::paths::sign_in_with_next(next);
            if let Ok(value) = HeaderValue::from_str(&location) {
                let name = if *htmx {
                    header::HeaderName::from_static("hx-redirect")
                } else {
                    header::LOCATION
                };
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}
