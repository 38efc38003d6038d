//! Reading a reservation: each blade's data, for users with the Read right
//! on it (customer users see only their own; to them others do not exist).

use chrono::Days;

use super::record::{Record, load_record};
use super::scope_names::ScopeNames;
use crate::app::{Ctx, Error, access};
use crate::db::audit::Entry;
use crate::db::keys::AssignmentKey;
use crate::db::links::Link;
use crate::db::requests::{ListQuery, RequestRow, Search};
use crate::db::role_assignments::Assignment;
use crate::db::{self};
use crate::domain::ids::ReservationId;
use crate::domain::roles::{Right, Rights};
use crate::domain::utilization;
use crate::domain::utilization::Permille;

/// The reservation `id` and what its blades show around it, with what the
/// acting user may do to it.
pub fn record(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<(Record, Rights), Error> {
    let (_, rights) = access::reservation_with(ctx, id, Right::Read)?;
    Ok((load_record(ctx.conn, id)?, rights))
}

/// What the Overview shows: the record, its daily utilization over the
/// chart's days, and the reservations it came from or became.
pub struct Overview {
    /// The record.
    pub record: Record,
    /// Daily utilization.
    pub days: Vec<(chrono::NaiveDate, Permille)>,
    /// Split, merge and renewal links.
    pub links: Vec<Link>,
}

/// The Overview of reservation `id`.
pub fn overview(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<Overview, Error> {
    let (record, _) = record(ctx, id)?;
    let today = ctx.clock.today();
    let since = today
        .checked_sub_days(Days::new(utilization::CHART_DAYS))
        .unwrap_or(today);
    let days = db::utilization::since(ctx.conn, record.reservation.id, since)?;
    let links = db::links::of(ctx.conn, record.reservation.id)?;
    Ok(Overview {
        record,
        days,
        links,
    })
}

/// The Activity log: the newest `limit` audit entries about the reservation.
pub fn activity(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    limit: i64,
) -> Result<(Record, Vec<Entry>), Error> {
    let (record, _) = record(ctx, id)?;
    let entries = db::audit::for_object(ctx.conn, "reservation", &id.to_string(), limit)?;
    Ok((record, entries))
}

/// The support blade: the reservation's requests, newest first.
pub fn requests(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<(Record, Vec<RequestRow>), Error> {
    let (record, _) = record(ctx, id)?;
    let (rows, _) = db::requests::list(
        ctx.conn,
        &ListQuery {
            status: None,
            customer_id: Some(record.reservation.customer_id),
            search: Search::Reservation(id.to_string()),
            offset: 0,
            limit: 100,
        },
    )?;
    Ok((record, rows))
}

/// Access control: who holds which role on the reservation.
pub fn assignments(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<Vec<Assignment>, Error> {
    let (reservation, _) = access::reservation_with(ctx, id, Right::Read)?;
    Ok(db::role_assignments::for_reservation(
        ctx.conn,
        reservation.id,
    )?)
}

/// One role assignment on the reservation (what removing it would remove).
pub fn assignment(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    assignment: AssignmentKey,
) -> Result<(String, Assignment), Error> {
    let (reservation, _) = access::reservation_with(ctx, id, Right::Read)?;
    let a = db::role_assignments::find(ctx.conn, reservation.id, assignment)?;
    Ok((reservation.display_name, a))
}

/// The names of the places of the reservation's customer (for the scope
/// pickers).
pub fn places(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<ScopeNames, Error> {
    let (reservation, _) = access::reservation_with(ctx, id, Right::Read)?;
    ScopeNames::load(ctx.conn, reservation.customer_id)
}
