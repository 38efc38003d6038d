//! Drafts of support requests: started from a reservation (pre-filled for
//! refunds and exchanges), saved step by step, checked on the server, and
//! either discarded or created as a request, once, however often Create is
//! sent.

use super::new_draft::{self, prefill};
use crate::app::quoting::{self, QuoteView};
use crate::app::reservations::record::{Record, load_record};
use crate::app::reservations::scope_names::ScopeNames;
use crate::app::{Ctx, Error, access};

pub use super::new_draft::Contact;
use crate::db::audit::{Action, NewEntry};
use crate::db::drafts::Draft;
use crate::db::requests::NewRequest;
use crate::db::{self};
use crate::domain::ids::ReservationId;
use crate::domain::request_details::RequestDetails;
use crate::domain::roles::{Right, Rights};
use crate::domain::support::{
    FieldErrors, RequestFields, RequestKind, RequestStatus, request_number,
};
use crate::i18n::Lang;

/// The steps of a draft.
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
    /// Every step, in order.
    pub const ALL: [Step; 4] = [Step::Basics, Step::Problem, Step::Contact, Step::Review];

    /// The step's name in paths and messages.
    pub fn key(&self) -> &'static str {
        match self {
            Step::Basics => "basics",
            Step::Problem => "problem",
            Step::Contact => "contact",
            Step::Review => "review",
        }
    }

    /// The step named `s`.
    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.key() == s)
    }

    /// Its place, from 0.
    pub fn index(&self) -> usize {
        Step::ALL.iter().position(|s| s == self).unwrap_or(0)
    }

    /// The step after it (Review is last).
    pub fn next(&self) -> Step {
        Step::ALL[(self.index() + 1).min(3)]
    }

    /// The step before it (Basics is first).
    pub fn previous(&self) -> Step {
        Step::ALL[self.index().saturating_sub(1)]
    }
}

/// A draft with everything its steps show.
pub struct Opened {
    /// The draft.
    pub draft: Draft,
    /// What has been typed (or the fields being checked).
    pub fields: RequestFields,
    /// The reservation it is about.
    pub record: Record,
    /// What the acting user may do to it.
    pub rights: Rights,
    /// The quote as of today, for refunds and chosen exchanges.
    pub quote: Option<QuoteView>,
    /// Exchange: the SKUs of the reservation's type, as (SKU, description).
    pub skus: Vec<(String, String)>,
    /// Exchange: the regions of the catalogue.
    pub regions: Vec<String>,
}

/// Reads a draft of the acting user (anyone else's does not exist for them).
fn own_draft(ctx: &mut Ctx<'_>, token: &str) -> Result<(Draft, RequestFields), Error> {
    let draft = db::drafts::find(ctx.conn, token)?;
    if Some(draft.user_id) != ctx.actor.user_id {
        return Err(Error::NotFound);
    }
    let fields = serde_json::from_str(&draft.data).unwrap_or_default();
    Ok((draft, fields))
}

/// Opens the acting user's draft `token`, with `fields` in place of the
/// stored ones when given (to check what was just typed).
pub fn open(
    ctx: &mut Ctx<'_>,
    token: &str,
    fields: Option<RequestFields>,
) -> Result<Opened, Error> {
    let (draft, stored) = own_draft(ctx, token)?;
    let fields = fields.unwrap_or(stored);
    let reservation = db::reservations::find(ctx.conn, draft.reservation_id)?;
    let record = load_record(ctx.conn, reservation.reservation_guid)?;
    let rights = access::rights_on(ctx, &record.reservation)?;
    if !rights.request {
        return Err(Error::NotFound);
    }
    let quote = quoting::quote(ctx, draft.kind, &record.reservation, &record.order, &fields)?;
    let (skus, regions) = if draft.kind == RequestKind::Exchange {
        (
            db::catalogue::skus_of(ctx.conn, record.reservation.resource_type)?,
            db::catalogue::regions(ctx.conn)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Opened {
        draft,
        fields,
        record,
        rights,
        quote,
        skus,
        regions,
    })
}

/// The errors of a step (and, at Problem, why the quote stops the request);
/// Review checks every step.
pub fn check(step: Step, opened: &Opened, today: chrono::NaiveDate) -> FieldErrors {
    let f = &opened.fields;
    let subscriptions: Vec<i64> = opened
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
            match (&opened.draft.kind, &opened.quote) {
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
                all.extend(check(s, opened, today));
            }
            all
        }
    }
}

