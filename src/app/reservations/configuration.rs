//! Changing a reservation's configuration: applied scope, name, instance
//! size flexibility and auto-renew. The change names the version it was
//! made from, so a save over someone else's newer change is refused with
//! their values, never written over them.

use super::changes::{Change, configuration_of, differences};
use super::record::{Record, load_record};
use crate::app::system::Applied;
use crate::app::system::Renewal;
use crate::app::{Ctx, Error, Refusal, access, remote};
use crate::db::audit::NewEntry;
use crate::db::reservations::Configuration;
use crate::domain::ids::ReservationId;
use crate::domain::money::Money;
use crate::domain::renewal::{RenewalPlan, check_quantity};
use crate::domain::reservation::{BillingPlan, InstanceFlexibility, Term};
use crate::domain::roles::Right;
use crate::domain::scope::{AppliedScope, ScopeChoice, ScopeProblem, check_reservation_name};

/// A configuration as asked for.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// New name.
    pub name: String,
    /// The scope chosen.
    pub scope: ScopeChoice,
    /// `On` or `Off` (types with flexibility only; empty otherwise).
    pub flexibility: String,
    /// Whether it should renew by itself at expiry (the ticked checkbox).
    pub renew: bool,
    /// The renewal's term (`P1Y`, `P3Y`, `P5Y`), when it renews.
    pub renew_term: String,
    /// The renewal's billing plan (`Upfront`, `Monthly`).
    pub renew_plan: String,
    /// The renewal's quantity, as typed.
    pub renew_quantity: String,
    /// The version the change was made from.
    pub version: i32,
}

/// Messages next to the fields (message IDs).
#[derive(Debug, Default)]
pub struct Problems {
    /// Next to the name.
    pub name: Option<&'static str>,
    /// Next to the scope type.
    pub scope: Option<&'static str>,
    /// Next to the subscription.
    pub subscription: Option<&'static str>,
    /// Next to the resource group.
    pub resource_group: Option<&'static str>,
    /// Next to the management group.
    pub management_group: Option<&'static str>,
    /// Next to flexibility.
    pub flexibility: Option<&'static str>,
    /// Next to the renewal's term.
    pub renew_term: Option<&'static str>,
    /// Next to the renewal's billing plan.
    pub renew_plan: Option<&'static str>,
    /// Next to the renewal's quantity.
    pub renew_quantity: Option<&'static str>,
}

impl Problems {
    /// Whether any field has a problem.
    pub fn any(&self) -> bool {
        [
            self.name,
            self.scope,
            self.subscription,
            self.resource_group,
            self.management_group,
            self.flexibility,
            self.renew_term,
            self.renew_plan,
            self.renew_quantity,
        ]
        .iter()
        .any(Option::is_some)
    }
}

/// The scope a stored reservation has, as a choice in the form.
pub fn scope_choice_of(r: &crate::db::reservations::Reservation) -> ScopeChoice {
    let scope = AppliedScope::from_columns(
        r.scope_type,
        r.scope_subscription_id,
        r.scope_resource_group_id,
        r.scope_management_group_id,
    );
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    ScopeChoice {
        kind: scope.map_or("shared", |s| s.kind()).to_string(),
        subscription: match scope {
            Some(AppliedScope::Single { subscription })
            | Some(AppliedScope::ResourceGroup { subscription, .. }) => subscription.to_string(),
            _ => String::new(),
        },
        resource_group: match scope {
            Some(AppliedScope::ResourceGroup { resource_group, .. }) => id(Some(resource_group)),
            _ => String::new(),
        },
        management_group: match scope {
            Some(AppliedScope::ManagementGroup { management_group }) => id(Some(management_group)),
            _ => String::new(),
        },
    }
}

