//! Sessions and anti-forgery. The session cookie holds a random token whose
//! SHA-256 names a row in `sessions`; each session has its own random
//! anti-forgery token, which every form carries as a hidden field and htmx
//! sends as the `X-CSRF-Token` header.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use subtle::ConstantTimeEq;

use super::{AppState, call};
use crate::app::{self, Actor};
use crate::db::{sessions::Session, users::User};
use crate::domain::roles::AgentRole;
use crate::i18n::Lang;
use crate::web::error::AppError;

/// Name of the session cookie.
pub const COOKIE: &str = "pd_session";
/// Header htmx sends the anti-forgery token in.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

pub use crate::app::sessions::{hash_token, random_token};

/// Compares two tokens in constant time.
pub fn tokens_match(expected: &str, given: &str) -> bool {
    !expected.is_empty() && expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// Builds the session cookie for `token`: `Secure` when configured so or
/// when the browser came over HTTPS.
pub fn cookie(state: &AppState, req: &HttpRequest, token: String) -> Cookie<'static> {
    Cookie::build(COOKIE, token)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies || super::is_https(req, &state.config))
        .finish()
}

/// A cookie that removes the session cookie.
pub fn removal_cookie(state: &AppState, req: &HttpRequest) -> Cookie<'static> {
    let mut c = cookie(state, req, String::new());
    c.make_removal();
    c
}

/// The session cookie's token, when the request has a well-formed one.
pub fn cookie_token(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_string())
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The anti-forgery token of a visitor not signed in, derived from their
/// cookie's token: the sign-in form carries it and the cookie proves it, so
/// nothing is stored for a visitor before they sign in.
pub fn visitor_csrf(cookie_token: &str) -> String {
    hash_token(&format!("visitor-form:{cookie_token}"))
}

/// The anti-forgery token forms must carry: the signed-in session's own,
/// else the visitor's (empty without a cookie).
pub fn expected_csrf(req: &HttpRequest, current: Option<&(Session, Option<User>)>) -> String {
    match current {
        Some((session, Some(_))) => session.csrf_token.clone(),
        _ => cookie_token(req)
            .map(|t| visitor_csrf(&t))
            .unwrap_or_default(),
    }
}

/// The session named by the request's cookie, if it exists and has not timed out.
pub async fn current(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Option<(Session, Option<User>)>, AppError> {
    let Some(token) = cookie_token(req) else {
        return Ok(None);
    };
    let timeouts = timeouts(&state.config);
    let hash = hash_token(&token);
    if let Some((session, user)) = state.sessions.get(&hash)
        && app::sessions::current_without_touch(&session, state.clock.now(), timeouts)
    {
        return Ok(Some((session, Some(user))));
    }
    let epoch = state.sessions.epoch();
    let named = hash.clone();
    let found = call(state, Actor::visitor(""), move |ctx| {
        app::sessions::resume(ctx, &named, timeouts)
    })
    .await?;
    if let Some((session, Some(user))) = &found {
        state.sessions.put(epoch, &hash, session, user);
    }
    Ok(found)
}

/// A signed-in, enabled user and their session: the extractor every page
/// but sign-in and static files asks for.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The user.
    pub user: User,
    /// Their session.
    pub session: Session,
    /// The language pages are drawn in.
    pub lang: Lang,
    /// Path and query of the page asked for (to come back to).
    pub path: String,
}

impl SignedIn {
    /// The user's role.
    pub fn role(&self) -> AgentRole {
        self.user.role
    }

    /// The user as the service layer sees them when only reading (no
    /// audit entry names the address).
    pub fn user_actor(&self) -> Actor {
        Actor::user(&self.user, "")
    }

    /// The user as the service layer sees them, acting from the client's
    /// address.
    pub fn actor(&self, req: &HttpRequest, config: &crate::config::ServerConfig) -> Actor {
        Actor::user(&self.user, super::client_address(req, config))
    }
}

/// The session's timeouts, from the settings.
pub fn timeouts(config: &crate::config::ServerConfig) -> crate::app::sessions::Timeouts {
    let duration = |d| chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
    crate::app::sessions::Timeouts {
        idle: duration(config.idle_timeout()),
        absolute: duration(config.absolute_timeout()),
    }
}

/// Path and query of the request, to come back to after signing in.
pub fn return_path(req: &HttpRequest) -> String {
    match req.uri().path_and_query() {
        Some(pq) if req.method() == actix_web::http::Method::GET => pq.as_str().to_string(),
        _ => String::new(),
    }
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "pd_lang";

/// The reader's language: the one chosen in the header, else the browser's.
pub fn lang_of(req: &HttpRequest) -> Lang {
    if let Some(lang) = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::from_tag(c.value()))
    {
        return lang;
    }
    Lang::negotiate(
        req.headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The error that sends a stranger to sign in (and back here afterwards).
pub fn sign_in_required(req: &HttpRequest) -> AppError {
    AppError::SignInRequired {
        next: return_path(req),
        htmx: super::Htmx::of(req).request,
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The route's access guard has usually resolved the session already.
        let resolved = req.extensions().get::<SignedIn>().cloned();
        let req = req.clone();
        Box::pin(async move {
            if let Some(signed_in) = resolved {
                return Ok(signed_in);
            }
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal("application state missing"))?
                .clone();
            match current(&state, &req).await? {
                Some((session, Some(user))) if !user.disabled => Ok(SignedIn {
                    user,
                    session,
                    lang: lang_of(&req),
                    path: return_path(&req),
                }),
                _ => Err(sign_in_required(&req)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, random_token());
        assert_eq!(hash_token("abc").len(), 64);
        assert_ne!(hash_token("abc"), "abc");
    }

    #[test]
    fn token_comparison() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "ab"));
        assert!(!tokens_match("", ""));
    }
}
