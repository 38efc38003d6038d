//! Splitting a reservation in two: the parts keep everything but the
//! quantity (and their share of the price); the whole is closed as split
//! and points to them.

use super::record::load_record;
use super::reshape::{
    self, Made, carry_over, entry, named, no_open_request, piece_of, refused, shares,
};
use crate::app::{Ctx, Error, Refusal, access};
use crate::db::audit::{Action, NewEntry};
use crate::db::links::LinkKind;
use crate::domain::ids::ReservationId;
use crate::domain::lifecycle::{self, part_name};
use crate::domain::reservation::Closure;
use crate::domain::roles::Right;

/// Splits reservation `id`, as the user saw it at `version`, into a part
/// of `first` and the rest, through the system of record. Someone else's
/// change since `version` (another split among them) is `Error::Conflict`.
/// The two parts' IDs.
pub fn split(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    first: i32,
    version: i32,
) -> Result<[ReservationId; 2], Error> {
    access::reservation_with(ctx, id, Right::Configure)?;
    let record = load_record(ctx.conn, id)?;
    let whole = &record.reservation;
    if whole.version != version {
        return Err(Error::Conflict);
    }
    let today = ctx.clock.today();
    let (a, b) =
        lifecycle::split(&piece_of(whole, &record.order, today), first).map_err(Refusal::Split)?;
    no_open_request(ctx, &[whole.id])?;
    let quantities = [a.quantity, b.quantity];
    let reshaped = match ctx.system.split(&record.place(), quantities) {
        Ok(reshaped) => reshaped,
        Err(e) => return Err(refused(ctx, id, e)),
    };
    let [(first_id, _), (second_id, _)] = reshaped.made[..] else {
        return Err(Error::Internal("a split made other than two parts".into()));
    };
    let prices = shares(whole.purchase_price, &quantities);
    let mut version = whole.version;
    ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        if ctx.system.is_remote() {
            // Azure has split it: a sync in between does not undo it here.
            version = crate::db::reservations::find_by_guid(ctx.conn, id)?.version;
        }
        if !crate::db::reservations::close(ctx.conn, whole.id, version, Closure::Split, now)? {
            return Err(Error::Conflict);
        }
        let mut parts = Vec::new();
        for (n, (part, price)) in [(first_id, a.quantity), (second_id, b.quantity)]
            .into_iter()
            .zip(prices.iter().copied())
            .enumerate()
        {
            let made = Made {
                price,
                ..Made::part_of(
                    whole,
                    part.0,
                    part_name(&whole.display_name, (n + 1) as u8),
                    part.1,
                )
            };
            let row = reshape::insert(ctx, &made, now)?;
            carry_over(ctx, &[whole], (row, LinkKind::Split), now)?;
            parts.push(made);
        }
        let split_into = named(parts.iter().map(|p| (p.name.as_str(), p.quantity)));
        let receipt = &reshaped.receipt;
        let whole_entry = entry(
            ctx,
            (Action::ReservationSplit, id.to_string()),
            now,
            receipt,
        )
        .change(whole.quantity.to_string(), split_into);
        let part_entries: Vec<NewEntry> = parts
            .iter()
            .map(|p| {
                entry(ctx, (Action::SplitPartMade, p.id.to_string()), now, receipt).change(
                    format!("{} ({})", whole.display_name, whole.quantity),
                    p.quantity.to_string(),
                )
            })
            .collect();
        ctx.audit(&whole_entry)?;
        for e in &part_entries {
            ctx.audit(e)?;
        }
        Ok(())
    })?;
    Ok([first_id, second_id])
}
