//! Creating a refund or exchange request in one call (the JSON API): a
//! draft of its own, never the agent's unfinished one in the wizard,
//! pre-filled as the wizard would be, completed with what the call gives,
//! and created with every check of the wizard's Review. Nothing stays
//! behind when nothing is created.

use super::drafts::{self, Contact, Creation};
use super::new_draft::{self, prefill};
use crate::app::reservations::record::load_record;
use crate::app::{Ctx, Error, access};
use crate::domain::ids::ReservationId;
use crate::domain::roles::Right;
use crate::domain::support::{RequestFields, RequestKind};
use crate::i18n::Lang;

/// Creates a request of `kind` about `reservation`, its fields the
/// wizard's defaults changed by `complete`.
pub fn create(
    ctx: &mut Ctx<'_>,
    reservation: ReservationId,
    kind: RequestKind,
    (contact, lang): (&Contact, &Lang),
    complete: impl FnOnce(&mut RequestFields),
) -> Result<Creation, Error> {
    let user_id = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    access::reservation_with(ctx, reservation, Right::Request)?;
    let record = load_record(ctx.conn, reservation)?;
    let mut fields = prefill(&record, kind, contact, lang, ctx.clock.today());
    complete(&mut fields);
    let token = new_draft::insert(ctx, user_id, &record, kind, &fields)?;
    let created = drafts::create(ctx, &token);
    if !matches!(created, Ok(Creation::Done(_))) {
        // Nothing was created: the call's own draft goes too.
        drafts::discard(ctx, &token)?;
    }
    created
}
