//! What htmx says about a request, read from its headers in one place.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};

/// The htmx headers of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Htmx {
    /// htmx made the request (`HX-Request: true`).
    pub request: bool,
    /// htmx restores a page from history and needs all of it.
    pub history_restore: bool,
    /// The ID of the element the response will replace.
    pub target: Option<String>,
}

impl Htmx {
    /// Reads the headers of `req`.
    pub fn of(req: &HttpRequest) -> Htmx {
        let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
        Htmx {
            request: header("HX-Request") == Some("true"),
            history_restore: header("HX-History-Restore-Request") == Some("true"),
            target: header("HX-Target").map(str::to_string),
        }
    }

    /// Whether htmx asked for just the element with this ID (and not for a
    /// whole page to restore history).
    pub fn wants(&self, target_id: &str) -> bool {
        self.request && !self.history_restore && self.target.as_deref() == Some(target_id)
    }
}

impl FromRequest for Htmx {
    type Error = std::convert::Infallible;
    type Future = Ready<Result<Htmx, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Htmx::of(req)))
    }
}