/// The renewal asked for, checked against the terms the catalogue sells
/// (`terms`): none when it does not renew; nothing stored when it renews
/// as it is now (same term, plan and quantity).
fn check_renewal(
    record: &Record,
    input: &Input,
    terms: &[(Term, Money)],
    problems: &mut Problems,
) -> Option<Option<RenewalPlan>> {
    if !input.renew {
        return Some(None);
    }
    // A field left empty renews as it is now.
    let blank = |text: &str| text.trim().is_empty();
    let term = match Term::parse(&input.renew_term) {
        _ if blank(&input.renew_term) => Some(record.order.term),
        Some(term) if terms.iter().any(|(t, _)| *t == term) => Some(term),
        Some(_) => {
            problems.renew_term = Some("renew-term-unavailable");
            None
        }
        None => {
            problems.renew_term = Some("renew-term-choose");
            None
        }
    };
    let billing_plan = match BillingPlan::parse(&input.renew_plan) {
        _ if blank(&input.renew_plan) => Some(record.order.billing_plan),
        Some(plan) => Some(plan),
        None => {
            problems.renew_plan = Some("renew-plan-choose");
            None
        }
    };
    let quantity = if blank(&input.renew_quantity) {
        Some(record.reservation.quantity)
    } else {
        check_quantity(&input.renew_quantity)
            .map_err(|e| problems.renew_quantity = Some(e))
            .ok()
    };
    let plan = RenewalPlan {
        term: term?,
        billing_plan: billing_plan?,
        quantity: quantity?,
    };
    let same = RenewalPlan {
        term: record.order.term,
        billing_plan: record.order.billing_plan,
        quantity: record.reservation.quantity,
    };
    Some((plan != same).then_some(plan))
}

/// Checks `input` against the reservation, its customer's places and the
/// terms the catalogue sells for its SKU and region (`terms`).
pub fn check(
    record: &Record,
    input: &Input,
    terms: &[(Term, Money)],
) -> Result<Configuration, Box<Problems>> {
    let mut problems = Problems::default();
    let renewal = check_renewal(record, input, terms, &mut problems);
    let name = check_reservation_name(&input.name)
        .map_err(|e| problems.name = Some(e))
        .ok();
    let scope = AppliedScope::resolve(&input.scope, &record.names.places())
        .map_err(|p| {
            let slot = match p {
                ScopeProblem::UnknownKind => &mut problems.scope,
                ScopeProblem::Subscription => &mut problems.subscription,
                ScopeProblem::ResourceGroup => &mut problems.resource_group,
                ScopeProblem::ManagementGroup => &mut problems.management_group,
            };
            *slot = Some(p.message_id());
        })
        .ok();
    let has_flexibility = record.reservation.resource_type.has_instance_flexibility();
    let flexibility = match (
        has_flexibility,
        InstanceFlexibility::parse(&input.flexibility),
    ) {
        (true, Some(f)) => Some(Some(f.as_str().to_string())),
        (false, None) if input.flexibility.is_empty() => Some(None),
        (true, None) => {
            problems.flexibility = Some("flexibility-choose");
            None
        }
        (false, _) => {
            problems.flexibility = Some("flexibility-not-applicable-error");
            None
        }
    };
    let (Some(name), Some(scope), Some(flexibility), Some(renewal)) =
        (name, scope, flexibility, renewal)
    else {
        return Err(Box::new(problems));
    };
    let (scope_type, subscription, resource_group, management_group) = scope.columns();
    Ok(Configuration {
        display_name: name,
        scope_type,
        scope_subscription_id: subscription,
        scope_resource_group_id: resource_group,
        scope_management_group_id: management_group,
        instance_flexibility: flexibility,
        renew: input.renew,
        renew_term: renewal.map(|p| p.term.as_str().to_string()),
        renew_billing_plan: renewal.map(|p| p.billing_plan.as_str().to_string()),
        renew_quantity: renewal.map(|p| p.quantity),
    })
}

/// The terms the catalogue sells for the reservation's SKU and region,
/// with their unit prices.
pub fn renewal_terms(ctx: &mut Ctx<'_>, record: &Record) -> Result<Vec<(Term, Money)>, Error> {
    let r = &record.reservation;
    Ok(crate::db::catalogue::terms_for(
        ctx.conn,
        r.resource_type,
        &r.sku,
        &r.region,
    )?)
}

/// The terms the catalogue sells for reservation `id`, for a user who may
/// read it.
pub fn renewal_terms_of(ctx: &mut Ctx<'_>, id: ReservationId) -> Result<Vec<(Term, Money)>, Error> {
    access::reservation_with(ctx, id, Right::Read)?;
    let record = load_record(ctx.conn, id)?;
    renewal_terms(ctx, &record)
}

