//! The places an import adds before its orders and reservations: the
//! customers, their subscriptions, resource groups and management groups.

use super::check::scope_subscription;
use super::write::Writer;
use super::{Ctx, Error, Refusal};
use crate::db::keys::CustomerKey;
use crate::db::{Table, customers, management_groups, max_id, resource_groups, subscriptions};
use crate::domain::import::{ImportRow, Scope};

impl Writer {
    /// Adds the customers no row names a stored one for.
    pub(super) fn customers(&mut self, ctx: &mut Ctx<'_>, rows: &[ImportRow]) -> Result<(), Error> {
        let mut next = max_id(ctx.conn, Table::Customers)?;
        let mut new = Vec::new();
        // The first company name each tenant is given in the file.
        let mut names: std::collections::HashMap<_, &str> = std::collections::HashMap::new();
        for row in rows {
            if let Some(name) = &row.customer {
                names.entry(row.tenant).or_insert(name);
            }
        }
        for row in rows {
            if self.customers.contains_key(&row.tenant) {
                continue;
            }
            let Some(name) = names.get(&row.tenant).map(|n| n.to_string()) else {
                return Err(Refusal::ImportProblems.into());
            };
            next += 1;
            self.customers.insert(row.tenant, CustomerKey(next));
            new.push(customers::NewCustomer {
                id: CustomerKey(next),
                tenant_id: row.tenant.to_string(),
                company_name: name,
                domain: row.domain.clone().unwrap_or_default(),
                country: String::new(),
                created_at: self.now,
            });
        }
        customers::insert_all(ctx.conn, &new)?;
        Ok(())
    }

    /// Adds the subscriptions the rows scope to or bill, named by their GUID.
    pub(super) fn subscriptions(
        &mut self,
        ctx: &mut Ctx<'_>,
        rows: &[ImportRow],
    ) -> Result<(), Error> {
        let mut next = max_id(ctx.conn, Table::Subscriptions)?;
        let mut new = Vec::new();
        for row in rows {
            for sub in [Some(row.billing), scope_subscription(row)]
                .into_iter()
                .flatten()
            {
                if self.subscriptions.contains_key(&sub) {
                    continue;
                }
                next += 1;
                self.subscriptions.insert(sub, next);
                new.push(subscriptions::NewSubscription {
                    id: next,
                    subscription_guid: sub.to_string(),
                    customer_id: self.customers[&row.tenant],
                    display_name: sub.to_string(),
                });
            }
        }
        subscriptions::insert_all(ctx.conn, &new)?;
        Ok(())
    }

    /// Adds the resource and management groups the rows scope to.
    pub(super) fn groups(&mut self, ctx: &mut Ctx<'_>, rows: &[ImportRow]) -> Result<(), Error> {
        let mut involved: Vec<CustomerKey> = self.customers.values().copied().collect();
        involved.sort();
        for customer in involved {
            for g in resource_groups::for_customer(ctx.conn, customer)? {
                self.groups
                    .insert((g.subscription_id, g.name.to_lowercase()), g.id);
            }
            for g in management_groups::for_customer(ctx.conn, customer)? {
                self.management_groups
                    .insert((customer, g.group_name.to_lowercase()), g.id);
            }
        }
        let (mut next_rg, mut next_mg) = (
            max_id(ctx.conn, Table::ResourceGroups)?,
            max_id(ctx.conn, Table::ManagementGroups)?,
        );
        let (mut new_rg, mut new_mg) = (Vec::new(), Vec::new());
        for row in rows {
            match &row.scope {
                Scope::Single(sub, Some(name)) => {
                    let key = (self.subscriptions[sub], name.to_lowercase());
                    if !self.groups.contains_key(&key) {
                        next_rg += 1;
                        self.groups.insert(key.clone(), next_rg);
                        new_rg.push(resource_groups::NewResourceGroup {
                            id: next_rg,
                            subscription_id: key.0,
                            name: name.clone(),
                        });
                    }
                }
                Scope::ManagementGroup(name) => {
                    let key = (self.customers[&row.tenant], name.to_lowercase());
                    if !self.management_groups.contains_key(&key) {
                        next_mg += 1;
                        self.management_groups.insert(key.clone(), next_mg);
                        new_mg.push(management_groups::NewManagementGroup {
                            id: next_mg,
                            customer_id: key.0,
                            group_name: name.clone(),
                            display_name: name.clone(),
                        });
                    }
                }
                _ => {}
            }
        }
        resource_groups::insert_all(ctx.conn, &new_rg)?;
        management_groups::insert_all(ctx.conn, &new_mg)?;
        Ok(())
    }
}
