//! The `customers` table: the partner's customers (one Entra tenant each).

use chrono::{Days, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::schema::customers;
use crate::db::Conn;
use crate::db::keys::CustomerKey;
use crate::db::statement::Statement;
use crate::domain::ids::TenantId;
use crate::domain::reservation::EXPIRING_WITHIN_DAYS;

/// A customer.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Customer {
    /// Row ID, used in URLs.
    pub id: CustomerKey,
    /// The customer's tenant.
    pub tenant_id: TenantId,
    /// Company name.
    pub company_name: String,
    /// Primary domain.
    pub domain: String,
    /// ISO 3166-1 alpha-3 country code.
    pub country: String,
    /// When the customer was added.
    pub created_at: NaiveDateTime,
    /// When its data was last synced from Azure (none: never, or the demo).
    pub synced_at: Option<NaiveDateTime>,
}

/// A customer to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = customers, treat_none_as_default_value = false)]
pub struct NewCustomer {
    /// Row ID (bulk inserts number their rows themselves).
    pub id: CustomerKey,
    /// Tenant GUID, lower-case hyphenated.
    pub tenant_id: String,
    /// Company name.
    pub company_name: String,
    /// Primary domain.
    pub domain: String,
    /// ISO 3166-1 alpha-3 country code.
    pub country: String,
    /// When added.
    pub created_at: NaiveDateTime,
}

/// Columns the customer list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerSort {
    /// Company name (default).
    Company,
    /// Primary domain, then company name (URL key `domain`).
    Domain,
    /// Country code.
    Country,
    /// Active reservations.
    Active,
    /// Reservations expiring within 30 days.
    Expiring,
}

impl CustomerSort {
    /// Every sortable column.
    pub const ALL: &'static [CustomerSort] = &[
        CustomerSort::Company,
        CustomerSort::Domain,
        CustomerSort::Country,
        CustomerSort::Active,
        CustomerSort::Expiring,
    ];

    /// The key used in URLs.
    pub fn key(&self) -> &'static str {
        match self {
            CustomerSort::Company => "company",
            CustomerSort::Domain => "domain",
            CustomerSort::Country => "country",
            CustomerSort::Active => "active",
            CustomerSort::Expiring => "expiring",
        }
    }

    /// Parses a URL key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.key() == key)
    }

    fn order_by(&self) -> &'static str {
        match self {
            CustomerSort::Company => "COMPANY",
            CustomerSort::Domain => "c.domain",
            CustomerSort::Country => "c.country",
            CustomerSort::Active => "active_count",
            CustomerSort::Expiring => "expiring_count",
        }
    }
}

/// One page of the customer list.
#[derive(Debug, Clone)]
pub struct ListQuery<'a> {
    /// Text to find in the company name, domain or tenant ID; empty for all.
    pub search: &'a str,
    /// Sort column.
    pub sort: CustomerSort,
    /// Descending order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
    /// The day "active" and "expiring" are judged on.
    pub today: NaiveDate,
}

