//! Revisions: every change to a reservation is a revision (what changed,
//! by whom, when, before and after), and a reservation can be viewed as it
//! was at any of them.

use super::changes::Change;
use super::record::{Record, load_record};
use super::scope_names::ScopeNames;
use crate::app::{Ctx, Error, access};
use crate::db::revisions::Revision;
use crate::db::{self};
use crate::domain::ids::ReservationId;
use crate::domain::roles::Right;
use crate::domain::scope::AppliedScope;

/// How many revisions the Activity log lists.
pub const LISTED: i64 = 200;

/// A revision as the pages show it.
#[derive(Debug, Clone)]
pub struct RevisionView {
    /// The reservation as it was.
    pub revision: Revision,
    /// Who made the change (as the audit log names them), if recorded.
    pub by: Vec<String>,
    /// What changed from the revision before; empty for the first.
    pub changes: Vec<Change>,
}

impl RevisionView {
    /// Its number.
    pub fn number(&self) -> i64 {
        i64::from(self.revision.version)
    }
}

/// The revisions of reservation `id`, newest first.
pub fn list(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<(Record, Vec<RevisionView>), Error> {
    access::reservation_with(ctx, id, Right::Read)?;
    let record = load_record(ctx.conn, id)?;
    let mut rows = db::revisions::of(ctx.conn, record.reservation.id, LISTED + 1)?;
    let entries = db::audit::for_object(ctx.conn, "reservation", &id.to_string(), 10 * LISTED)?;
    let mut out = Vec::new();
    while !rows.is_empty() && (out.len() as i64) < LISTED {
        let revision = rows.remove(0);
        let changes = differences(&record.names, rows.first(), &revision);
        out.push(view(revision, changes, &entries));
    }
    Ok((record, out))
}

/// Reservation `id` as it was at `version`.
pub fn at(
    ctx: &mut Ctx<'_>,
    id: ReservationId,
    version: i32,
) -> Result<(Record, RevisionView), Error> {
    access::reservation_with(ctx, id, Right::Read)?;
    let record = load_record(ctx.conn, id)?;
    let (this, before) = db::revisions::at(ctx.conn, record.reservation.id, version)?;
    let revision = this.ok_or(Error::NotFound)?;
    let entries = db::audit::for_object(ctx.conn, "reservation", &id.to_string(), 10 * LISTED)?;
    let changes = differences(&record.names, before.as_ref(), &revision);
    Ok((record, view(revision, changes, &entries)))
}

fn view(revision: Revision, changes: Vec<Change>, entries: &[db::audit::Entry]) -> RevisionView {
    let mut by: Vec<String> = entries
        .iter()
        .filter(|e| e.at == revision.changed_at)
        .map(|e| e.actor_email.clone())
        .collect();
    by.dedup();
    RevisionView {
        revision,
        by,
        changes,
    }
}

/// What changed from `before` to `after`, setting by setting.
pub fn differences(names: &ScopeNames, before: Option<&Revision>, after: &Revision) -> Vec<Change> {
    let Some(before) = before else {
        return Vec::new();
    };
    let scope = |r: &Revision| {
        AppliedScope::from_columns(
            r.scope_type,
            r.scope_subscription_id,
            r.scope_resource_group_id,
            r.scope_management_group_id,
        )
        .map(|s| names.audit_text(&s))
        .unwrap_or_default()
    };
    let on_off = |b: bool| if b { "On" } else { "Off" }.to_string();
    let state = |r: &Revision| {
        r.closed_by
            .clone()
            .unwrap_or_else(|| r.provisioning_state.as_str().to_string())
    };
    let plan = |r: &Revision| match (&r.renew_term, &r.renew_billing_plan, r.renew_quantity) {
        (Some(t), Some(p), Some(q)) => format!("{t} · {p} · {q}"),
        _ => "Same".to_string(),
    };
    let fields: [(&'static str, String, String); 9] = [
        (
            "field-name",
            before.display_name.clone(),
            after.display_name.clone(),
        ),
        (
            "field-quantity",
            before.quantity.to_string(),
            after.quantity.to_string(),
        ),
        ("field-scope", scope(before), scope(after)),
        (
            "field-flexibility",
            before.instance_flexibility.clone().unwrap_or_default(),
            after.instance_flexibility.clone().unwrap_or_default(),
        ),
        ("field-renew", on_off(before.renew), on_off(after.renew)),
        ("field-renewal-plan", plan(before), plan(after)),
        (
            "status-archived",
            on_off(before.archived),
            on_off(after.archived),
        ),
        ("field-status", state(before), state(after)),
        (
            "field-expiry",
            before.expiry_date.to_string(),
            after.expiry_date.to_string(),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(label_key, before, after)| Change {
            label_key,
            before,
            after,
        })
        .collect()
}
