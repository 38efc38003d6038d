//! The replacement an approved exchange creates: a new order and a new
//! reservation with the new SKU, region, term and quantity, keeping the old
//! reservation's scope, billing and access.

use crate::db::columns::DbMoney;
use crate::db::orders::NewOrder;
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::{self, Table};
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::policy;
use crate::domain::reservation::ProvisioningState;
use crate::domain::support::RequestFields;
use crate::error::AppError;
use crate::web::session;

/// Creates the new order and reservation of an exchange: new IDs, the new
/// term from today, the old reservation's scope, billing and access.
pub fn replacement(
    conn: &mut diesel::SqliteConnection,
    old: &Reservation,
    old_order: &crate::db::orders::Order,
    fields: &RequestFields,
    quote: &policy::ExchangeQuote,
    today: chrono::NaiveDate,
    actor: &str,
) -> Result<(i64, ReservationId), AppError> {
    let now = session::now();
    let order_id = db::max_id(conn, Table::Orders)? + 1;
    let reservation_id = db::max_id(conn, Table::Reservations)? + 1;
    let term = crate::domain::reservation::Term::parse(&fields.new_term).unwrap_or(old_order.term);
    let quantity: i32 = fields.new_quantity.trim().parse().unwrap_or(old.quantity);
    let order_guid = OrderId::new_random();
    let guid = ReservationId::new_random();
    db::orders::insert_all(
        conn,
        &[NewOrder {
            id: order_id,
            order_guid: order_guid.to_string(),
            customer_id: old.customer_id,
            display_name: format!(
                "{}_EX_{}",
                old.resource_type.as_str(),
                today.format("%m-%d-%Y")
            ),
            term: term.as_str().to_string(),
            billing_plan: old_order.billing_plan.as_str().to_string(),
            original_quantity: quantity,
            purchase_date: today,
            benefit_start_date: today,
            expiry_date: quote.new_expiry,
            currency: old_order.currency.clone(),
            created_at: now,
        }],
    )?;
    let sku = db::catalogue::find(
        conn,
        old.resource_type,
        fields.new_sku.trim(),
        fields.new_region.trim(),
        term,
    )?;
    db::reservations::insert_all(
        conn,
        &[NewReservation {
            id: reservation_id,
            reservation_guid: guid.to_string(),
            order_id,
            customer_id: old.customer_id,
            display_name: old.display_name.clone(),
            resource_type: old.resource_type.as_str().to_string(),
            sku: fields.new_sku.trim().to_string(),
            sku_description: sku.map(|s| s.sku_description).unwrap_or_default(),
            region: fields.new_region.trim().to_string(),
            quantity,
            scope_type: old.scope_type.as_str().to_string(),
            scope_subscription_id: old.scope_subscription_id,
            scope_resource_group_id: old.scope_resource_group_id,
            scope_management_group_id: old.scope_management_group_id,
            billing_subscription_id: old.billing_subscription_id,
            instance_flexibility: old.instance_flexibility.clone(),
            renew: old.renew,
            purchase_date: today,
            effective_date: today,
            expiry_date: quote.new_expiry,
            provisioning_state: ProvisioningState::Succeeded.as_str().to_string(),
            purchase_price: DbMoney(quote.new_commitment),
            updated_at: now,
        }],
    )?;
    for a in db::role_assignments::for_reservation(conn, old.id)? {
        db::role_assignments::insert(
            conn,
            &NewAssignment {
                reservation_id,
                principal_email: a.principal_email,
                role: a.role.as_str().to_string(),
                assigned_by: actor.to_string(),
                assigned_at: now,
            },
        )?;
    }
    Ok((reservation_id, guid))
}
