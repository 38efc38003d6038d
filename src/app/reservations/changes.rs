//! What a save changes: the settings before and after, each with the audit
//! action it is written under.

use super::scope_names::ScopeNames;
use crate::db::reservations::{Configuration, Reservation};
use crate::domain::audit::Action;
use crate::domain::scope::AppliedScope;

/// One changed setting: message ID of its name, before, after.
#[derive(Debug, Clone)]
pub struct Change {
    /// Message ID of the setting.
    pub label_key: &'static str,
    /// Value before.
    pub before: String,
    /// Value after.
    pub after: String,
}

/// The configurable part of a stored reservation.
pub fn configuration_of(r: &Reservation) -> Configuration {
    Configuration {
        display_name: r.display_name.clone(),
        scope_type: r.scope_type,
        scope_subscription_id: r.scope_subscription_id,
        scope_resource_group_id: r.scope_resource_group_id,
        scope_management_group_id: r.scope_management_group_id,
        instance_flexibility: r.instance_flexibility.clone(),
        renew: r.renew,
        renew_term: r.renew_term.clone(),
        renew_billing_plan: r.renew_billing_plan.clone(),
        renew_quantity: r.renew_quantity,
    }
}

fn scope_of(c: &Configuration) -> Option<AppliedScope> {
    AppliedScope::from_columns(
        c.scope_type,
        c.scope_subscription_id,
        c.scope_resource_group_id,
        c.scope_management_group_id,
    )
}

/// The settings that differ, each with its audit action.
pub fn differences(
    names: &ScopeNames,
    before: &Configuration,
    after: &Configuration,
) -> Vec<(Action, Change)> {
    let mut out = Vec::new();
    let yes_no = |b: bool| if b { "On" } else { "Off" }.to_string();
    if before.display_name != after.display_name {
        out.push((
            Action::ReservationRenamed,
            Change {
                label_key: "field-name",
                before: before.display_name.clone(),
                after: after.display_name.clone(),
            },
        ));
    }
    let (b, a) = (scope_of(before), scope_of(after));
    if b != a {
        let text = |s: Option<AppliedScope>| s.map(|s| names.audit_text(&s)).unwrap_or_default();
        out.push((
            Action::ScopeChanged,
            Change {
                label_key: "field-scope",
                before: text(b),
                after: text(a),
            },
        ));
    }
    if before.instance_flexibility != after.instance_flexibility {
        out.push((
            Action::FlexibilityChanged,
            Change {
                label_key: "field-flexibility",
                before: before.instance_flexibility.clone().unwrap_or_default(),
                after: after.instance_flexibility.clone().unwrap_or_default(),
            },
        ));
    }
    let plan = |c: &Configuration| {
        (
            c.renew_term.clone(),
            c.renew_billing_plan.clone(),
            c.renew_quantity,
        )
    };
    if after.renew && plan(before) != plan(after) {
        let text =
            |c: &Configuration| match (&c.renew_term, &c.renew_billing_plan, c.renew_quantity) {
                (Some(term), Some(billing), Some(quantity)) => {
                    format!("{term} · {billing} · {quantity}")
                }
                _ => "Same".to_string(),
            };
        out.push((
            Action::RenewalPlanChanged,
            Change {
                label_key: "field-renewal-plan",
                before: text(before),
                after: text(after),
            },
        ));
    }
    if before.renew != after.renew {
        out.push((
            Action::RenewChanged,
            Change {
                label_key: "field-renew",
                before: yes_no(before.renew),
                after: yes_no(after.renew),
            },
        ));
    }
    out
}