/// What a save came to.
pub enum Saved {
    /// Written (or nothing to write): what changed, before and after, and
    /// the reservation as it is now (read in the same call, so the page
    /// that shows it needs no second trip).
    Changed(Vec<Change>, Box<Record>),
    /// What is wrong with the input, field by field, and the reservation.
    Invalid(Problems, Box<Record>),
    /// Someone saved a newer version first: the reservation as it is now.
    Conflict(Box<Record>),
    /// Azure was still applying the change when the wait ended: nothing
    /// changed here yet; the next sync brings Azure's result.
    Pending,
}

/// Saves a new configuration of reservation `id`: the system of record
/// applies it first (outside any transaction), then the record changes
/// here, with one audit entry per changed setting and the call's
/// correlation ID. A refusal of the system of record changes nothing here
/// and comes back in its words (and is audited).
pub fn save(ctx: &mut Ctx<'_>, id: ReservationId, input: &Input) -> Result<Saved, Error> {
    access::reservation_with(ctx, id, Right::Configure)?;
    let record = load_record(ctx.conn, id)?;
    let terms = renewal_terms(ctx, &record)?;
    let wanted = match check(&record, input, &terms) {
        Ok(wanted) => wanted,
        Err(problems) => return Ok(Saved::Invalid(*problems, Box::new(record))),
    };
    let stored = configuration_of(&record.reservation);
    if stored == wanted {
        return Ok(Saved::Changed(Vec::new(), Box::new(record)));
    }
    if record.reservation.version != input.version {
        return Ok(Saved::Conflict(Box::new(record)));
    }
    let changes = differences(&record.names, &stored, &wanted);
    let mut setup = record
        .names
        .setup(&wanted)
        .ok_or_else(|| Error::Internal("a checked scope names no place".into()))?;
    let r = &record.reservation;
    setup.renewal = wanted.renew.then(|| Renewal {
        plan: RenewalPlan::stored_or(
            (
                wanted.renew_term.as_deref(),
                wanted.renew_billing_plan.as_deref(),
                wanted.renew_quantity,
            ),
            (record.order.term, record.order.billing_plan, r.quantity),
        ),
        resource_type: r.resource_type,
        sku: r.sku.clone(),
        region: r.region.clone(),
    });
    let object = id.to_string();
    let receipt = match ctx.system.apply_configuration(&record.place(), &setup) {
        Ok(Applied::Done(receipt)) => receipt,
        Ok(Applied::Pending(receipt)) => {
            remote::audit_pending(ctx, &object, &receipt)?;
            return Ok(Saved::Pending);
        }
        Err(Error::Refused(Refusal::Azure(refusal))) => {
            remote::audit_refusal(ctx, &object, &refusal)?;
            return Err(Refusal::Azure(refusal).into());
        }
        Err(e) => return Err(e),
    };
    let saved = ctx.transaction(|ctx| {
        let now = ctx.clock.now();
        let mut version = input.version;
        if ctx.system.is_remote() {
            // Azure has it now: a sync (or another save) in between does
            // not undo it here.
            version = crate::db::reservations::find_by_guid(ctx.conn, id)?.version;
        }
        if !crate::db::reservations::save_configuration(
            ctx.conn,
            record.reservation.id,
            version,
            &wanted,
            now,
        )? {
            return Ok(None);
        }
        for (action, change) in &changes {
            ctx.audit(
                &NewEntry::new(
                    ctx.actor.audit_name(),
                    *action,
                    ("reservation", &object),
                    &ctx.actor.address,
                    now,
                )
                .change(change.before.clone(), change.after.clone())
                .correlated(receipt.correlation_id.clone()),
            )?;
        }
        Ok(Some(changes.clone().into_iter().map(|(_, c)| c).collect()))
    })?;
    // Read again after the commit: the newer version on a conflict, the
    // saved one otherwise.
    let now = Box::new(load_record(ctx.conn, id)?);
    Ok(match saved {
        Some(changes) => Saved::Changed(changes, now),
        None => Saved::Conflict(now),
    })
}
