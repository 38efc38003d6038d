//! A request's page: the request, its history, the quote it was made with,
//! what Azure answered or would answer, and the forms that settle it.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::app::quoting::QuoteView;
use crate::app::{self, requests::view::Detail};
use crate::db::request_history::Event;
use crate::db::requests::Request;
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::request_details::StoredDetails;
use crate::domain::roles::{AgentRole, Permission};
use crate::domain::support::{RequestFields, RequestKind, RequestStatus};
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render};

/// A request's page.
#[derive(Template)]
#[template(path = "requests/detail.html")]
pub struct DetailPage {
    ctx: PageCtx,
    request: Request,
    fields: RequestFields,
    quote: Option<QuoteView>,
    events: Vec<Event>,
    reservation_name: String,
    reservation_href: String,
    reservation_id: ReservationId,
    order_id: OrderId,
    company: String,
    can_settle: bool,
    error: Option<String>,
    /// What Azure answered when the request was settled there.
    settlement: Option<crate::db::azure_settlements::Settlement>,
    /// Azure's own refund today (an open refund, when connected), or why
    /// Azure would refuse it.
    azure_quote: Option<Result<crate::app::system::Figures, String>>,
    /// What approving would refund today, by the dashboard's quote.
    live_refund: Option<crate::domain::money::Money>,
    /// The refund the dashboard booked.
    booked_refund: Option<crate::domain::money::Money>,
    /// What the last action did (after approve, reject, create).
    notice: Option<String>,
    reason: String,
    /// What approving will do, in one sentence (the confirmation).
    pub approve_message: String,
    /// What rejecting will do.
    pub reject_message: String,
}

impl DetailPage {
    /// Message ID of the status.
    pub fn status_key(&self) -> String {
        format!(
            "request-status-{}",
            self.request.status.as_str().to_lowercase()
        )
    }

    /// Message ID of the kind.
    pub fn kind_key(&self) -> String {
        format!("request-kind-{}", self.request.kind.as_str().to_lowercase())
    }

    /// Whether the request still waits for a decision.
    pub fn is_open(&self) -> bool {
        self.request.status == RequestStatus::Open
    }

    /// A history note in the reader's language: an approval's amounts (kept
    /// as data) formatted as money; anything else (a reason, a request
    /// number) as it was written.
    pub fn note_text(&self, note: &str) -> String {
        let lang = &self.ctx.lang;
        let Ok(serde_json::Value::Object(data)) = serde_json::from_str(note) else {
            return note.to_string();
        };
        let text = |key: &str| data.get(key).and_then(|v| v.as_str()).unwrap_or("");
        let money = |key: &str| {
            text(key)
                .parse::<crate::domain::money::Money>()
                .map(|m| lang.money(&m))
                .unwrap_or_default()
        };
        if data.contains_key("refund") {
            lang.ts3(
                "request-note-refund",
                ("refund", &money("refund")),
                ("fee", &money("fee")),
                ("counts", &money("counts")),
            )
        } else if data.contains_key("reservation") {
            lang.ts3(
                "request-note-exchange",
                ("reservation", text("reservation")),
                ("returned", &money("returned")),
                ("commitment", &money("commitment")),
            )
        } else {
            note.to_string()
        }
    }

    /// Azure's quote today and the dashboard's, when they differ: the
    /// difference in words.
    pub fn azure_quote_difference(&self) -> Option<String> {
        let Some(Ok(azure)) = &self.azure_quote else {
            return None;
        };
        let dashboard = self.live_refund?;
        (azure.amount != dashboard).then(|| {
            self.ctx.lang.ts2(
                "azure-quote-differs",
                ("azure", &self.ctx.lang.money(&azure.amount)),
                ("dashboard", &self.ctx.lang.money(&dashboard)),
            )
        })
    }

    /// Azure's refund and the dashboard's, when they differ: the
    /// difference in words.
    pub fn azure_difference(&self) -> Option<String> {
        let settled = self.settlement.as_ref()?;
        let booked = self.booked_refund?;
        let azure = settled.amount.0;
        (azure != booked).then(|| {
            self.ctx.lang.ts2(
                "azure-differs",
                ("azure", &self.ctx.lang.money(&azure)),
                ("dashboard", &self.ctx.lang.money(&booked)),
            )
        })
    }

    /// Message ID of a history event.
    pub fn event_key(&self, event: &str) -> String {
        format!("request-event-{event}")
    }
}

