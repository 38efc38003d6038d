//! Merging reservations of one order into one: the same SKU, region,
//! term, scope type and expiry; the merged one has their whole quantity,
//! the first's name and scope, and their roles; the sources are closed as
//! merged and point to it.

use super::record::load_record;
use super::reshape::{self, Made, carry_over, entry, named, no_open_request, piece_of, refused};
use crate::app::{Ctx, Error, Refusal, access};
use crate::db::audit::{Action, NewEntry};
use crate::db::links::LinkKind;
use crate::db::reservations::Reservation;
use crate::domain::ids::ReservationId;
use crate::domain::lifecycle;
use crate::domain::money::Money;
use crate::domain::reservation::Closure;
use crate::domain::roles::Right;

/// The other reservations in force of `id`'s order, each with why it
/// cannot be merged with `id` (none: it can), for a user who may merge.
pub fn candidates(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
) -> Result<(super::record::Record, Vec<Candidate>), Error> {
    access::reservation_with(ctx, id, Right::Configure)?;
    let record = load_record(ctx.conn, id)?;
    let today = ctx.clock.today();
    let this = piece_of(&record.reservation, &record.order, today);
    let mut out = Vec::new();
    for other in crate::db::reservations::for_order(ctx.conn, record.reservation.order_id)? {
        if other.id == record.reservation.id || !other.status(today).in_force() {
            continue;
        }
        let why_not =
            lifecycle::merge(&[this.clone(), piece_of(&other, &record.order, today)]).err();
        out.push(Candidate {
            reservation: other,
            why_not,
        });
    }
    Ok((record, out))
}

/// Another reservation of the order, and why it cannot be merged (none:
/// it can).
pub struct Candidate {
    /// The reservation.
    pub reservation: Reservation,
    /// Why not.
    pub why_not: Option<lifecycle::MergeRefusal>,
}

/// Merges reservation `id`, as the user saw it at `version`, with
/// `others`, through the system of record. The user needs the Configure
/// right on each. A change to any since it was read is `Error::Conflict`.
/// The merged reservation's ID.
pub fn merge(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    version: i32,
    others: &[ReservationId],
) -> Result<ReservationId, Error> {
    let mut ids = vec![id];
    for other in others {
        if !ids.contains(other) {
            ids.push(*other);
        }
    }
    let mut sources: Vec<Reservation> = Vec::new();
    for each in &ids {
        let (reservation, _) = access::reservation_with(ctx, *each, Right::Configure)?;
        sources.push(reservation);
    }
    let record = load_record(ctx.conn, id)?;
    if record.reservation.version != version {
        return Err(Error::Conflict);
    }
    let today = ctx.clock.today();
    let mut pieces = Vec::new();
    for source in &sources {
        let order = crate::db::orders::find(ctx.conn, source.order_id)?;
        pieces.push(piece_of(source, &order, today));
    }
    let whole = lifecycle::merge(&pieces).map_err(Refusal::Merge)?;
    let keys: Vec<_> = sources.iter().map(|s| s.id).collect();
    no_open_request(ctx, &keys)?;
    let reshaped = match ctx.system.merge(&record.place(), &ids, whole.quantity) {
        Ok(reshaped) => reshaped,
        Err(e) => return Err(refused(ctx, id, e)),
    };
    let [(merged_id, _)] = reshaped.made[..] else {
        return Err(Error::Internal(
            "a merge made other than one reservation".into(),
        ));
    };
    let first = &sources[0];
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        for source in &sources {
            let version = if ctx.system.is_remote() {
                // Azure has merged them: a sync in between does not undo it here.
                crate::db::reservations::find(ctx.conn, source.id)?.version
            } else {
                source.version
            };
            if !crate::db::reservations::close(ctx.conn, source.id, version, Closure::Merged, now)?
            {
                return Err(Error::Conflict);
            }
        }
        let made = Made {
            price: sources.iter().map(|s| s.purchase_price).sum::<Money>(),
            dates: (first.purchase_date, whole.effective_date, first.expiry_date),
            ..Made::part_of(first, merged_id, first.display_name.clone(), whole.quantity)
        };
        let row = reshape::insert(ctx, &made, now)?;
        let refs: Vec<&Reservation> = sources.iter().collect();
        carry_over(ctx, &refs, (row, LinkKind::Merge), now)?;
        let from = named(
            sources
                .iter()
                .map(|s| (s.display_name.as_str(), s.quantity)),
        );
        let receipt = &reshaped.receipt;
        let into = format!("{} ({})", made.name, made.quantity);
        let mut entries: Vec<NewEntry> = sources
            .iter()
            .map(|s| {
                entry(
                    ctx,
                    (Action::ReservationMerged, s.reservation_guid.to_string()),
                    now,
                    receipt,
                )
                .change(s.quantity.to_string(), into.clone())
            })
            .collect();
        entries.push(
            entry(
                ctx,
                (Action::MergeResultMade, merged_id.to_string()),
                now,
                receipt,
            )
            .change(from, made.quantity.to_string()),
        );
        for e in &entries {
            ctx.audit(e)?;
        }
        Ok(())
    })?;
    Ok(merged_id)
}