/// What starting a request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A new draft, or the acting user's unfinished one, by its token.
    Draft(String),
    /// A refund or exchange of the reservation is open already: its number.
    AlreadyOpen(String),
}

/// Starts a request of `kind` about `reservation`: the acting user's
/// unfinished draft of that kind, or a new one pre-filled in `lang`. One
/// refund or exchange at a time: the open one is named instead.
pub fn start(
    ctx: &mut Ctx<'_>,
    reservation: ReservationId,
    kind: RequestKind,
    contact: &Contact,
    lang: &Lang,
) -> Result<Started, Error> {
    start_suggested(
        ctx,
        reservation,
        kind,
        (contact, lang),
        &RequestFields::default(),
    )
}

/// [`start`], with the exchange's new reservation chosen as `suggested`
/// says (a recommendation's "Exchange" button): its SKU, region, term and
/// quantity, when given, fill the draft's, a new one or the one left
/// unfinished. The wizard checks them as if typed.
pub fn start_suggested(
    ctx: &mut Ctx<'_>,
    reservation: ReservationId,
    kind: RequestKind,
    (contact, lang): (&Contact, &Lang),
    suggested: &RequestFields,
) -> Result<Started, Error> {
    let suggest = |fields: &mut RequestFields| {
        if kind == RequestKind::Exchange && !suggested.new_quantity.is_empty() {
            fields.new_sku = suggested.new_sku.clone();
            fields.new_region = suggested.new_region.clone();
            fields.new_term = suggested.new_term.clone();
            fields.new_quantity = suggested.new_quantity.clone();
        }
    };
    let user_id = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    access::reservation_with(ctx, reservation, Right::Request)?;
    let record = load_record(ctx.conn, reservation)?;
    ctx.transaction(|ctx| {
        if kind != RequestKind::Other
            && let Some(open) = db::requests::open_settlement(ctx.conn, record.reservation.id)?
        {
            return Ok(Started::AlreadyOpen(open.number));
        }
        if let Some(draft) = db::drafts::open_for(ctx.conn, user_id, record.reservation.id, kind)? {
            if !suggested.new_quantity.is_empty() {
                let mut fields: RequestFields =
                    serde_json::from_str(&draft.data).map_err(Error::internal)?;
                suggest(&mut fields);
                let data = serde_json::to_string(&fields).map_err(Error::internal)?;
                db::drafts::save(ctx.conn, draft.id, &data, ctx.clock.now())?;
            }
            return Ok(Started::Draft(draft.token));
        }
        let mut fields = prefill(&record, kind, contact, lang, ctx.clock.today());
        suggest(&mut fields);
        Ok(Started::Draft(new_draft::insert(
            ctx, user_id, &record, kind, &fields,
        )?))
    })
}

/// Keeps what was typed in the acting user's draft `token`.
pub fn save(ctx: &mut Ctx<'_>, token: &str, fields: &RequestFields) -> Result<(), Error> {
    let (draft, _) = own_draft(ctx, token)?;
    let data = serde_json::to_string(fields).map_err(Error::internal)?;
    let now = ctx.clock.now();
    db::drafts::save(ctx.conn, draft.id, &data, now)?;
    Ok(())
}

