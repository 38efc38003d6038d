//! The preview of an upload: what reading and checking its file found,
//! as the page shows it before anything is written.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::check;
use super::{Ctx, Error};
use crate::domain::ids::TenantId;
use crate::domain::import::file::Reading;
use crate::domain::import::{ImportRow, RowProblem};

/// Customers the preview names (all are counted).
const CUSTOMERS_SHOWN: usize = 200;

/// Rows the preview shows as they will be imported.
pub(super) const SAMPLE: usize = 20;

/// What a preview found, as stored with the upload.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Preview {
    /// Rows in the file.
    pub lines: usize,
    /// Problems, the first ones, in the file's order.
    pub problems: Vec<RowProblem>,
    /// How many problems there are.
    pub problem_count: usize,
    /// The customers the rows belong to, the first ones.
    pub customers: Vec<CustomerLine>,
    /// How many customers the rows belong to.
    #[serde(default)]
    pub customer_count: usize,
    /// Orders to add.
    pub orders_new: usize,
    /// Reservations to add.
    pub reservations_new: usize,
    /// Reservations stored already, to update.
    pub reservations_updated: usize,
    /// The first rows, as they will be imported.
    pub sample: Vec<SampleRow>,
}

/// A customer of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerLine {
    /// Tenant ID.
    pub tenant: String,
    /// Company name (stored, or from the file).
    pub name: String,
    /// Added by the import.
    pub new: bool,
    /// Its rows in the file.
    pub reservations: usize,
}

/// A row as it will be imported.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SampleRow {
    /// Line in the file.
    pub line: u64,
    /// Customer name.
    pub customer: String,
    /// Display name.
    pub name: String,
    /// Resource type (the API's spelling).
    pub resource_type: String,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Term (`P1Y`…).
    pub term: String,
    /// Expiry day.
    pub expiry: NaiveDate,
    /// Added (rather than updated).
    pub new: bool,
}

/// The preview of what was read: row problems and stored conflicts, the
/// customers, and what will be added or updated.
pub(super) fn preview_of(ctx: &mut Ctx<'_>, mut reading: Reading) -> Result<Preview, Error> {
    let known = check::known(ctx.conn, &reading.rows)?;
    let conflicts = check::problems(&known, &reading.rows, &reading.columns);
    if !conflicts.is_empty() {
        reading.note(conflicts);
        reading.sort();
    }
    let mut customers: Vec<CustomerLine> = Vec::new();
    let mut at: std::collections::HashMap<TenantId, usize> = std::collections::HashMap::new();
    for row in &reading.rows {
        let index = *at.entry(row.tenant).or_insert_with(|| {
            let stored = known.customers.get(&row.tenant);
            customers.push(CustomerLine {
                tenant: row.tenant.to_string(),
                name: stored
                    .map(|(_, name)| name.clone())
                    .or_else(|| row.customer.clone())
                    .unwrap_or_default(),
                new: stored.is_none(),
                reservations: 0,
            });
            customers.len() - 1
        });
        customers[index].reservations += 1;
        if customers[index].name.is_empty()
            && let Some(name) = &row.customer
        {
            customers[index].name = name.clone();
        }
    }
    let name_of = |row: &ImportRow| {
        at.get(&row.tenant)
            .map(|i| customers[*i].name.clone())
            .unwrap_or_default()
    };
    let sample = reading
        .rows
        .iter()
        .take(SAMPLE)
        .map(|row| SampleRow {
            line: row.line,
            customer: name_of(row),
            name: row.name.clone(),
            resource_type: row.resource_type.as_str().to_string(),
            sku: row.sku.clone(),
            region: row.region.clone(),
            quantity: row.quantity,
            term: row.term.as_str().to_string(),
            expiry: row.expiry_date,
            new: !known.reservations.contains_key(&row.id),
        })
        .collect();
    let mut orders: Vec<_> = reading.rows.iter().map(|r| r.order).collect();
    orders.sort();
    orders.dedup();
    let updated = reading
        .rows
        .iter()
        .filter(|r| known.reservations.contains_key(&r.id))
        .count();
    let customer_count = customers.len();
    customers.truncate(CUSTOMERS_SHOWN);
    Ok(Preview {
        customer_count,
        lines: reading.lines,
        problem_count: reading.problem_count,
        orders_new: orders
            .iter()
            .filter(|o| !known.orders.contains_key(o))
            .count(),
        reservations_new: reading.rows.len() - updated,
        reservations_updated: updated,
        sample,
        customers,
        problems: reading.problems,
    })
}
