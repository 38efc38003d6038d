//! Switching the language from the header: remembered in a cookie.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::session::LANG_COOKIE;
use super::{AppState, is_https, paths, see_other};
use crate::i18n::Lang;
use crate::web::error::AppError;

/// The switch form.
#[derive(Debug, Deserialize)]
pub struct Fields {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language`: remembers the language for a year and goes back.
pub async fn switch(
    state: web::Data<AppState>,
    req: HttpRequest,
    fields: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_tag(&fields.lang).ok_or(AppError::BadRequest("error-bad-request"))?;
    let mut response = see_other(&paths::safe_next(Some(&fields.next)));
    let cookie = Cookie::build(LANG_COOKIE, lang.tag())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies || is_https(&req, &state.config))
        .max_age(Duration::days(365))
        .finish();
    response.add_cookie(&cookie).map_err(AppError::internal)?;
    Ok(response)
}
