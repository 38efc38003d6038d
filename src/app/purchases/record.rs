//! Recording what the system of record bought for a purchase, and the page
//! of a purchase: what it bought.

use chrono::NaiveDateTime;

use super::Line;
use super::customer_to_buy_for;
use super::plan_of;
use crate::app::access::make_customer_user;
use crate::app::reservations::reshape;
use crate::app::system::{Bought, Receipt};
use crate::app::{Ctx, Error};
use crate::db::audit::Action;
use crate::db::columns::DbMoney;
use crate::db::customers::Customer;
use crate::db::keys::CustomerKey;
use crate::db::orders::NewOrder;
use crate::db::purchases::Purchase;
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::reservation::{InstanceFlexibility, ProvisioningState, ScopeType};
use crate::domain::roles::ReservationRole;

/// Writes what the system of record bought for `line`: its order, its
/// reservation, its Owner (given an account, with the password hashed as
/// `owner_hash`, when they have none), the purchase's link to it and the
/// audit entry; the item leaves the cart. Whether the Owner got an account.
pub(super) fn record(
    ctx: &mut Ctx<'_>,
    (customer, purchase, billing): (&Customer, &Purchase, &Subscription),
    (line, bought, name): (&Line, &Bought, &str),
    owner_hash: Option<&str>,
    now: NaiveDateTime,
) -> Result<bool, Error> {
    let offer = &line.item.price;
    let plan = plan_of(&line.item);
    let paid = bought.price.unwrap_or(line.price.total);
    let today = now.date();
    let expiry = plan.term.expiry_from(today);
    let name = name.to_string();
    let order_row = match db::orders::find_by_guid(ctx.conn, bought.order) {
        Ok(known) => known.id,
        Err(diesel::result::Error::NotFound) => {
            db::orders::insert_numbered(ctx.conn, |id| NewOrder {
                id,
                order_guid: bought.order.to_string(),
                customer_id: customer.id,
                display_name: name.clone(),
                term: plan.term,
                billing_plan: plan.billing_plan,
                original_quantity: plan.quantity,
                purchase_date: today,
                benefit_start_date: today,
                expiry_date: expiry,
                currency: "USD".into(),
                created_at: now,
            })?
        }
        Err(e) => return Err(e.into()),
    };
    let row = match db::reservations::find_by_guid(ctx.conn, bought.reservation) {
        Ok(known) => known.id,
        Err(diesel::result::Error::NotFound) => {
            db::reservations::insert_numbered(ctx.conn, |id| NewReservation {
                id,
                reservation_guid: bought.reservation.to_string(),
                order_id: order_row,
                customer_id: customer.id,
                display_name: name.clone(),
                resource_type: offer.resource_type,
                sku: offer.sku.clone(),
                sku_description: offer.sku_description.clone(),
                region: offer.region.clone(),
                quantity: plan.quantity,
                scope_type: if line.scope.is_some() {
                    ScopeType::Single
                } else {
                    ScopeType::Shared
                },
                scope_subscription_id: line.scope.as_ref().map(|s| s.id),
                scope_resource_group_id: None,
                scope_management_group_id: None,
                billing_subscription_id: billing.id,
                instance_flexibility: offer
                    .resource_type
                    .has_instance_flexibility()
                    .then(|| InstanceFlexibility::On.as_str().to_string()),
                renew: false,
                archived: false,
                closed_by: None,
                renew_term: None,
                renew_billing_plan: None,
                renew_quantity: None,
                purchase_date: today,
                effective_date: today,
                expiry_date: expiry,
                provisioning_state: ProvisioningState::Succeeded,
                purchase_price: DbMoney(paid),
                updated_at: now,
            })?
        }
        Err(e) => return Err(e.into()),
    };
    db::role_assignments::insert(
        ctx.conn,
        &NewAssignment {
            reservation_id: row,
            principal_email: purchase.owner_email.clone(),
            role: ReservationRole::Owner,
            assigned_by: ctx.actor.email.clone(),
            assigned_at: now,
        },
    )?;
    db::purchases::add_reservation(ctx.conn, purchase.id, row)?;
    db::cart::delete(ctx.conn, line.item.id)?;
    let mut made_owner = false;
    if let Some(hash) = owner_hash
        && db::users::find_by_email(ctx.conn, &purchase.owner_email)?.is_none()
    {
        make_customer_user(ctx, customer.id, &purchase.owner_email, hash)?;
        made_owner = true;
    }
    let receipt = Receipt {
        correlation_id: bought.receipt.correlation_id.clone(),
    };
    let entry = reshape::entry(
        ctx,
        (Action::ReservationPurchased, bought.reservation.to_string()),
        now,
        &receipt,
    )
    .change(
        "",
        format!(
            "{} · {} · {} · {} · {} ({})",
            offer.sku,
            offer.region,
            plan.audit_text(),
            purchase.owner_email,
            paid,
            purchase.token
        ),
    );
    ctx.audit(&entry)?;
    Ok(made_owner)
}

/// A purchase and what it bought.
#[derive(Debug, Clone)]
pub struct Made {
    /// The customer.
    pub customer: Customer,
    /// The purchase.
    pub purchase: Purchase,
    /// The reservations it bought.
    pub reservations: Vec<Reservation>,
}

/// The purchase made for customer `id` with `token`, for an agent who may
/// buy for it.
pub fn made(ctx: &mut Ctx<'_>, id: CustomerKey, token: &str) -> Result<Made, Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let purchase = db::purchases::find(ctx.conn, token)?
        .filter(|p| p.customer_id == customer.id)
        .ok_or(Error::NotFound)?;
    let mut reservations = Vec::new();
    for row in db::purchases::reservations_of(ctx.conn, purchase.id)? {
        reservations.push(db::reservations::find(ctx.conn, row)?);
    }
    Ok(Made {
        customer,
        purchase,
        reservations,
    })
}
