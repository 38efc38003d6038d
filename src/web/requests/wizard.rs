//! The support-request wizard: Basics → Problem → Contact information →
//! Review + Create. The draft lives on the server (a reload, Back, or a later
//! sign-in brings it back); each step is checked on the server; Create is
//! idempotent, so a double click, a replayed post or two tabs make one
//! request.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::quoting::{self, QuoteView};
use crate::db::requests::{Draft, NewDraft, NewRequest};
use crate::db::{self, audit::NewEntry};
use crate::domain::ids::OrderId;
use crate::domain::roles::Rights;
use crate::domain::support::{
    CATEGORIES, CONTACT_METHODS, COUNTRIES, FieldErrors, ISSUE_TYPES, LANGUAGES, PROBLEM_TYPES,
    RequestFields, RequestKind, RequestStatus, SEVERITIES, TIME_ZONES, request_number,
};
use crate::error::AppError;
use crate::web::access::rights_on;
use crate::web::context::PageCtx;
use crate::web::reservations::record::{
    Blade, Record, RecordHeader, header, load_record, page_ctx, parse_id,
};
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, client_address, render_with_status, see_other, with_conn};

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

/// A step in the wizard's progress bar.
pub struct StepLink {
    /// Message ID of its name.
    pub label_key: &'static str,
    /// Shown now.
    pub current: bool,
    /// Its number.
    pub number: usize,
}

/// The page of one step.
#[derive(Template)]
#[template(path = "requests/wizard.html")]
pub struct WizardPage {
    ctx: PageCtx,
    header: RecordHeader,
    step: &'static str,
    steps: Vec<StepLink>,
    kind: RequestKind,
    f: RequestFields,
    errors: FieldErrors,
    quote: Option<QuoteView>,
    subscriptions: Vec<(i64, String)>,
    skus: Vec<(String, String)>,
    regions: Vec<String>,
    terms: Vec<&'static str>,
    action: String,
    back: Option<String>,
    order_id: OrderId,
    today: String,
    lists: Lists,
    subscription_name: String,
    /// What Cancel discards, in one sentence (its confirmation).
    discard_message: String,
}

/// The fixed choices of the form.
pub struct Lists {
    /// Issue types.
    pub issue_types: &'static [&'static str],
    /// Problem types.
    pub problem_types: &'static [&'static str],
    /// Categories.
    pub categories: &'static [&'static str],
    /// Severities.
    pub severities: &'static [&'static str],
    /// Contact methods.
    pub contact_methods: &'static [&'static str],
    /// Time zones.
    pub time_zones: &'static [&'static str],
    /// Countries.
    pub countries: &'static [&'static str],
    /// Languages.
    pub languages: &'static [&'static str],
}

const LISTS: Lists = Lists {
    issue_types: ISSUE_TYPES,
    problem_types: PROBLEM_TYPES,
    categories: CATEGORIES,
    severities: SEVERITIES,
    contact_methods: CONTACT_METHODS,
    time_zones: TIME_ZONES,
    countries: COUNTRIES,
    languages: LANGUAGES,
};

impl WizardPage {
    /// Message ID of the error next to `field`, if any.
    pub fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.get(field).copied()
    }

    /// Whether the step shown is `key`.
    pub fn is_step(&self, key: &str) -> bool {
        self.step == key
    }

    /// Whether this is an exchange.
    pub fn is_exchange(&self) -> bool {
        self.kind == RequestKind::Exchange
    }

    /// Whether this is a refund.
    pub fn is_refund(&self) -> bool {
        self.kind == RequestKind::Refund
    }

    /// Message ID of a term.
    pub fn term_key(&self, term: &str) -> String {
        format!("term-{}", term.to_lowercase())
    }

    /// Message ID of a contact method.
    pub fn method_key(&self, method: &str) -> String {
        format!("contact-method-{}", method.to_lowercase())
    }

    /// Message ID of a support language.
    pub fn language_key(&self, language: &str) -> String {
        format!("language-{}", language.to_lowercase())
    }

    /// Message ID of the kind's title.
    pub fn kind_key(&self) -> String {
        format!("request-kind-{}", self.kind.as_str().to_lowercase())
    }
}

/// The start form (a Refund, Exchange or New support request button).
#[derive(Debug, Deserialize)]
pub struct StartFields {
    #[serde(default)]
    kind: String,
}

