//! The `catalogue_prices` table: today's price of one unit of a SKU in a
//! region for a term (the lifetime commitment for that term).

use diesel::prelude::*;

use super::columns::DbMoney;
use super::schema::catalogue_prices;
use crate::db::Conn;
use crate::domain::money::Money;
use crate::domain::reservation::{ResourceType, Term};

/// A catalogue price.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = catalogue_prices, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CataloguePrice {
    /// Row ID.
    pub id: i64,
    /// Reserved resource type.
    pub resource_type: ResourceType,
    /// SKU name.
    pub sku: String,
    /// SKU description.
    pub sku_description: String,
    /// Azure region.
    pub region: String,
    /// How long the commitment runs; `unit_price` covers all of it.
    pub term: Term,
    /// Price of one unit for the whole term.
    pub unit_price: Money,
}

/// A catalogue price to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = catalogue_prices)]
pub struct NewCataloguePrice {
    /// Reserved resource type.
    pub resource_type: String,
    /// SKU name.
    pub sku: String,
    /// SKU description.
    pub sku_description: String,
    /// Azure region.
    pub region: String,
    /// `P1Y`, `P3Y` or `P5Y` (the table refuses others).
    pub term: String,
    /// Price of one unit for the whole term.
    pub unit_price: DbMoney,
}

/// Inserts catalogue prices in batches.
pub fn insert_all(conn: &mut Conn, rows: &[NewCataloguePrice]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(catalogue_prices::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(inserted)
}

/// The current price of a SKU in a region for a term, if the catalogue has it.
pub fn find(
    conn: &mut Conn,
    resource_type: ResourceType,
    sku: &str,
    region: &str,
    term: Term,
) -> QueryResult<Option<CataloguePrice>> {
    catalogue_prices::table
        .filter(catalogue_prices::resource_type.eq(resource_type))
        .filter(catalogue_prices::sku.eq(sku))
        .filter(catalogue_prices::region.eq(region))
        .filter(catalogue_prices::term.eq(term))
        .select(CataloguePrice::as_select())
        .first(conn)
        .optional()
}

/// The unit price of a SKU in a region for each term the catalogue has,
/// shortest term first.
pub fn terms_for(
    conn: &mut Conn,
    resource_type: ResourceType,
    sku: &str,
    region: &str,
) -> QueryResult<Vec<(Term, Money)>> {
    let mut rows: Vec<(Term, Money)> = catalogue_prices::table
        .filter(catalogue_prices::resource_type.eq(resource_type))
        .filter(catalogue_prices::sku.eq(sku))
        .filter(catalogue_prices::region.eq(region))
        .select((catalogue_prices::term, catalogue_prices::unit_price))
        .load(conn)?;
    rows.sort_by_key(|(term, _)| term.years());
    Ok(rows)
}

/// How many prices the catalogue holds.
pub fn count(conn: &mut Conn) -> QueryResult<i64> {
    catalogue_prices::table.count().get_result(conn)
}

/// The SKUs of one type, with their descriptions, by name.
pub fn skus_of(conn: &mut Conn, resource_type: ResourceType) -> QueryResult<Vec<(String, String)>> {
    catalogue_prices::table
        .filter(catalogue_prices::resource_type.eq(resource_type))
        .select((catalogue_prices::sku, catalogue_prices::sku_description))
        .distinct()
        .order(catalogue_prices::sku)
        .load(conn)
}

/// Every region of the catalogue, by name.
pub fn regions(conn: &mut Conn) -> QueryResult<Vec<String>> {
    catalogue_prices::table
        .select(catalogue_prices::region)
        .distinct()
        .order(catalogue_prices::region)
        .load(conn)
}

/// The catalogue rows of this type, region and term (none: any), by type,
/// SKU, region and term.
pub fn filtered(
    conn: &mut Conn,
    resource_type: Option<ResourceType>,
    region: Option<&str>,
    term: Option<Term>,
) -> QueryResult<Vec<CataloguePrice>> {
    let mut query = catalogue_prices::table
        .select(CataloguePrice::as_select())
        .into_boxed();
    if let Some(t) = resource_type {
        query = query.filter(catalogue_prices::resource_type.eq(t));
    }
    if let Some(r) = region {
        query = query.filter(catalogue_prices::region.eq(r.to_string()));
    }
    if let Some(t) = term {
        query = query.filter(catalogue_prices::term.eq(t));
    }
    query
        .order((
            catalogue_prices::resource_type,
            catalogue_prices::sku,
            catalogue_prices::region,
            catalogue_prices::term,
        ))
        .load(conn)
}

/// The catalogue row `id`, if there is one.
pub fn by_id(conn: &mut Conn, id: i64) -> QueryResult<Option<CataloguePrice>> {
    catalogue_prices::table
        .find(id)
        .select(CataloguePrice::as_select())
        .first(conn)
        .optional()
}
