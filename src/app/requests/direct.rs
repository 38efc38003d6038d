//! Creating a refund or exchange request in one call (the JSON API): a
//! draft of its own, never the agent's unfinished one in the wizard,
//! pre-filled as the wizard would be, completed with what the call gives,
//! and created with every check of the wizard's Review. Nothing stays
//! behind when nothing is created.

use super::drafts::{self, Contact, Creation, prefill};
use crate::app::reservations::record::load_record;
use crate::app::{Ctx, Error, access};
use crate::db::drafts::NewDraft;
use crate::db::{self};
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
    let token = crate::app::sessions::random_token();
    let now = ctx.clock.now();
    db::drafts::insert(
        ctx.conn,
        &NewDraft {
            token: token.clone(),
            user_id,
            reservation_id: record.reservation.id,
            kind,
            data: serde_json::to_string(&fields).map_err(Error::internal)?,
            created_at: now,
            updated_at: now,
        },
    )?;
    let created = drafts::create(ctx, &token);
    if !matches!(created, Ok(Creation::Done(_))) {
        // Nothing was created: the call's own draft goes too.
        drafts::discard(ctx, &token)?;
    }
    created
}