/// `POST /reservations/{id}/support`: starts (or resumes) a draft and opens
/// its first step, pre-filled for refunds and exchanges.
pub async fn start(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<StartFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let kind = RequestKind::parse(&fields.kind)
        .filter(|k| k.as_str() == fields.kind)
        .ok_or(AppError::BadRequest("error-bad-request"))?;
    let user = signed_in.user.clone();
    let lang = signed_in.lang.clone();
    let today = state.today();
    let started = with_conn(&state, move |conn| {
        let record = load_record(conn, id)?;
        conn.immediate_transaction(|conn| {
            // One refund or exchange at a time: the open one is shown instead.
            if kind != RequestKind::Other
                && let Some(open) = db::requests::open_settlement(conn, record.reservation.id)?
            {
                return Ok::<_, AppError>(Err(open.number));
            }
            if let Some(draft) =
                db::requests::open_draft(conn, user.id, record.reservation.id, kind)?
            {
                return Ok(Ok(draft.token));
            }
            let fields = prefill(&record, kind, &user, &lang, today);
            let token = session::random_token();
            let now = session::now();
            db::requests::insert_draft(
                conn,
                &NewDraft {
                    token: token.clone(),
                    user_id: user.id,
                    reservation_id: record.reservation.id,
                    kind: kind.as_str().to_string(),
                    data: serde_json::to_string(&fields).map_err(AppError::internal)?,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            Ok(Ok(token))
        })
    })
    .await?;
    match started {
        Ok(token) => Ok(see_other(&step_path(&token, Step::Basics))),
        Err(open) => Ok(see_other(&super::queue::after(
            &open,
            Some("already-open"),
            None,
        ))),
    }
}

/// What a refund or an exchange starts with; other requests start blank
/// but for the contact details.
fn prefill(
    record: &Record,
    kind: RequestKind,
    user: &crate::db::users::User,
    lang: &crate::i18n::Lang,
    today: chrono::NaiveDate,
) -> RequestFields {
    let mut names = user.display_name.splitn(2, ' ');
    let contact = RequestFields {
        first_name: names.next().unwrap_or_default().to_string(),
        last_name: names.next().unwrap_or_default().to_string(),
        email: user.email.clone(),
        contact_method: "Email".into(),
        time_zone: "UTC".into(),
        country: record.customer.country.clone(),
        language: lang.tag(),
        ..RequestFields::default()
    };
    if kind == RequestKind::Other {
        return contact;
    }
    let name = &record.reservation.display_name;
    let summary_key = if kind == RequestKind::Refund {
        "request-summary-refund"
    } else {
        "request-summary-exchange"
    };
    RequestFields {
        issue_type: "Billing".into(),
        subscription: record.billing.id.to_string(),
        summary: lang.ts(summary_key, "name", name),
        problem_type: "Reservation management".into(),
        category: "Exchanges and refunds".into(),
        problem_start: today.format("%Y-%m-%d").to_string(),
        severity: "Minimal".into(),
        ..contact
    }
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

fn page(
    state: &AppState,
    signed_in: &SignedIn,
    loaded: Loaded,
    step: Step,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let Loaded {
        draft,
        fields,
        record,
        rights,
        quote,
        skus,
        regions,
    } = loaded;
    let subscriptions = record.names.subscription_options();
    let subscription_name = subscriptions
        .iter()
        .find(|(id, _)| id.to_string() == fields.subscription)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    let steps = [
        ("step-basics", Step::Basics),
        ("step-problem", Step::Problem),
        ("step-contact", Step::Contact),
        ("step-review", Step::Review),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (label_key, s))| StepLink {
        label_key,
        current: s == step,
        number: i + 1,
    })
    .collect();
    let wizard = WizardPage {
        ctx: page_ctx(signed_in, &record, "blade-support"),
        header: header(&record, Blade::Support, state.today(), signed_in, rights),
        step: step.key(),
        steps,
        kind: draft.kind,
        errors,
        quote,
        subscriptions,
        skus,
        regions,
        terms: vec!["P1Y", "P3Y", "P5Y"],
        action: step_path(&draft.token, step),
        discard_message: discard_message(signed_in, draft.kind, &record.reservation.display_name),
        back: (step != Step::Basics).then(|| step_path(&draft.token, step.previous())),
        order_id: record.order.order_guid,
        today: state.today().format("%Y-%m-%d").to_string(),
        lists: LISTS,
        subscription_name,
        f: fields,
    };
    render_with_status(&wizard, status)
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
    page(
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
    Ok(leave_wizard(req, &format!("/requests/{number}")))
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
                page(
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

/// What discarding a draft of `kind` for the reservation `name` means.
fn discard_message(signed_in: &SignedIn, kind: RequestKind, name: &str) -> String {
    let lang = &signed_in.lang;
    let kind = lang.t(&format!("request-kind-{}", kind.as_str().to_lowercase()));
    lang.ts2(
        "confirm-discard",
        ("kind", &kind.to_lowercase()),
        ("name", name),
    )
}

/// Cancel: asks first; once confirmed, deletes the draft and goes back to the
/// reservation's support blade.
async fn discard(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: &str,
    step: Step,
    current: Loaded,
    form: &[(String, String)],
) -> Result<HttpResponse, AppError> {
    let back = crate::web::paths::reservation_support(current.record.reservation.reservation_guid);
    let confirmed = form
        .iter()
        .any(|(k, v)| k == "confirmed" && crate::web::confirm::is_confirmed(v));
    if !confirmed {
        let lang = &signed_in.lang;
        return crate::web::confirm::page(
            signed_in,
            if signed_in.role() == crate::domain::roles::AgentRole::Customer {
                crate::web::context::Nav::Mine
            } else {
                crate::web::context::Nav::Customers
            },
            crate::web::confirm::Confirmation {
                title: lang.t("confirm-discard-title"),
                message: discard_message(
                    signed_in,
                    current.draft.kind,
                    &current.record.reservation.display_name,
                ),
                action: &step_path(token, step),
                fields: vec![("nav".into(), "discard".into())],
                confirm_label: lang.t("confirm-discard-button"),
                back: step_path(token, step),
            },
        );
    }
    let draft_id = current.draft.id;
    with_conn(state, move |conn| {
        db::requests::delete_draft(conn, draft_id)?;
        Ok(())
    })
    .await?;
    Ok(leave_wizard(req, &back))
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

/// What Create came to.
enum Creation {
    Done(String),
    /// Another refund or exchange of the reservation is open (shown instead).
    AlreadyOpen(String),
    Invalid,
}

async fn create(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    token: String,
    loaded: Loaded,
) -> Result<HttpResponse, AppError> {
    let today = state.today();
    let errors = check(Step::Review, &loaded.fields, &loaded, today);
    if !errors.is_empty() {
        return page(
            state,
            signed_in,
            loaded,
            Step::Review,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let user = signed_in.user.clone();
    let address = client_address(req, &state.config);
    let lookup_token = token.clone();
    let outcome = with_conn(state, move |conn| {
        conn.immediate_transaction(|conn| {
            // Inside the write lock: a second Create finds the first one's request.
            let (draft, fields) = own_draft(conn, &lookup_token, user.id)?;
            if let Some(id) = draft.request_id {
                return Ok::<_, AppError>(Creation::Done(db::requests::find(conn, id)?.number));
            }
            let reservation = db::reservations::find(conn, draft.reservation_id)?;
            if draft.kind != RequestKind::Other
                && let Some(open) = db::requests::open_settlement(conn, reservation.id)?
            {
                return Ok(Creation::AlreadyOpen(open.number));
            }
            let order = db::orders::find(conn, reservation.order_id)?;
            let quote = quoting::quote(conn, draft.kind, &reservation, &order, &fields, today)?;
            if quote.as_ref().is_some_and(|q| !q.allowed())
                || (draft.kind == RequestKind::Exchange && quote.is_none())
            {
                return Ok(Creation::Invalid);
            }
            let id = db::requests::create(
                conn,
                &NewRequest {
                    number: format!("pending-{}", draft.id),
                    draft_id: draft.id,
                    reservation_id: reservation.id,
                    customer_id: reservation.customer_id,
                    kind: draft.kind.as_str().to_string(),
                    status: RequestStatus::Open.as_str().to_string(),
                    title: fields.summary.trim().to_string(),
                    details: serde_json::to_string(&fields).map_err(AppError::internal)?,
                    quote: serde_json::to_string(&quote).map_err(AppError::internal)?,
                    created_by: user.id,
                    created_at: session::now(),
                },
            )?;
            let number = request_number(today, id);
            db::requests::set_number(conn, id, &number)?;
            db::requests::add_event(conn, id, &user.email, "created", None)?;
            let entry = NewEntry::new(
                (Some(user.id), &user.email),
                "request-created",
                ("reservation", &reservation.reservation_guid.to_string()),
                &address,
            )
            .change("", format!("{} {}", draft.kind.as_str(), number));
            db::audit::record(conn, &entry)?;
            Ok(Creation::Done(number))
        })
    })
    .await?;
    match outcome {
        Creation::Done(number) => Ok(leave_wizard(
            req,
            &super::queue::after(&number, Some("created"), None),
        )),
        Creation::AlreadyOpen(number) => Ok(leave_wizard(
            req,
            &super::queue::after(&number, Some("already-open"), None),
        )),
        Creation::Invalid => {
            let loaded = load(state, signed_in, token, None).await?;
            let mut errors = FieldErrors::new();
            errors.insert("quote", "quote-refused");
            page(
                state,
                signed_in,
                loaded,
                Step::Review,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}