/// A row of the customer list.
#[derive(Debug, Clone, QueryableByName)]
pub struct CustomerListRow {
    /// Row ID.
    #[diesel(sql_type = BigInt)]
    pub id: CustomerKey,
    /// Tenant GUID text.
    #[diesel(sql_type = Text)]
    pub tenant_id: String,
    /// Company name.
    #[diesel(sql_type = Text)]
    pub company_name: String,
    /// Primary domain, e.g. `contoso.com`.
    #[diesel(sql_type = Text)]
    pub domain: String,
    /// Country code.
    #[diesel(sql_type = Text)]
    pub country: String,
    /// Reservations in force (expiring ones included).
    #[diesel(sql_type = BigInt)]
    pub active_count: i64,
    /// Of those, how many expire within 30 days.
    #[diesel(sql_type = BigInt)]
    pub expiring_count: i64,
    /// How many customers match the search, counted in the same query (the
    /// same on every row; 0 when there is no search).
    #[diesel(sql_type = BigInt)]
    pub matching: i64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A search for `?2` (a LIKE pattern) in each searched column. It has no
/// `?1 = '' OR` for the empty search (that is [`NO_SEARCH`]): with it,
/// PostgreSQL's plan for the prepared statement could not use the trigram
/// indexes and read every customer (6.8 ms at 5,000 instead of 0.4 ms).
const SEARCH_CLAUSE: &str = "(c.company_name LIKE ?2 ESCAPE '\\' \
     OR c.domain LIKE ?2 ESCAPE '\\' OR c.tenant_id LIKE ?2 ESCAPE '\\')";

/// Every customer.
const NO_SEARCH: &str = "1 = 1";

/// On SQLite, a search of three characters or more asks the trigram index
/// (`customer_search`, FTS5) for the customers holding it anywhere in their
/// name, domain or tenant ID, rather than testing every customer. (On
/// PostgreSQL, trigram indexes serve the `ILIKE` of [`SEARCH_CLAUSE`].)
const INDEXED_SEARCH_CLAUSE: &str =
    "c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?2)";

/// The WHERE clause of a search of `search` on `conn`, and the text its
/// `?2` stands for.
fn search_of(conn: &Conn, search: &str) -> (&'static str, String) {
    if search.is_empty() {
        return (NO_SEARCH, String::new());
    }
    if super::engine(conn) == super::Engine::Sqlite && search.chars().count() >= 3 {
        // One FTS5 string: the text in double quotes, its own doubled.
        let phrase = format!("\"{}\"", search.replace('"', "\"\""));
        return (INDEXED_SEARCH_CLAUSE, phrase);
    }
    (SEARCH_CLAUSE, super::like_pattern(&search.to_lowercase()))
}

/// `sql` in `conn`'s dialect, as a statement the connection keeps
/// prepared: a case-blind LIKE (SQLite's LIKE already is; PostgreSQL's
/// ILIKE), and the company name ordered without case.
fn dialect(conn: &Conn, sql: &str) -> Statement {
    Statement::new(&match super::engine(conn) {
        super::Engine::Sqlite => sql.replace("COMPANY", "c.company_name COLLATE NOCASE"),
        super::Engine::Postgres => sql
            .replace(" LIKE ", " ILIKE ")
            .replace("COMPANY", "lower(c.company_name)"),
    })
}

/// The ORDER BY of the list. Unsearched and sorted by company, it follows the
/// index (company name, id) in one direction, so a page reads only its rows.
/// A search reads the few matching rows and sorts them: walking the index
/// there would visit every customer in name order to test each one. Other
/// sorts break ties by company name.
fn order_clause(sort: CustomerSort, direction: &str, searching: bool) -> String {
    match sort {
        CustomerSort::Company if !searching => {
            format!("COMPANY {direction}, c.id {direction}")
        }
        other => format!("{} {direction}, COMPANY, c.id", other.order_by()),
    }
}

/// One page of customers matching the search, with their reservation counts,
/// and the number of matching customers.
pub fn list(conn: &mut Conn, q: &ListQuery<'_>) -> QueryResult<(Vec<CustomerListRow>, i64)> {
    if super::engine(conn) == super::Engine::Postgres && !q.search.is_empty() {
        // PostgreSQL's planner takes reading every customer with ILIKE for
        // cheap (6.5 ms at 5,000 customers, against 0.4 ms through the
        // trigram indexes) and chooses it for every search: within this
        // read, it is told not to.
        return conn.transaction(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SET LOCAL enable_seqscan = off")?;
            page(conn, q)
        });
    }
    page(conn, q)
}

fn page(conn: &mut Conn, q: &ListQuery<'_>) -> QueryResult<(Vec<CustomerListRow>, i64)> {
    let (search_clause, pattern) = search_of(conn, q.search);
    let horizon = q
        .today
        .checked_add_days(Days::new(EXPIRING_WITHIN_DAYS as u64))
        .unwrap_or(q.today);
    let direction = if q.descending { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT c.id, c.tenant_id, c.company_name, c.domain, c.country, \
           (SELECT COUNT(*) FROM reservations r WHERE r.customer_id = c.id \
              AND r.provisioning_state = 'Succeeded' AND r.expiry_date > ?3) AS active_count, \
           (SELECT COUNT(*) FROM reservations r WHERE r.customer_id = c.id \
              AND r.provisioning_state = 'Succeeded' AND r.expiry_date > ?3 AND r.expiry_date <= ?4) AS expiring_count, \
           {matching} AS matching \
         FROM customers c WHERE {search_clause} \
         ORDER BY {order} \
         LIMIT ?5 OFFSET ?6",
        order = order_clause(q.sort, direction, !q.search.is_empty()),
        // A search counts its few matches as it finds them; the whole
        // list is counted apart, so that a page reads only its own rows.
        matching = if q.search.is_empty() {
            "CAST(0 AS BIGINT)"
        } else {
            "COUNT(*) OVER ()"
        },
    );
    let rows = dialect(conn, &sql)
        .bind(q.search)
        .bind(pattern.clone())
        .bind(q.today)
        .bind(horizon)
        .bind(q.limit)
        .bind(q.offset)
        .load::<CustomerListRow>(conn)?;
    if q.search.is_empty() {
        // Without a search every customer matches: no need to test each one.
        return Ok((rows, count(conn)?));
    }
    if let Some(total) = rows.first().map(|r| r.matching) {
        return Ok((rows, total));
    }
    // A page past the last match: count them apart.
    let total = dialect(
        conn,
        &format!("SELECT COUNT(*) AS n FROM customers c WHERE {search_clause}"),
    )
    .bind(q.search)
    .bind(pattern)
    .get_result::<Count>(conn)?
    .n;
    Ok((rows, total))
}

