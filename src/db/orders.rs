//! The `reservation_orders` table: what was bought in one purchase.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::reservation_orders;
use crate::db::Conn;
use crate::db::keys::{CustomerKey, OrderKey};
use crate::db::statement::{Statement, in_list};
use crate::domain::ids::OrderId;
use crate::domain::reservation::{BillingPlan, Term};

/// A reservation order.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reservation_orders, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Order {
    /// Row ID.
    pub id: OrderKey,
    /// The order's GUID.
    pub order_guid: OrderId,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
    /// How long the commitment runs (one, three or five years).
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Quantity bought.
    pub original_quantity: i32,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Day the benefit started.
    pub benefit_start_date: NaiveDate,
    /// Day the term ends.
    pub expiry_date: NaiveDate,
    /// ISO currency code.
    pub currency: String,
    /// When the order was recorded.
    pub created_at: NaiveDateTime,
}

/// An order to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reservation_orders, treat_none_as_default_value = false)]
pub struct NewOrder {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: OrderKey,
    /// GUID text.
    pub order_guid: String,
    /// Owning customer.
    pub customer_id: CustomerKey,
    /// Display name.
    pub display_name: String,
    /// How long the commitment runs (one, three or five years).
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Quantity bought.
    pub original_quantity: i32,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub benefit_start_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
    /// ISO currency code.
    pub currency: String,
    /// When recorded.
    pub created_at: NaiveDateTime,
}

/// The order with this GUID.
pub fn find_by_guid(conn: &mut Conn, id: OrderId) -> QueryResult<Order> {
    reservation_orders::table
        .filter(reservation_orders::order_guid.eq(id.to_string()))
        .select(Order::as_select())
        .first(conn)
}

/// The order with this row ID.
pub fn find(conn: &mut Conn, id: OrderKey) -> QueryResult<Order> {
    reservation_orders::table
        .find(id)
        .select(Order::as_select())
        .first(conn)
}

/// Inserts one order, numbered after the last one: `order` makes it from
/// its row ID, which comes back.
pub fn insert_numbered(
    conn: &mut Conn,
    order: impl FnOnce(OrderKey) -> NewOrder,
) -> QueryResult<OrderKey> {
    let id = OrderKey(super::max_id(conn, super::Table::Orders)? + 1);
    insert_all(conn, &[order(id)])?;
    Ok(id)
}

/// Inserts orders in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewOrder]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(reservation_orders::table)
            .values(chunk)
            .execute(c))?;
    }
    super::after_numbering(conn, super::Table::Orders)?;
    Ok(inserted)
}

/// Term and billing plan of each of these orders, in one query.
pub fn plans_for(
    conn: &mut Conn,
    order_ids: &[OrderKey],
) -> QueryResult<std::collections::HashMap<OrderKey, (Term, BillingPlan)>> {
    if order_ids.is_empty() {
        return Ok(Default::default());
    }
    let ids: Vec<i64> = order_ids.iter().map(|id| id.0).collect();
    let (list, slots) = in_list(1, ids.len());
    // Kept prepared, like the page's other queries (see `in_list`).
    let rows: Vec<Plan> = Statement::new(&format!(
        "SELECT id, term, billing_plan FROM reservation_orders WHERE id IN ({list})"
    ))
    .bind_padded(&ids, slots)
    .load(conn)?;
    rows.into_iter()
        .map(|row| {
            let unreadable = |what: &str, text: &str| {
                diesel::result::Error::DeserializationError(
                    format!("order {}: {what} {text:?}", row.id).into(),
                )
            };
            let term = Term::parse(&row.term).ok_or_else(|| unreadable("term", &row.term))?;
            let plan = BillingPlan::parse(&row.billing_plan)
                .ok_or_else(|| unreadable("billing plan", &row.billing_plan))?;
            Ok((OrderKey(row.id), (term, plan)))
        })
        .collect()
}

#[derive(QueryableByName)]
struct Plan {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    term: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    billing_plan: String,
}

/// What Azure says about an order, as a sync writes it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset)]
#[diesel(table_name = reservation_orders)]
pub struct OrderFacts {
    /// Display name.
    pub display_name: String,
    /// Term.
    pub term: Term,
    /// Billing plan.
    pub billing_plan: BillingPlan,
    /// Quantity bought.
    pub original_quantity: i32,
    /// Purchase day.
    pub purchase_date: NaiveDate,
    /// Benefit start day.
    pub benefit_start_date: NaiveDate,
    /// Expiry day.
    pub expiry_date: NaiveDate,
}

impl Order {
    /// The facts a sync compares with Azure's.
    pub fn facts(&self) -> OrderFacts {
        OrderFacts {
            display_name: self.display_name.clone(),
            term: self.term,
            billing_plan: self.billing_plan,
            original_quantity: self.original_quantity,
            purchase_date: self.purchase_date,
            benefit_start_date: self.benefit_start_date,
            expiry_date: self.expiry_date,
        }
    }
}

/// Writes Azure's facts about an order.
pub fn update_facts(conn: &mut Conn, id: OrderKey, facts: &OrderFacts) -> QueryResult<usize> {
    diesel::update(reservation_orders::table.find(id))
        .set(facts)
        .execute(conn)
}

/// The GUIDs of a customer's orders.
pub fn guids_of_customer(conn: &mut Conn, customer: CustomerKey) -> QueryResult<Vec<OrderId>> {
    reservation_orders::table
        .filter(reservation_orders::customer_id.eq(customer))
        .select(reservation_orders::order_guid)
        .load(conn)
}

/// The orders with these GUIDs (lower-case hyphenated), read in batches.
pub fn by_guids(conn: &mut Conn, guids: &[String]) -> QueryResult<Vec<Order>> {
    let mut found = Vec::new();
    for chunk in guids.chunks(super::BATCH_ROWS) {
        found.extend(
            reservation_orders::table
                .filter(reservation_orders::order_guid.eq_any(chunk))
                .select(Order::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}
