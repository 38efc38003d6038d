//! The support-request wizard: Basics → Problem → Contact information →
//! Review + Create. The draft lives on the server (a reload, Back, or a later
//! sign-in brings it back); each step is checked on the server; Create is
//! idempotent, so a double click, a replayed post or two tabs make one
//! request.

mod finish;
mod page;
mod start;

pub use page::{Lists, StepLink, WizardPage};
pub use start::{StartFields, start};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use finish::{create, discard};
use page::render_step;

pub use crate::app::requests::drafts::Step;
use crate::app::requests::drafts::{self, Opened as Loaded};
use crate::domain::support::{FieldErrors, RequestFields};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, see_other};

/// Where a step lives.
pub fn step_path(token: &str, step: Step) -> String {
    crate::web::paths::draft_step(token, step.key())
}

/// Opens the signed-in user's draft (with `fields` in place of the stored
/// ones, to check what was just typed).
async fn load(
    state: &AppState,
    signed_in: &SignedIn,
    token: String,
    fields: Option<RequestFields>,
) -> Result<Loaded, AppError> {
    let actor = signed_in.user_actor();
    Ok(call(state, actor, move |ctx| drafts::open(ctx, &token, fields)).await?)
}

/// `GET /requests/drafts/{token}/{step}`.
pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (token, step) = path.into_inner();
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let loaded = load(&state, &signed_in, token.clone(), None).await?;
    if loaded.draft.request_id.is_some() {
        return created(&state, &req, &signed_in, &token).await;
    }
    render_step(
        &state,
        &signed_in,
        loaded,
        step,
        FieldErrors::new(),
        StatusCode::OK,
    )
}

/// Leaves a draft already created for its request's page.
async fn created(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: &str,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.user_actor();
    let token = token.to_string();
    let number = call(state, actor, move |ctx| drafts::created_from(ctx, &token))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(leave_wizard(req, &crate::web::paths::request(&number)))
}

/// Goes to a page outside the wizard: htmx swaps steps in place, so it is
/// told to navigate instead of swapping another page into the blade.
fn leave_wizard(req: &HttpRequest, path: &str) -> HttpResponse {
    if crate::web::Htmx::of(req).request {
        return HttpResponse::Ok()
            .insert_header(("HX-Redirect", path))
            .finish();
    }
    see_other(path)
}

/// `POST /requests/drafts/{token}/{step}`: saves what was typed; Next checks
/// the step and moves on, Back moves back, Refresh recomputes the quote.
/// At Review, Create makes the request (once).
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (token, step) = path.into_inner();
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let current = load(&state, &signed_in, token.clone(), None).await?;
    if current.draft.request_id.is_some() {
        return created(&state, &req, &signed_in, &token).await;
    }
    let nav = form
        .iter()
        .find(|(k, _)| k == "nav")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    if nav == "discard" {
        return discard(&state, &req, &signed_in, &token, step, current, &form).await;
    }
    let fields = merge(&current.fields, &form)?;
    if step == Step::Review {
        // Only Create creates; Back returns to Contact information with
        // everything kept, and anything else shows the review again.
        return match nav.as_str() {
            "create" => create(&state, &req, &signed_in, token).await,
            "back" => Ok(see_other(&step_path(&token, step.previous()))),
            _ => Ok(see_other(&step_path(&token, step))),
        };
    }
    let actor = signed_in.user_actor();
    let saved = fields.clone();
    let saving = token.clone();
    call(&state, actor, move |ctx| drafts::save(ctx, &saving, &saved)).await?;
    match nav.as_str() {
        "back" => Ok(see_other(&step_path(&token, step.previous()))),
        "refresh" => Ok(see_other(&step_path(&token, step))),
        _ => {
            let loaded = load(&state, &signed_in, token.clone(), Some(fields.clone())).await?;
            let errors = drafts::check(step, &loaded, state.today());
            if errors.is_empty() {
                Ok(see_other(&step_path(&token, step.next())))
            } else {
                render_step(
                    &state,
                    &signed_in,
                    loaded,
                    step,
                    errors,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            }
        }
    }
}

/// Lays the posted fields over the stored ones (unknown names are ignored;
/// a field is cut at 10,000 characters).
fn merge(stored: &RequestFields, form: &[(String, String)]) -> Result<RequestFields, AppError> {
    let mut value = serde_json::to_value(stored).map_err(AppError::internal)?;
    if let Some(map) = value.as_object_mut() {
        for (k, v) in form {
            if let Some(slot) = map.get_mut(k) {
                *slot = serde_json::Value::String(v.chars().take(10_000).collect());
            }
        }
    }
    serde_json::from_value(value).map_err(AppError::internal)
}
