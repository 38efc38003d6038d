//! Data sets: the demo a new user explores (`serve --demo`), and a
//! deterministic data set of any size for benchmarks (`seed`). Both come
//! from the same generator, seeded, around a given "today".

mod catalogue;
mod generate;
mod names;

use chrono::NaiveDateTime;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::app::Clock;
use crate::db;
use crate::db::Conn;
use crate::db::keys::CustomerKey;
use crate::domain::roles::AgentRole;
use crate::passwords;

pub use generate::RESERVATIONS_PER_BULK_CUSTOMER;

/// Customers in the demo data set.
pub const DEMO_CUSTOMERS: usize = names::DEMO_COMPANIES.len();
/// Reservations per demo customer.
pub const RESERVATIONS_PER_DEMO_CUSTOMER: usize = 6;
/// Password of every demo agent.
pub const DEMO_PASSWORD: &str = "Partner-Demo-2026";
/// The demo agents: one per partner role.
pub const DEMO_AGENTS: &[(&str, &str)] = &[
    ("admin@partner.example", "Admin"),
    ("sales@partner.example", "Sales"),
    ("helpdesk@partner.example", "Helpdesk"),
    ("support@partner.example", "Support"),
];
/// Customers generated and inserted together by `bulk`.
const BULK_BATCH: usize = 250;

/// What `demo` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The database was empty and now holds the demo data.
    Created,
    /// The database already held data; nothing was added.
    AlreadyThere,
}

/// How much a seeding wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Customers inserted; for `bulk`, the number asked for.
    pub customers: usize,
    /// Reservations inserted across all customers (for `bulk`, ten per customer).
    pub reservations: usize,
    /// Rows of daily utilization.
    pub utilization_days: usize,
}

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The database refused.
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    /// A password could not be hashed.
    #[error("password hashing: {0}")]
    Hash(String),
    /// `seed` only fills an empty database.
    #[error("the database already holds {0} customers; seed a new file")]
    NotEmpty(i64),
}

impl db::WriteError for SeedError {
    fn is_conflict(&self) -> bool {
        matches!(self, SeedError::Db(e) if db::connection::is_conflict(e))
    }
}

/// Puts the built-in price catalogue into a database that has none (a
/// partner connected to Azure starts from an empty database; exchanges and
/// SKU descriptions need the catalogue).
pub fn ensure_catalogue(conn: &mut Conn) -> Result<bool, SeedError> {
    if db::catalogue::count(conn)? > 0 {
        return Ok(false);
    }
    db::catalogue::insert_all(conn, &catalogue::rows())?;
    Ok(true)
}

/// Fills an empty database with the demo data set (customers, catalogue,
/// reservations, utilization and one agent per role), all in one
/// transaction. A database that already holds data is left alone.
pub fn demo(conn: &mut Conn, clock: Clock) -> Result<DemoOutcome, SeedError> {
    let today = clock.today();
    db::write(conn, |conn| {
        if db::customers::count(conn)? > 0 || db::users::count(conn)? > 0 {
            return Ok(DemoOutcome::AlreadyThere);
        }
        db::catalogue::insert_all(conn, &catalogue::rows())?;
        let companies: Vec<String> = names::DEMO_COMPANIES
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut rng = StdRng::seed_from_u64(2026);
        generate::customers(
            conn,
            &mut rng,
            &companies,
            RESERVATIONS_PER_DEMO_CUSTOMER,
            today,
        )?;
        agents(conn, clock.now())?;
        customer_user(conn, clock.now())?;
        Ok(DemoOutcome::Created)
    })
}

/// Fills an empty database with `customers` generated customers (about ten
/// reservations each) from `seed`: the same seed and day give the same data.
pub fn bulk(conn: &mut Conn, customers: u32, seed: u64, clock: Clock) -> Result<Counts, SeedError> {
    let today = clock.today();
    let existing = db::customers::count(conn)?;
    if existing > 0 {
        return Err(SeedError::NotEmpty(existing));
    }
    db::write(conn, |conn| {
        db::catalogue::insert_all(conn, &catalogue::rows())?;
        if db::users::count(conn)? == 0 {
            agents(conn, clock.now())?;
        }
        Ok::<_, SeedError>(())
    })?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut counts = Counts::default();
    let all: Vec<usize> = (0..customers as usize).collect();
    for batch in all.chunks(BULK_BATCH) {
        let companies: Vec<String> = batch.iter().map(|n| names::bulk_company(*n)).collect();
        // A write run again after a conflict starts from the same state of
        // the generator, so the data stays the same.
        let before = rng.clone();
        let (written, after) = db::write(conn, |conn| {
            let mut rng = before.clone();
            let written = generate::customers(
                conn,
                &mut rng,
                &companies,
                RESERVATIONS_PER_BULK_CUSTOMER,
                today,
            )?;
            Ok::<_, SeedError>((written, rng))
        })?;
        rng = after;
        counts.customers += written.customers;
        counts.reservations += written.reservations;
        counts.utilization_days += written.utilization_days;
    }
    db::write(conn, db::customers::compact_search)?;
    // Fresh statistics, so the planner knows the tables' new sizes at once.
    if db::engine(conn) == db::Engine::Postgres {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("ANALYZE")?;
    }
    Ok(counts)
}

/// The first demo customer's IT administrator, Owner of its reservations,
/// as a customer user who can sign in with the demo password.
fn customer_user(conn: &mut Conn, now: NaiveDateTime) -> Result<(), SeedError> {
    let customer = db::customers::find(conn, CustomerKey(1))?;
    let email = format!("it-admin@{}", customer.domain);
    let hash = passwords::hash(DEMO_PASSWORD).map_err(SeedError::Hash)?;
    db::users::insert(
        conn,
        &db::users::NewUser {
            email,
            display_name: format!("{} IT", customer.company_name),
            password_hash: hash,
            role: AgentRole::Customer,
            customer_id: Some(customer.id),
            created_at: now,
        },
    )?;
    Ok(())
}

/// The demo's customer user, if the database has one.
pub fn demo_customer_user(conn: &mut Conn) -> Option<String> {
    db::users::list(conn)
        .ok()?
        .into_iter()
        .find(|u| u.role == crate::domain::roles::AgentRole::Customer)
        .map(|u| u.email)
}

/// One agent per partner role, all with the demo password.
fn agents(conn: &mut Conn, now: NaiveDateTime) -> Result<(), SeedError> {
    for (email, role) in DEMO_AGENTS {
        let hash = passwords::hash(DEMO_PASSWORD).map_err(SeedError::Hash)?;
        let name = format!("{role} Agent");
        db::users::insert(
            conn,
            &db::users::NewUser {
                email: email.to_string(),
                display_name: name,
                password_hash: hash,
                role: AgentRole::parse(role).unwrap_or(AgentRole::Helpdesk),
                customer_id: None,
                created_at: now,
            },
        )?;
    }
    Ok(())
}
