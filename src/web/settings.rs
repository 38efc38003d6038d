//! The partner's policy settings (admins): early-termination fee, grace
//! period, refund limit and exchange cut-off.

use std::str::FromStr;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, call, render_with_status};
use crate::app::{self, settings::PolicySettings};
use crate::domain::money::Money;
use crate::domain::policy::Settings;
use crate::web::error::AppError;

/// The form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fields {
    /// Fee in percent, e.g. `12`.
    #[serde(default)]
    pub fee_percent: String,
    /// Grace days.
    #[serde(default)]
    pub grace_days: String,
    /// Limit in USD.
    #[serde(default)]
    pub refund_limit: String,
    /// Cut-off day.
    #[serde(default)]
    pub exchange_cutoff: String,
    /// Under-used threshold in percent.
    #[serde(default)]
    pub underused_percent: String,
}

impl Fields {
    fn of(s: &Settings, underused: i64) -> Fields {
        Fields {
            underused_percent: underused.to_string(),
            fee_percent: (s.fee_rate * Decimal::from(100)).normalize().to_string(),
            grace_days: s.grace_days.to_string(),
            refund_limit: s.refund_limit.to_string(),
            exchange_cutoff: s.exchange_cutoff.format("%Y-%m-%d").to_string(),
        }
    }

    /// Checks every field; returns the settings or the message per field.
    fn check(&self) -> Result<(Settings, i64), Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let underused = self
            .underused_percent
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100).contains(p));
        if underused.is_none() {
            errors.push(("underused_percent", "settings-underused-invalid"));
        }
        let fee = Decimal::from_str(self.fee_percent.trim())
            .ok()
            .filter(|f| *f >= Decimal::ZERO && *f <= Decimal::from(100));
        if fee.is_none() {
            errors.push(("fee_percent", "settings-fee-invalid"));
        }
        let grace = self
            .grace_days
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (0..=90).contains(d));
        if grace.is_none() {
            errors.push(("grace_days", "settings-grace-invalid"));
        }
        let limit = Money::from_str(self.refund_limit.trim())
            .ok()
            .filter(|m| *m >= Money::ZERO && m.amount().scale() <= 2);
        if limit.is_none() {
            errors.push(("refund_limit", "settings-limit-invalid"));
        }
        let cutoff = NaiveDate::parse_from_str(self.exchange_cutoff.trim(), "%Y-%m-%d").ok();
        if cutoff.is_none() {
            errors.push(("exchange_cutoff", "settings-cutoff-invalid"));
        }
        match (fee, grace, limit, cutoff, underused) {
            (
                Some(fee),
                Some(grace_days),
                Some(refund_limit),
                Some(exchange_cutoff),
                Some(underused),
            ) => Ok((
                Settings {
                    fee_rate: fee / Decimal::from(100),
                    grace_days,
                    refund_limit,
                    exchange_cutoff,
                },
                underused,
            )),
            _ => Err(errors),
        }
    }
}

/// The page.
#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct SettingsPage {
    ctx: PageCtx,
    form: Fields,
    errors: Vec<(&'static str, &'static str)>,
    saved: bool,
}

impl SettingsPage {
    /// Message ID of the error next to `field`.
    pub fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| *m)
    }
}

fn show(
    signed_in: &SignedIn,
    form: Fields,
    errors: Vec<(&'static str, &'static str)>,
    saved: bool,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let ctx = PageCtx::new(signed_in, Nav::Settings).here(signed_in.lang.t("nav-settings"));
    render_with_status(
        &SettingsPage {
            ctx,
            form,
            errors,
            saved,
        },
        status,
    )
}

/// `GET /admin/settings`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let stored = call(&state, signed_in.user_actor(), app::settings::load).await?;
    show(
        &signed_in,
        Fields::of(&stored.policy, stored.underused_percent),
        Vec::new(),
        false,
        StatusCode::OK,
    )
}

/// `POST /admin/settings`: all four at once, each change audited.
pub async fn save(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    fields: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let mut form = fields.into_inner();
    for f in [
        &mut form.fee_percent,
        &mut form.grace_days,
        &mut form.refund_limit,
        &mut form.exchange_cutoff,
        &mut form.underused_percent,
    ] {
        *f = f.chars().take(40).collect();
    }
    let (settings, underused) = match form.check() {
        Ok(s) => s,
        Err(errors) => {
            return show(
                &signed_in,
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let actor = signed_in.actor(&req, &state.config);
    let wanted = PolicySettings {
        policy: settings.clone(),
        underused_percent: underused,
    };
    call(&state, actor, move |ctx| app::settings::save(ctx, &wanted)).await?;
    show(
        &signed_in,
        Fields::of(&settings, underused),
        Vec::new(),
        true,
        StatusCode::OK,
    )
}
