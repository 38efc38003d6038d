//! Switching the language from the header: remembered in a cookie (and,
//! for a signed-in user, as the language of their email).

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::session::{LANG_COOKIE, SignedIn};
use super::{AppState, call, is_https, paths, see_other};
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

/// `POST /language`: remembers the language for a year and goes back;
/// for a signed-in user, also as the language of their email.
pub async fn switch(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: Option<SignedIn>,
    fields: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_tag(&fields.lang).ok_or(AppError::BadRequest("error-bad-request"))?;
    if let Some(signed_in) = signed_in {
        let chosen = lang.clone();
        call(&state, signed_in.user_actor(), move |ctx| {
            crate::app::alerts::remember_language(ctx, &chosen)
        })
        .await?;
    }
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
