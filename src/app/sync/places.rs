//! The places a sync stores for one customer: the customer itself, and its
//! subscriptions, resource groups and management groups (what the scope
//! pickers offer, and what reservations' scopes and billing point at).

use super::super::{Ctx, Error};
use super::store::Writer;
use crate::db::keys::CustomerKey;
use crate::db::management_groups::NewManagementGroup;
use crate::db::resource_groups::NewResourceGroup;
use crate::db::subscriptions::NewSubscription;
use crate::db::{Table, customers, management_groups, max_id, resource_groups, subscriptions};
use crate::domain::ids::SubscriptionGuid;
use crate::domain::remote::{RemoteCustomer, Snapshot};

/// The customer of this tenant, added or renamed as Partner Center has it.
pub(super) fn upsert_customer(
    ctx: &mut Ctx<'_>,
    customer: &RemoteCustomer,
) -> Result<CustomerKey, Error> {
    match customers::find_by_tenant(ctx.conn, customer.tenant)? {
        Some(stored) => {
            if stored.company_name != customer.company_name
                || (!customer.domain.is_empty() && stored.domain != customer.domain)
            {
                let domain = if customer.domain.is_empty() {
                    &stored.domain
                } else {
                    &customer.domain
                };
                customers::update_profile(ctx.conn, stored.id, &customer.company_name, domain)?;
            }
            Ok(stored.id)
        }
        None => {
            let id = CustomerKey(max_id(ctx.conn, Table::Customers)? + 1);
            customers::insert_all(
                ctx.conn,
                &[customers::NewCustomer {
                    id,
                    tenant_id: customer.tenant.to_string(),
                    company_name: customer.company_name.clone(),
                    domain: customer.domain.clone(),
                    country: String::new(),
                    created_at: ctx.clock.now(),
                }],
            )?;
            Ok(id)
        }
    }
}

impl Writer {
    /// Subscriptions, resource groups and management groups: what the
    /// scope pickers offer.
    pub(super) fn scopes(&mut self, ctx: &mut Ctx<'_>, snapshot: &Snapshot) -> Result<(), Error> {
        for sub in &snapshot.subscriptions {
            self.subscription(ctx, sub.id, Some(&sub.display_name))?;
        }
        for group in &snapshot.resource_groups {
            let sub = self.subscription(ctx, group.subscription, None)?;
            self.resource_group(ctx, sub, &group.name)?;
        }
        for group in &snapshot.management_groups {
            self.management_group(ctx, &group.name, Some(&group.display_name))?;
        }
        Ok(())
    }

    /// The row of a subscription, added (named by its GUID until Azure
    /// names it) or renamed.
    pub(super) fn subscription(
        &mut self,
        ctx: &mut Ctx<'_>,
        guid: SubscriptionGuid,
        name: Option<&str>,
    ) -> Result<i64, Error> {
        if let Some(id) = self.subscriptions.get(&guid)
            && name.is_none()
        {
            return Ok(*id);
        }
        let id = match subscriptions::find_by_guid(ctx.conn, guid)? {
            // Only the tenant's own list moves or renames a subscription;
            // a reservation merely naming one (as its scope or the one it
            // bills) leaves it where it is.
            Some(stored) => {
                if let Some(wanted) = name
                    && (stored.customer_id != self.customer || stored.display_name != wanted)
                {
                    subscriptions::update(ctx.conn, stored.id, self.customer, wanted)?;
                }
                stored.id
            }
            None => {
                let id = max_id(ctx.conn, Table::Subscriptions)? + 1;
                subscriptions::insert_all(
                    ctx.conn,
                    &[NewSubscription {
                        id,
                        subscription_guid: guid.to_string(),
                        customer_id: self.customer,
                        display_name: name.map_or_else(|| guid.to_string(), str::to_string),
                    }],
                )?;
                id
            }
        };
        self.subscriptions.insert(guid, id);
        Ok(id)
    }

    /// The row of a resource group (names compared in any case, as Azure
    /// does).
    pub(super) fn resource_group(
        &mut self,
        ctx: &mut Ctx<'_>,
        sub: i64,
        name: &str,
    ) -> Result<i64, Error> {
        let stored = resource_groups::for_customer(ctx.conn, self.customer)?;
        if let Some(group) = stored
            .iter()
            .find(|g| g.subscription_id == sub && g.name.eq_ignore_ascii_case(name))
        {
            return Ok(group.id);
        }
        let id = max_id(ctx.conn, Table::ResourceGroups)? + 1;
        resource_groups::insert_all(
            ctx.conn,
            &[NewResourceGroup {
                id,
                subscription_id: sub,
                name: name.to_string(),
            }],
        )?;
        Ok(id)
    }

    /// The row of a management group of this customer.
    pub(super) fn management_group(
        &mut self,
        ctx: &mut Ctx<'_>,
        name: &str,
        display_name: Option<&str>,
    ) -> Result<i64, Error> {
        let stored = management_groups::for_customer(ctx.conn, self.customer)?;
        if let Some(group) = stored
            .iter()
            .find(|g| g.group_name.eq_ignore_ascii_case(name))
        {
            if let Some(wanted) = display_name
                && wanted != group.display_name
            {
                management_groups::rename(ctx.conn, group.id, wanted)?;
            }
            return Ok(group.id);
        }
        let id = max_id(ctx.conn, Table::ManagementGroups)? + 1;
        management_groups::insert_all(
            ctx.conn,
            &[NewManagementGroup {
                id,
                customer_id: self.customer,
                group_name: name.to_string(),
                display_name: display_name.unwrap_or(name).to_string(),
            }],
        )?;
        Ok(id)
    }
}
