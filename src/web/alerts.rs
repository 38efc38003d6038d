//! The signed-in user's email alerts: which they get and the language
//! their email is written in.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, call, paths, render_with_status, see_other};
use crate::app::{self, alerts::Chosen};
use crate::domain::alerts::{Choices, EXPIRY_DAYS};
use crate::web::error::AppError;

/// The alerts page.
#[derive(Template)]
#[template(path = "account/alerts.html")]
pub struct AlertsPage {
    ctx: PageCtx,
    chosen: Chosen,
    /// Each offered day before expiry, and whether it is chosen.
    days: Vec<(i64, bool)>,
    /// Each language: tag, name, chosen.
    languages: Vec<(String, String, bool)>,
    saved: bool,
    language_error: Option<&'static str>,
    /// Whether email can leave at all (an SMTP server is set).
    mail_on: bool,
}

/// Query string: `?saved=1` after a save.
#[derive(Debug, Deserialize)]
pub struct Shown {
    saved: Option<String>,
}

/// `GET /account/alerts`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let chosen = call(&state, signed_in.user_actor(), app::alerts::mine).await?;
    let saved = query.saved.as_deref() == Some("1");
    show(&state, &signed_in, chosen, saved, None)
}

/// The alerts form: a checkbox per choice (present when ticked).
#[derive(Debug, Deserialize)]
pub struct Fields {
    expiry_90: Option<String>,
    expiry_60: Option<String>,
    expiry_30: Option<String>,
    expiry_7: Option<String>,
    underused: Option<String>,
    new_requests: Option<String>,
    settled: Option<String>,
    #[serde(default)]
    language: String,
}

impl Fields {
    fn choices(&self) -> Choices {
        let ticked = [
            (90, &self.expiry_90),
            (60, &self.expiry_60),
            (30, &self.expiry_30),
            (7, &self.expiry_7),
        ];
        Choices {
            expiry_days: ticked
                .into_iter()
                .filter(|(_, on)| on.is_some())
                .map(|(d, _)| d)
                .collect(),
            underused: self.underused.is_some(),
            new_requests: self.new_requests.is_some(),
            settled: self.settled.is_some(),
        }
    }
}

/// `POST /account/alerts`: saves the choice and shows it again.
pub async fn save(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let choices = fields.choices();
    let language = fields.language.clone();
    let actor = signed_in.actor(&req, &state.config);
    let wanted = choices.clone();
    let saved = call(&state, actor, move |ctx| {
        app::alerts::choose(ctx, wanted, &language)
    })
    .await;
    match saved {
        Ok(()) => Ok(see_other(&format!("{}?saved=1", paths::ACCOUNT_ALERTS))),
        Err(app::Error::Invalid(message)) => {
            // What was ticked stays ticked; the language is the one refused.
            let mut chosen = call(&state, signed_in.user_actor(), app::alerts::mine).await?;
            chosen.choices = choices.limited_to(signed_in.role());
            chosen.language = fields.language.chars().take(20).collect();
            show(&state, &signed_in, chosen, false, Some(message))
        }
        Err(e) => Err(e.into()),
    }
}

fn show(
    state: &AppState,
    signed_in: &SignedIn,
    chosen: Chosen,
    saved: bool,
    language_error: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let ctx = PageCtx::new(signed_in, Nav::Account).here(signed_in.lang.t("account-alerts-title"));
    let days = EXPIRY_DAYS
        .into_iter()
        .map(|d| (i64::from(d), chosen.choices.expiry_days.contains(&d)))
        .collect();
    let languages = ctx
        .languages()
        .into_iter()
        .map(|(tag, name, _)| {
            let on = tag == chosen.language;
            (tag, name, on)
        })
        .collect();
    let status = if language_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with_status(
        &AlertsPage {
            ctx,
            chosen,
            days,
            languages,
            saved,
            language_error,
            mail_on: state.mailer.is_some(),
        },
        status,
    )
}
