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

use super::quoting::{self, QuoteView};
use crate::db::{self, requests::Draft};
use crate::domain::roles::Rights;
use crate::domain::support::{FieldErrors, RequestFields, RequestKind};
use crate::error::AppError;
use crate::web::access::rights_on;
use crate::web::reservations::record::{Record, load_record};
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, see_other, with_conn};

/// The wizard's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 1: issue type, subscription, summary.
    Basics,
    /// 2: problem, and the quote.
    Problem,
    /// 3: contact information.
    Contact,
    /// 4: review and create.
    Review,
}

impl Step {
    const ALL: [Step; 4] = [Step::Basics, Step::Problem, Step::Contact, Step::Review];

    fn key(&self) -> &'static str {
        match self {
            Step::Basics => "basics",
            Step::Problem => "problem",
            Step::Contact => "contact",
            Step::Review => "review",
        }
    }

    fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.key() == s)
    }

    fn index(&self) -> usize {
        Step::ALL.iter().position(|s| s == self).unwrap_or(0)
    }

    fn next(&self) -> Step {
        Step::ALL[(self.index() + 1).min(3)]
    }

    fn previous(&self) -> Step {
        Step::ALL[self.index().saturating_sub(1)]
    }
}

/// Where a step lives.
pub fn step_path(token: &str, step: Step) -> String {
    format!("/requests/drafts/{token}/{}", step.key())
}

/// Loads a draft of the signed-in user (anyone else's does not exist for them).
fn own_draft(
    conn: &mut diesel::SqliteConnection,
    token: &str,
    user_id: i64,
) -> Result<(Draft, RequestFields), AppError> {
    let draft = db::requests::find_draft(conn, token)?;
    if draft.user_id != user_id {
        return Err(AppError::NotFound);
    }
    let fields = serde_json::from_str(&draft.data).unwrap_or_default();
    Ok((draft, fields))
}

/// Everything a step page shows.
struct Loaded {
    draft: Draft,
    fields: RequestFields,
    record: Record,
    rights: Rights,
    quote: Option<QuoteView>,
    skus: Vec<(String, String)>,
    regions: Vec<String>,
}

async fn load(
    state: &AppState,
    signed_in: &SignedIn,
    token: String,
    fields: Option<RequestFields>,
) -> Result<Loaded, AppError> {
    let user = signed_in.user.clone();
    let today = state.today();
    with_conn(state, move |conn| {
        let (draft, stored) = own_draft(conn, &token, user.id)?;
        let fields = fields.unwrap_or(stored);
        let reservation = db::reservations::find(conn, draft.reservation_id)?;
        let record = load_record(conn, reservation.reservation_guid)?;
        let rights = rights_on(conn, &user, &record.reservation)?;
        if !rights.request {
            return Err(AppError::NotFound);
        }
        let quote = quoting::quote(
            conn,
            draft.kind,
            &record.reservation,
            &record.order,
            &fields,
            today,
        )?;
        let (skus, regions) = if draft.kind == RequestKind::Exchange {
            (
                db::catalogue::skus_of(conn, record.reservation.resource_type)?,
                db::catalogue::regions(conn)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Loaded {
            draft,
            fields,
            record,
            rights,
            quote,
            skus,
            regions,
        })
    })
    .await
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
    if let Some(request) = loaded.draft.request_id {
        return created(&state, &req, request).await;
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

async fn created(
    state: &AppState,
    req: &HttpRequest,
    request: i64,
) -> Result<HttpResponse, AppError> {
    let number = with_conn(state, move |conn| {
        Ok(db::requests::find(conn, request)?.number)
    })
    .await?;
    Ok(leave_wizard(req, &crate::web::paths::request(&number)))
}

/// Goes to a page outside the wizard: htmx swaps steps in place, so it is
/// told to navigate instead of swapping another page into the blade.
fn leave_wizard(req: &HttpRequest, path: &str) -> HttpResponse {
    if req.headers().get("HX-Request").is_some_and(|v| v == "true") {
        return HttpResponse::Ok()
            .insert_header(("HX-Redirect", path))
            .finish();
    }
    see_other(path)
}

/// The errors of a step (and, at Problem, why the quote stops the request).
fn check(step: Step, f: &RequestFields, loaded: &Loaded, today: chrono::NaiveDate) -> FieldErrors {
    let subscriptions: Vec<i64> = loaded
        .record
        .names
        .subscription_options()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    match step {
        Step::Basics => f.check_basics(&subscriptions),
        Step::Problem => {
            let mut e = f.check_problem(today);
            match (&loaded.draft.kind, &loaded.quote) {
                (RequestKind::Other, _) => {}
                (RequestKind::Exchange, None) => {
                    e.insert("new_sku", "exchange-choose");
                }
                (_, Some(q)) if !q.allowed() => {
                    e.insert("quote", "quote-refused");
                }
                _ => {}
            }
            e
        }
        Step::Contact => f.check_contact(),
        Step::Review => {
            let mut all = FieldErrors::new();
            for s in [Step::Basics, Step::Problem, Step::Contact] {
                all.extend(check(s, f, loaded, today));
            }
            all
        }
    }
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
    if let Some(request) = current.draft.request_id {
        return created(&state, &req, request).await;
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
            "create" => create(&state, &req, &signed_in, token, current).await,
            "back" => Ok(see_other(&step_path(&token, step.previous()))),
            _ => Ok(see_other(&step_path(&token, step))),
        };
    }
    let draft_id = current.draft.id;
    let data = serde_json::to_string(&fields).map_err(AppError::internal)?;
    with_conn(&state, move |conn| {
        Ok(db::requests::save_draft(
            conn,
            draft_id,
            &data,
            session::now(),
        )?)
    })
    .await?;
    match nav.as_str() {
        "back" => Ok(see_other(&step_path(&token, step.previous()))),
        "refresh" => Ok(see_other(&step_path(&token, step))),
        _ => {
            let loaded = load(&state, &signed_in, token.clone(), Some(fields.clone())).await?;
            let errors = check(step, &fields, &loaded, state.today());
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
