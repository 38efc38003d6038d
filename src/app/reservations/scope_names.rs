//! A customer's subscriptions, resource groups and management groups by
//! name: what scope pickers offer, the places a scope may point at, and how
//! a scope reads in the audit log (pages word it in `web::reservations::rows`).

use std::collections::HashMap;

use crate::db::Conn;

use crate::app::Error;
use crate::db::keys::CustomerKey;
use crate::db::{self};
use crate::domain::scope::{AppliedScope, CustomerPlaces};

/// Names of a customer's subscriptions, resource groups and management
/// groups, loaded once to describe any number of scopes.
#[derive(Debug, Default)]
pub struct ScopeNames {
    company: String,
    subscriptions: HashMap<i64, (String, String)>,
    resource_groups: HashMap<i64, (String, i64)>,
    management_groups: HashMap<i64, String>,
    management_group_ids: HashMap<i64, String>,
}

impl ScopeNames {
    /// Loads the names for one customer (three small queries).
    pub fn load(conn: &mut Conn, customer_id: CustomerKey) -> Result<ScopeNames, Error> {
        let company = db::customers::find(conn, customer_id)?.company_name;
        let groups = db::management_groups::for_customer(conn, customer_id)?;
        Ok(ScopeNames {
            company,
            subscriptions: db::subscriptions::for_customer(conn, customer_id)?
                .into_iter()
                .map(|s| (s.id, (s.display_name, s.subscription_guid.to_string())))
                .collect(),
            resource_groups: db::resource_groups::for_customer(conn, customer_id)?
                .into_iter()
                .map(|g| (g.id, (g.name, g.subscription_id)))
                .collect(),
            management_groups: groups
                .iter()
                .map(|g| (g.id, g.display_name.clone()))
                .collect(),
            management_group_ids: groups.into_iter().map(|g| (g.id, g.group_name)).collect(),
        })
    }

    /// The company the places belong to.
    pub fn company(&self) -> &str {
        &self.company
    }

    /// A management group's name.
    pub fn management_group(&self, id: i64) -> Option<&str> {
        self.management_groups.get(&id).map(String::as_str)
    }

    /// A configuration as the system of record takes it: its scope named by
    /// GUIDs and names. `None` when a row is not one of the customer's.
    pub fn setup(
        &self,
        c: &crate::db::reservations::Configuration,
    ) -> Option<crate::app::system::Setup> {
        use crate::domain::remote::RemoteScope;
        use crate::domain::reservation::ScopeType;
        let scope = match c.scope_type {
            ScopeType::Shared => RemoteScope::Shared,
            ScopeType::Single => {
                let guid = self.subscription_guid(c.scope_subscription_id?)?;
                RemoteScope::Single {
                    subscription: guid.parse().ok()?,
                    resource_group: match c.scope_resource_group_id {
                        Some(g) => Some(self.resource_group(g)?.0.to_string()),
                        None => None,
                    },
                }
            }
            ScopeType::ManagementGroup => RemoteScope::ManagementGroup {
                name: self
                    .management_group_ids
                    .get(&c.scope_management_group_id?)?
                    .clone(),
            },
        };
        Some(crate::app::system::Setup {
            display_name: c.display_name.clone(),
            scope,
            flexibility: c
                .instance_flexibility
                .as_deref()
                .and_then(crate::domain::reservation::InstanceFlexibility::parse),
            renew: c.renew,
            renewal: None,
        })
    }

    /// A resource group's name and its subscription's row.
    pub fn resource_group(&self, id: i64) -> Option<(&str, i64)> {
        self.resource_groups.get(&id).map(|(n, s)| (n.as_str(), *s))
    }

    /// A subscription's GUID.
    pub fn subscription_guid(&self, id: i64) -> Option<&str> {
        self.subscriptions.get(&id).map(|(_, g)| g.as_str())
    }

    /// A subscription's name (empty when unknown).
    pub fn subscription(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.subscriptions.get(&id))
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    }

    /// The customer's places a scope may point at.
    pub fn places(&self) -> CustomerPlaces {
        CustomerPlaces {
            subscriptions: self.subscriptions.keys().copied().collect(),
            resource_groups: self
                .resource_groups
                .iter()
                .map(|(id, (_, sub))| (*id, *sub))
                .collect(),
            management_groups: self.management_groups.keys().copied().collect(),
        }
    }

    /// The customer's subscriptions as (row ID, name), by name.
    pub fn subscription_options(&self) -> Vec<(i64, String)> {
        let mut v: Vec<_> = self
            .subscriptions
            .iter()
            .map(|(id, (name, _))| (*id, name.clone()))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The resource groups of one subscription as (row ID, name), by name.
    pub fn resource_groups_of(&self, subscription: i64) -> Vec<(i64, String)> {
        let mut v: Vec<_> = self
            .resource_groups
            .iter()
            .filter(|(_, (_, sub))| *sub == subscription)
            .map(|(id, (name, _))| (*id, name.clone()))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The customer's management groups as (row ID, name), by name.
    pub fn management_group_options(&self) -> Vec<(i64, String)> {
        let mut v: Vec<_> = self
            .management_groups
            .iter()
            .map(|(id, name)| (*id, name.clone()))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v
    }

    /// A scope as the audit log records it, in no particular language.
    pub fn audit_text(&self, scope: &AppliedScope) -> String {
        let subscription = |id: &i64| {
            self.subscriptions
                .get(id)
                .map(|(n, g)| format!("{n} ({g})"))
                .unwrap_or_default()
        };
        match scope {
            AppliedScope::Single { subscription: s } => {
                format!("Single subscription: {}", subscription(s))
            }
            AppliedScope::ResourceGroup {
                subscription: s,
                resource_group,
            } => format!(
                "Single resource group: {} in {}",
                self.resource_groups
                    .get(resource_group)
                    .map(|(n, _)| n.as_str())
                    .unwrap_or_default(),
                subscription(s)
            ),
            AppliedScope::Shared => "Shared".to_string(),
            AppliedScope::ManagementGroup { management_group } => format!(
                "Management group: {}",
                self.management_groups
                    .get(management_group)
                    .cloned()
                    .unwrap_or_default()
            ),
        }
    }
}
