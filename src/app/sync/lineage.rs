//! Reading from Azure which reservation came from which: a split, merge
//! or renewal made in the portal is linked here as one made here is.

use super::super::{Ctx, Error};
use super::store::Writer;
use crate::db::keys::ReservationKey;
use crate::db::links::{self, LinkKind};
use crate::db::reservations;
use crate::domain::ids::ReservationId;
use crate::domain::remote::{Lineage, Snapshot};

impl Writer {
    /// Links each reservation to those Azure says it came from (a split's
    /// source, a merge's sources, the one it renews) where both are this
    /// customer's here and are not linked yet: a split, merge or renewal
    /// made in the portal shows on both Overviews as one made here does.
    pub(super) fn lineage(&mut self, ctx: &mut Ctx<'_>, snapshot: &Snapshot) -> Result<(), Error> {
        for remote in &snapshot.reservations {
            for (how, source) in &remote.came_from {
                let (Some(from), Some(to)) = (self.own(ctx, *source)?, self.own(ctx, remote.id)?)
                else {
                    continue;
                };
                let kind = match how {
                    Lineage::Split => LinkKind::Split,
                    Lineage::Merge => LinkKind::Merge,
                    Lineage::Renewal => LinkKind::Renewal,
                };
                if links::exists(ctx.conn, from, to)?
                    || (kind == LinkKind::Renewal && links::renewal_of(ctx.conn, from)?.is_some())
                {
                    continue;
                }
                links::insert(ctx.conn, from, to, kind, self.now)?;
            }
        }
        Ok(())
    }

    /// The row of reservation `id` if it is stored as this customer's.
    fn own(&self, ctx: &mut Ctx<'_>, id: ReservationId) -> Result<Option<ReservationKey>, Error> {
        match reservations::find_by_guid(ctx.conn, id) {
            Ok(r) if r.customer_id == self.customer => Ok(Some(r.id)),
            Ok(_) | Err(diesel::result::Error::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
