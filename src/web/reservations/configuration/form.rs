//! The Configuration form as typed, and its errors field by field.

use serde::Deserialize;

use crate::app::reservations::configuration::{Input, scope_choice_of};
use crate::app::reservations::record::Record;
use crate::domain::scope::ScopeChoice;
use crate::web::error::AppError;

/// The form as typed (or as loaded).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fields {
    /// New name.
    #[serde(default)]
    pub name: String,
    /// `single`, `resource-group`, `shared`, `management-group`.
    #[serde(default)]
    pub scope: String,
    /// Subscription row ID.
    #[serde(default)]
    pub subscription: String,
    /// Resource group row ID.
    #[serde(default)]
    pub resource_group: String,
    /// Management group row ID.
    #[serde(default)]
    pub management_group: String,
    /// `On` or `Off` (types with flexibility only).
    #[serde(default)]
    pub flexibility: String,
    /// Present when auto-renew is ticked.
    #[serde(default)]
    pub renew: Option<String>,
    /// The renewal's term.
    #[serde(default)]
    pub renew_term: String,
    /// The renewal's billing plan.
    #[serde(default)]
    pub renew_plan: String,
    /// The renewal's quantity.
    #[serde(default)]
    pub renew_quantity: String,
    /// Present when the form asks for the renewal's price only (the
    /// "Show price" button, without JavaScript): nothing is saved.
    #[serde(default)]
    pub preview: Option<String>,
    /// The version the form was loaded from.
    #[serde(default)]
    pub version: String,
}

impl Fields {
    pub(super) fn of(record: &Record) -> Fields {
        let r = &record.reservation;
        let plan = r.renewal_plan(record.order.term, record.order.billing_plan);
        let scope = scope_choice_of(r);
        Fields {
            name: r.display_name.clone(),
            scope: scope.kind,
            subscription: scope.subscription,
            resource_group: scope.resource_group,
            management_group: scope.management_group,
            flexibility: r.instance_flexibility.clone().unwrap_or_default(),
            renew: r.renew.then(|| "on".to_string()),
            renew_term: plan.term.as_str().to_string(),
            renew_plan: plan.billing_plan.as_str().to_string(),
            renew_quantity: plan.quantity.to_string(),
            preview: None,
            version: r.version.to_string(),
        }
    }

    /// The form as the use case takes it; a version that is not a number
    /// did not come from the form.
    pub(super) fn input(&self) -> Result<Input, AppError> {
        Ok(Input {
            name: self.name.clone(),
            scope: ScopeChoice {
                kind: self.scope.clone(),
                subscription: self.subscription.clone(),
                resource_group: self.resource_group.clone(),
                management_group: self.management_group.clone(),
            },
            flexibility: self.flexibility.clone(),
            renew: self.renew.is_some(),
            renew_term: self.renew_term.clone(),
            renew_plan: self.renew_plan.clone(),
            renew_quantity: self.renew_quantity.clone(),
            version: self
                .version
                .parse()
                .map_err(|_| AppError::BadRequest("error-bad-request"))?,
        })
    }

    pub(super) fn cut(mut self) -> Fields {
        // Keep what was typed (the form size limit bounds the name); the
        // choices are IDs or keywords, so longer ones are nonsense anyway.
        for f in [
            &mut self.scope,
            &mut self.subscription,
            &mut self.resource_group,
            &mut self.management_group,
            &mut self.flexibility,
            &mut self.renew_term,
            &mut self.renew_plan,
            &mut self.renew_quantity,
            &mut self.version,
        ] {
            *f = f.chars().take(40).collect();
        }
        self
    }
}