/// Deletes the acting user's draft `token` (not one already created).
pub fn discard(ctx: &mut Ctx<'_>, token: &str) -> Result<(), Error> {
    let (draft, _) = own_draft(ctx, token)?;
    db::drafts::delete(ctx.conn, draft.id)?;
    Ok(())
}

/// The number of the request made from the acting user's draft `token`,
/// if one was.
pub fn created_from(ctx: &mut Ctx<'_>, token: &str) -> Result<Option<String>, Error> {
    let (draft, _) = own_draft(ctx, token)?;
    match draft.request_id {
        Some(id) => Ok(Some(db::requests::find(ctx.conn, id)?.number)),
        None => Ok(None),
    }
}

/// What Create came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Creation {
    /// The request exists (made now, or by an earlier Create): its number.
    Done(String),
    /// Another refund or exchange of the reservation is open: its number.
    AlreadyOpen(String),
    /// What is wrong with the draft, by field.
    Invalid(FieldErrors),
}

/// Creates the request of the acting user's draft `token`, once: every step
/// is checked again, and the quote as of today must still allow it.
pub fn create(ctx: &mut Ctx<'_>, token: &str) -> Result<Creation, Error> {
    // Opening checks the acting user still has the Request right on the
    // reservation; the details are checked inside the write lock.
    open(ctx, token, None)?;
    let today = ctx.clock.today();
    ctx.transaction(|ctx| {
        // Inside the write lock: a second Create finds the first one's request.
        let (draft, fields) = own_draft(ctx, token)?;
        if let Some(id) = draft.request_id {
            return Ok(Creation::Done(db::requests::find(ctx.conn, id)?.number));
        }
        let reservation = db::reservations::find(ctx.conn, draft.reservation_id)?;
        if draft.kind != RequestKind::Other
            && let Some(open) = db::requests::open_settlement(ctx.conn, reservation.id)?
        {
            return Ok(Creation::AlreadyOpen(open.number));
        }
        let order = db::orders::find(ctx.conn, reservation.order_id)?;
        let quote = quoting::quote(ctx, draft.kind, &reservation, &order, &fields)?;
        if quote.as_ref().is_some_and(|q| !q.allowed())
            || (draft.kind == RequestKind::Exchange && quote.is_none())
        {
            let mut errors = FieldErrors::new();
            errors.insert("quote", "quote-refused");
            return Ok(Creation::Invalid(errors));
        }
        let subscriptions: Vec<i64> = ScopeNames::load(ctx.conn, reservation.customer_id)?
            .subscription_options()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let details = match RequestDetails::check(&fields, draft.kind, &subscriptions, today) {
            Ok(details) => details,
            Err(errors) => return Ok(Creation::Invalid(errors)),
        };
        let now = ctx.clock.now();
        let id = db::requests::create(
            ctx.conn,
            &NewRequest {
                number: format!("pending-{}", draft.id),
                draft_id: draft.id,
                reservation_id: reservation.id,
                customer_id: reservation.customer_id,
                kind: draft.kind,
                status: RequestStatus::Open,
                title: details.summary.clone(),
                details: serde_json::to_string(&details).map_err(Error::internal)?,
                quote: serde_json::to_string(&quote).map_err(Error::internal)?,
                created_by: draft.user_id,
                created_at: now,
            },
        )?;
        let number = request_number(today, id.0);
        db::requests::set_number(ctx.conn, id, &number)?;
        db::request_history::add(ctx.conn, id, &ctx.actor.email, "created", None, now)?;
        ctx.audit(
            &NewEntry::new(
                ctx.actor.audit_name(),
                Action::RequestCreated,
                ("reservation", &reservation.reservation_guid.to_string()),
                &ctx.actor.address,
                now,
            )
            .change("", format!("{} ({number})", draft.kind.as_str())),
        )?;
        let request = db::requests::find(ctx.conn, id)?;
        crate::app::alerts::request_created(ctx, &request, &reservation)?;
        Ok(Creation::Done(number))
    })
}
