//! Splitting a reservation in two and merging reservations of one order:
//! `GET`/`POST /reservations/{id}/split` and `/merge`, forms inside the
//! reservation's record, and the links between reservations its Overview
//! shows.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::record::{Blade, Record, RecordHeader, header, load, page_ctx, parse_id};
use crate::app::reservations::{merge as merging, split as splitting};
use crate::app::{Error, Refusal};
use crate::db::links::{Link, LinkKind};
use crate::domain::ids::ReservationId;
use crate::domain::lifecycle::{SplitRefusal, part_name};
use crate::domain::roles::Rights;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render_with_status, see_other};

/// The notices the Overview shows after these forms.
pub const NOTICES: [&str; 2] = ["split-done", "merge-done"];

/// A link to a reservation this one came from or became.
pub struct LinkRow {
    /// Message ID of how they are linked.
    pub label_key: &'static str,
    /// The other one's page.
    pub href: String,
    /// Its name.
    pub name: String,
    /// Its quantity.
    pub quantity: i32,
}

impl From<Link> for LinkRow {
    fn from(link: Link) -> LinkRow {
        let label_key = match (link.kind, link.onward) {
            (LinkKind::Split, true) => "link-split-into",
            (LinkKind::Split, false) => "link-split-from",
            (LinkKind::Merge, true) => "link-merged-into",
            (LinkKind::Merge, false) => "link-merged-from",
            (LinkKind::Renewal, true) => "link-renewed-as",
            (LinkKind::Renewal, false) => "link-renewed-from",
        };
        LinkRow {
            label_key,
            href: paths::reservation(link.other),
            name: link.name,
            quantity: link.quantity,
        }
    }
}

/// The Split form.
#[derive(Template)]
#[template(path = "reservations/split.html")]
pub struct SplitPage {
    ctx: PageCtx,
    header: RecordHeader,
    action: String,
    back: String,
    intro: String,
    names: String,
    first: String,
    second: String,
    quantity_error: Option<&'static str>,
    error: Option<String>,
}

/// The Split form's fields.
#[derive(Debug, Deserialize)]
pub struct SplitFields {
    #[serde(default)]
    version: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    second: String,
}

/// What the Split form shows besides the reservation.
#[derive(Default)]
struct SplitExtras {
    first: String,
    second: String,
    quantity_error: Option<&'static str>,
    error: Option<String>,
}

fn show_split(
    state: &AppState,
    signed_in: &SignedIn,
    rights: Rights,
    record: &Record,
    extras: SplitExtras,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let r = &record.reservation;
    let lang = &signed_in.lang;
    let page = SplitPage {
        ctx: page_ctx(signed_in, record, "split-title"),
        header: header(record, Blade::Overview, state.today(), signed_in, rights),
        action: paths::reservation_split(r.reservation_guid),
        back: paths::reservation(r.reservation_guid),
        intro: lang.tn("split-intro", "quantity", i64::from(r.quantity)),
        names: lang.ts2(
            "split-names",
            ("first", &part_name(&r.display_name, 1)),
            ("second", &part_name(&r.display_name, 2)),
        ),
        first: extras.first,
        second: extras.second,
        quantity_error: extras.quantity_error,
        error: extras.error,
    };
    render_with_status(&page, status)
}

/// `GET /reservations/{id}/split`: the form, with the quantity halved.
pub async fn split_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let record = load(&state, &signed_in, id).await?;
    let quantity = record.reservation.quantity;
    let extras = SplitExtras {
        first: (quantity / 2).to_string(),
        second: (quantity - quantity / 2).to_string(),
        ..SplitExtras::default()
    };
    show_split(&state, &signed_in, *rights, &record, extras, StatusCode::OK)
}

