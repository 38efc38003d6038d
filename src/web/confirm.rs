//! Irreversible actions ask first. A form that approves, rejects, disables,
//! resets or removes carries `data-confirm` (the script opens a `<dialog>`
//! with that sentence) and a `confirmed` field; a post without
//! `confirmed=yes` (no script) gets this page instead, which says what will
//! happen and posts the same fields again with the confirmation.

use actix_web::HttpResponse;
use askama::Template;

use super::context::{Nav, PageCtx};
use super::render;
use super::session::SignedIn;
use crate::web::error::AppError;

/// The value of the `confirmed` field once the person has confirmed.
pub const CONFIRMED: &str = "yes";

/// The confirmation page.
#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    ctx: PageCtx,
    /// The question, e.g. "Approve request SR-…?".
    title: String,
    /// What will happen, in one sentence.
    message: String,
    /// Where the confirmed form posts.
    action: String,
    /// The fields posted again (the page adds its own anti-forgery token
    /// and the confirmation).
    fields: Vec<(String, String)>,
    /// The button's words.
    confirm_label: String,
    /// Where "Cancel" leads.
    back: String,
}

/// What the confirmation page needs besides the signed-in user.
pub struct Confirmation<'a> {
    /// The question.
    pub title: String,
    /// What will happen.
    pub message: String,
    /// Where the confirmed form posts.
    pub action: &'a str,
    /// The fields to post again.
    pub fields: Vec<(String, String)>,
    /// The button's words.
    pub confirm_label: String,
    /// Where "Cancel" leads.
    pub back: String,
}

/// Whether a post carries the confirmation.
pub fn is_confirmed(confirmed: &str) -> bool {
    confirmed == CONFIRMED
}

/// Renders the page asking to confirm.
pub fn page(signed_in: &SignedIn, nav: Nav, c: Confirmation<'_>) -> Result<HttpResponse, AppError> {
    render(&ConfirmPage {
        ctx: PageCtx::new(signed_in, nav).here(c.title.clone()),
        title: c.title,
        message: c.message,
        action: c.action.to_string(),
        fields: c.fields,
        confirm_label: c.confirm_label,
        back: c.back,
    })
}