/// The customer with this row ID.
/// The customers whose domain is `domain` (compared without case).
pub fn ids_with_domain(conn: &mut Conn, domain: &str) -> QueryResult<Vec<CustomerKey>> {
    customers::table
        .filter(customers::domain.eq(domain.to_lowercase()))
        .select(customers::id)
        .load(conn)
}

/// The customer with this ID.
pub fn find(conn: &mut Conn, id: CustomerKey) -> QueryResult<Customer> {
    customers::table
        .find(id)
        .select(Customer::as_select())
        .first(conn)
}

/// Inserts customers in batches within SQLite's parameter limit.
pub fn insert_all(conn: &mut Conn, rows: &[NewCustomer]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(super::BATCH_ROWS) {
        inserted += per_engine!(conn, |c| diesel::insert_into(customers::table)
            .values(chunk)
            .execute(c))?;
    }
    super::after_numbering(conn, super::Table::Customers)?;
    Ok(inserted)
}

/// Merges what was added to the search indexes into their main structure.
/// SQLite: FTS5's `optimize`: customers added in many small writes leave
/// the trigram index in many segments, each looked up on every search (a
/// search took 3.5× as long after a bulk load). PostgreSQL: the GIN
/// indexes' pending lists, which every search reads through until a vacuum
/// (after a bulk load, 25 ms instead of 0.4 ms).
pub fn compact_search(conn: &mut Conn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(match super::engine(conn) {
        super::Engine::Sqlite => {
            "INSERT INTO customer_search (customer_search) VALUES ('optimize')"
        }
        super::Engine::Postgres => {
            "SELECT gin_clean_pending_list('customers_search_company'::regclass), \
                    gin_clean_pending_list('customers_search_domain'::regclass), \
                    gin_clean_pending_list('customers_search_tenant'::regclass)"
        }
    })
}

/// How many customers there are (kept by triggers in `table_counts`).
pub fn count(conn: &mut Conn) -> QueryResult<i64> {
    use super::schema::table_counts;
    table_counts::table
        .find("customers")
        .select(table_counts::n)
        .first(conn)
        .optional()
        .map(Option::unwrap_or_default)
}

/// Company names of these customers, in one query.
pub fn names(
    conn: &mut Conn,
    ids: &[CustomerKey],
) -> QueryResult<std::collections::HashMap<CustomerKey, String>> {
    let rows: Vec<(CustomerKey, String)> = customers::table
        .filter(customers::id.eq_any(ids))
        .select((customers::id, customers::company_name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The customer of this tenant, if stored.
pub fn find_by_tenant(conn: &mut Conn, tenant: TenantId) -> QueryResult<Option<Customer>> {
    customers::table
        .filter(customers::tenant_id.eq(tenant.to_string()))
        .select(Customer::as_select())
        .first(conn)
        .optional()
}

/// Writes the name and domain Partner Center gave.
pub fn update_profile(
    conn: &mut Conn,
    id: CustomerKey,
    company_name: &str,
    domain: &str,
) -> QueryResult<usize> {
    diesel::update(customers::table.find(id))
        .set((
            customers::company_name.eq(company_name),
            customers::domain.eq(domain),
        ))
        .execute(conn)
}

/// Records that the customer's data was synced from Azure at `at`.
pub fn mark_synced(conn: &mut Conn, id: CustomerKey, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(customers::table.find(id))
        .set(customers::synced_at.eq(Some(at)))
        .execute(conn)
        .map(drop)
}

/// Whether any customer was ever synced from Azure.
pub fn any_synced(conn: &mut Conn) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        customers::table.filter(customers::synced_at.is_not_null()),
    ))
    .get_result(conn)
}