/// Loads a request's page for the signed-in user: agents who see customers,
/// and customer users with a role on its reservation (to anyone else it does
/// not exist).
pub async fn detail_page(
    state: &AppState,
    signed_in: &SignedIn,
    number: String,
    error: Option<String>,
    reason: String,
) -> Result<DetailPage, AppError> {
    let settles = signed_in.role().may(Permission::SettleRequests);
    let actor = signed_in.user_actor();
    let Detail {
        request,
        events,
        reservation,
        order,
        company,
        live_refund,
        settlement,
        booked_refund,
        azure_refusal,
        azure_quote,
    } = call(state, actor, move |ctx| {
        app::requests::view::detail(ctx, &number)
    })
    .await?;
    let lang = &signed_in.lang;
    let mut ctx = PageCtx::new(
        signed_in,
        if signed_in.role() == AgentRole::Customer {
            Nav::MyRequests
        } else {
            Nav::Requests
        },
    );
    ctx = if signed_in.role() == AgentRole::Customer {
        ctx.crumb(lang.t("nav-my-requests"), paths::MY_REQUESTS)
    } else {
        ctx.crumb(lang.t("nav-requests"), paths::REQUESTS)
    }
    .here(request.number.clone());
    let fields = StoredDetails::parse(&request.details).fields();
    let name = reservation.display_name.as_str();
    let approve_message = match (request.kind, live_refund) {
        (RequestKind::Exchange, _) if settles => lang.ts2(
            "confirm-approve-exchange",
            ("name", name),
            (
                "wanted",
                &format!(
                    "{} · {} · {} · {}",
                    fields.new_sku, fields.new_region, fields.new_term, fields.new_quantity
                ),
            ),
        ),
        (_, Some(refund)) => lang.ts2(
            "confirm-approve-refund",
            ("amount", &lang.money(&refund)),
            ("name", name),
        ),
        (RequestKind::Other, _) if settles => lang.t("settle-other-kind"),
        _ => String::new(),
    };
    let reject_message = lang.ts("confirm-reject", "name", name);
    // Azure refused the approval: its words after the app's sentence.
    let error = match (error, azure_refusal) {
        (Some(e), Some(said)) if e == lang.t("azure-refused") => {
            Some(format!("{e} {} {said}", lang.t("azure-said")))
        }
        (e, _) => e,
    };
    Ok(DetailPage {
        azure_quote,
        settlement,
        booked_refund,
        live_refund,
        ctx,
        approve_message,
        reject_message,
        notice: None,
        fields,
        quote: serde_json::from_str(&request.quote).unwrap_or(None),
        events,
        reservation_name: reservation.display_name.clone(),
        reservation_href: paths::reservation(reservation.reservation_guid),
        reservation_id: reservation.reservation_guid,
        order_id: order.order_guid,
        company,
        can_settle: settles,
        request,
        error,
        reason,
    })
}

/// What a request's page says after an action sent the browser back to it.
#[derive(Debug, Default, Deserialize)]
pub struct Outcome {
    /// `approved`, `rejected` or `created`.
    #[serde(default)]
    done: String,
    /// The message ID of why a decision did not go through.
    #[serde(default)]
    problem: String,
}

/// `GET /requests/{number}`: the request, with what the last action did.
pub async fn detail(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    number: web::Path<String>,
    outcome: web::Query<Outcome>,
) -> Result<HttpResponse, AppError> {
    let number: String = number.into_inner().chars().take(40).collect();
    let lang = signed_in.lang.clone();
    // Only the app's own message IDs are shown, never text from the URL.
    let error = (outcome.problem.starts_with("settle-")
        || outcome.problem.starts_with("refusal-")
        || outcome.problem == "azure-refused")
        .then(|| lang.t(&outcome.problem))
        .filter(|text| *text != outcome.problem);
    let mut page = detail_page(&state, &signed_in, number.clone(), error, String::new()).await?;
    page.notice = match outcome.done.as_str() {
        "approved" => Some(lang.ts("settle-approved-notice", "number", &number)),
        "rejected" => Some(lang.ts("settle-rejected-notice", "number", &number)),
        "created" => Some(lang.ts("request-created-notice", "number", &number)),
        "already-open" => Some(lang.ts("request-already-open-notice", "number", &number)),
        _ => None,
    };
    render(&page)
}

/// A request's page after an action: `done` says what happened, or
/// `problem` (a message ID) why it did not.
pub fn after(number: &str, done: Option<&str>, problem: Option<&str>) -> String {
    let base = paths::request(number);
    match (done, problem) {
        (Some(done), _) => format!("{base}?done={done}"),
        (None, Some(problem)) => format!("{base}?problem={}", paths::encode(problem)),
        (None, None) => base,
    }
}