/// `POST /reservations/{id}/split`: splits, then shows the Overview of the
/// closed whole with links to its two parts.
pub async fn split(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    fields: web::Form<SplitFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let mut extras = SplitExtras {
        first: fields.first.chars().take(20).collect(),
        second: fields.second.chars().take(20).collect(),
        ..SplitExtras::default()
    };
    let record = load(&state, &signed_in, id).await?;
    let version = fields.version.trim().parse::<i32>().ok();
    let first = fields.first.trim().parse::<i32>().ok();
    let second = fields.second.trim().parse::<i32>().ok();
    let quantities = match (first, second) {
        (Some(a), Some(b))
            if a >= 1 && b >= 1 && a.checked_add(b) == Some(record.reservation.quantity) =>
        {
            Some(a)
        }
        _ => None,
    };
    let (Some(first), Some(version)) = (quantities, version) else {
        extras.quantity_error = Some(SplitRefusal::BadQuantities.message_id());
        return show_split(
            &state,
            &signed_in,
            *rights,
            &record,
            extras,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let actor = signed_in.actor(&req, &state.config);
    let done = call(&state, actor, move |ctx| {
        splitting::split(ctx, id, first, version)
    })
    .await;
    let status = match done {
        Ok(_) => {
            return Ok(see_other(&format!(
                "{}?notice={}",
                paths::reservation(id),
                NOTICES[0]
            )));
        }
        Err(Error::Refused(Refusal::Split(SplitRefusal::BadQuantities))) => {
            extras.quantity_error = Some(SplitRefusal::BadQuantities.message_id());
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(Error::Conflict) => {
            extras.error = Some(signed_in.lang.t("split-conflict"));
            StatusCode::CONFLICT
        }
        Err(Error::Refused(refusal)) => {
            extras.error = Some(refusal_text(&signed_in, &refusal));
            StatusCode::CONFLICT
        }
        Err(other) => return Err(other.into()),
    };
    // Shown again as it is now (a conflict brings the newer version).
    let record = load(&state, &signed_in, id).await?;
    show_split(&state, &signed_in, *rights, &record, extras, status)
}

/// A refusal in the user's words, Azure's own words after ours.
fn refusal_text(signed_in: &SignedIn, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Azure(remote) => format!(
            "{} {}",
            signed_in.lang.t(refusal.message_id()),
            remote.message
        ),
        other => signed_in.lang.t(other.message_id()),
    }
}

/// A reservation the Merge form offers.
pub struct CandidateRow {
    /// Its ID.
    pub id: ReservationId,
    /// Its page.
    pub href: String,
    /// Its name.
    pub name: String,
    /// Its quantity.
    pub quantity: i32,
    /// Its SKU.
    pub sku: String,
    /// Its region.
    pub region: String,
    /// Whether it was ticked.
    pub chosen: bool,
    /// Message ID of why it cannot be merged (shown apart).
    pub why_not: &'static str,
}

/// The Merge form.
#[derive(Template)]
#[template(path = "reservations/merge.html")]
pub struct MergePage {
    ctx: PageCtx,
    header: RecordHeader,
    action: String,
    back: String,
    candidates: Vec<CandidateRow>,
    others: Vec<CandidateRow>,
    choice_error: Option<&'static str>,
    error: Option<String>,
}

async fn show_merge(
    state: &AppState,
    signed_in: &SignedIn,
    rights: Rights,
    id: ReservationId,
    (chosen, choice_error, error): (Vec<ReservationId>, Option<&'static str>, Option<String>),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.user_actor();
    let (record, found) = call(state, actor, move |ctx| merging::candidates(ctx, id)).await?;
    let (mut candidates, mut others) = (Vec::new(), Vec::new());
    for c in found {
        let r = c.reservation;
        let row = CandidateRow {
            id: r.reservation_guid,
            href: paths::reservation(r.reservation_guid),
            chosen: chosen.contains(&r.reservation_guid),
            name: r.display_name,
            quantity: r.quantity,
            sku: r.sku,
            region: r.region,
            why_not: c.why_not.map_or("", |w| w.message_id()),
        };
        if c.why_not.is_none() {
            candidates.push(row);
        } else {
            others.push(row);
        }
    }
    let guid = record.reservation.reservation_guid;
    let page = MergePage {
        ctx: page_ctx(signed_in, &record, "merge-title"),
        header: header(&record, Blade::Overview, state.today(), signed_in, rights),
        action: paths::reservation_merge(guid),
        back: paths::reservation(guid),
        candidates,
        others,
        choice_error,
        error,
    };
    render_with_status(&page, status)
}

/// `GET /reservations/{id}/merge`: the reservations it can be merged with.
pub async fn merge_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    show_merge(
        &state,
        &signed_in,
        *rights,
        id,
        (Vec::new(), None, None),
        StatusCode::OK,
    )
    .await
}

/// `POST /reservations/{id}/merge` (`version`, and `with` once for each
/// reservation ticked): merges, then shows the merged reservation.
pub async fn merge(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|_| AppError::BadRequest("error-bad-request"))?;
    let version = fields
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .ok_or(AppError::BadRequest("error-bad-request"))?;
    // An ID that is not one is no choice at all; the use case checks the rest.
    let chosen: Vec<ReservationId> = fields
        .iter()
        .filter(|(k, _)| k == "with")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .take(100)
        .collect();
    let actor = signed_in.actor(&req, &state.config);
    let others = chosen.clone();
    let done = call(&state, actor, move |ctx| {
        merging::merge(ctx, id, version, &others)
    })
    .await;
    let (choice_error, error, status) = match done {
        Ok(merged) => {
            return Ok(see_other(&format!(
                "{}?notice={}",
                paths::reservation(merged),
                NOTICES[1]
            )));
        }
        Err(Error::Refused(refusal @ Refusal::Merge(_))) => (
            Some(refusal.message_id()),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(Error::Conflict) => (
            None,
            Some(signed_in.lang.t("merge-conflict")),
            StatusCode::CONFLICT,
        ),
        Err(Error::Refused(refusal)) => (
            None,
            Some(refusal_text(&signed_in, &refusal)),
            StatusCode::CONFLICT,
        ),
        Err(other) => return Err(other.into()),
    };
    show_merge(
        &state,
        &signed_in,
        *rights,
        id,
        (chosen, choice_error, error),
        status,
    )
    .await
}
