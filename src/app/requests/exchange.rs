//! The local record of an approved exchange: the new order and reservation
//! the system of record created, and the old reservation closed.

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::Error;
use crate::app::system::{Created, Replacement};
use crate::db::Conn;
use crate::db::columns::DbMoney;
use crate::db::keys::{OrderKey, ReservationKey};
use crate::db::orders::{NewOrder, Order};
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::{self, Table};
use crate::domain::ids::{OrderId, ReservationId};
use crate::domain::policy::{ExchangeQuote, Wanted};
use crate::domain::reservation::ProvisioningState;

/// Stores the order and reservation an exchange created (`exchanged`: their
/// IDs),
/// keeping the old reservation's scope, billing and access (the roles
/// copied as granted by `by`), and closes the old one as exchanged.
#[expect(clippy::too_many_arguments, reason = "one exchange's facts")]
pub fn store(
    conn: &mut Conn,
    old: &Reservation,
    old_order: &Order,
    replacement: &Replacement,
    quote: &ExchangeQuote,
    exchanged: (OrderId, ReservationId),
    (today, at): (NaiveDate, NaiveDateTime),
    by: &str,
) -> Result<Created, Error> {
    let Wanted { term, quantity, .. } = replacement.wanted;
    // A sync may have brought the new reservation in already: it is the
    // same one, recorded once.
    match db::reservations::find_by_guid(conn, exchanged.1) {
        Ok(known) => {
            db::reservations::set_state(conn, old.id, ProvisioningState::Exchanged, at)?;
            return Ok(Created {
                row: known.id,
                id: exchanged.1,
            });
        }
        Err(diesel::result::Error::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let order_row = match db::orders::find_by_guid(conn, exchanged.0) {
        Ok(known) => Some(known.id),
        Err(diesel::result::Error::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let row = ReservationKey(db::max_id(conn, Table::Reservations)? + 1);
    let order_row = match order_row {
        Some(known) => known,
        None => insert_order(
            conn,
            old,
            old_order,
            quote,
            exchanged.0,
            (term, quantity),
            (today, at),
        )?,
    };
    db::reservations::insert_all(
        conn,
        &[NewReservation {
            id: row,
            reservation_guid: exchanged.1.to_string(),
            order_id: order_row,
            customer_id: old.customer_id,
            display_name: old.display_name.clone(),
            resource_type: old.resource_type,
            sku: replacement.sku.clone(),
            sku_description: replacement.sku_description.clone(),
            region: replacement.region.clone(),
            quantity,
            scope_type: old.scope_type,
            scope_subscription_id: old.scope_subscription_id,
            scope_resource_group_id: old.scope_resource_group_id,
            scope_management_group_id: old.scope_management_group_id,
            billing_subscription_id: old.billing_subscription_id,
            instance_flexibility: old.instance_flexibility.clone(),
            renew: old.renew,
            archived: false,
            closed_by: None,
            renew_term: None,
            renew_billing_plan: None,
            renew_quantity: None,
            purchase_date: today,
            effective_date: today,
            expiry_date: quote.new_expiry,
            provisioning_state: ProvisioningState::Succeeded,
            purchase_price: DbMoney(quote.new_commitment),
            updated_at: at,
        }],
    )?;
    for a in db::role_assignments::for_reservation(conn, old.id)? {
        db::role_assignments::insert(
            conn,
            &NewAssignment {
                reservation_id: row,
                principal_email: a.principal_email,
                role: a.role,
                assigned_by: by.to_string(),
                assigned_at: at,
            },
        )?;
    }
    db::reservations::set_state(conn, old.id, ProvisioningState::Exchanged, at)?;
    Ok(Created {
        row,
        id: exchanged.1,
    })
}

/// Records the order an exchange created; its row.
fn insert_order(
    conn: &mut Conn,
    old: &Reservation,
    old_order: &Order,
    quote: &ExchangeQuote,
    guid: OrderId,
    (term, quantity): (crate::domain::reservation::Term, i32),
    (today, at): (NaiveDate, NaiveDateTime),
) -> Result<OrderKey, Error> {
    let order_row = OrderKey(db::max_id(conn, Table::Orders)? + 1);
    db::orders::insert_all(
        conn,
        &[NewOrder {
            id: order_row,
            order_guid: guid.to_string(),
            customer_id: old.customer_id,
            display_name: format!(
                "{}_EX_{}",
                old.resource_type.as_str(),
                today.format("%m-%d-%Y")
            ),
            term,
            billing_plan: old_order.billing_plan,
            original_quantity: quantity,
            purchase_date: today,
            benefit_start_date: today,
            expiry_date: quote.new_expiry,
            currency: old_order.currency.clone(),
            created_at: at,
        }],
    )?;
    Ok(order_row)
}
