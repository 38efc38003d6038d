//! The commands that look after the database itself: migrating it,
//! backing it up, and filling it with a data set for benchmarks.

use std::path::Path;
use std::process::ExitCode;

use crate::db::Location;

/// `migrate`: applies pending migrations (one node at a time) and says
/// where the database stands.
pub fn migrate(database: &Location) -> ExitCode {
    let applied = crate::db::open(database, 1)
        .map_err(|e| e.to_string())
        .and_then(|pool| pool.get().map_err(|e| e.to_string()))
        .and_then(|mut conn| crate::db::applied_migrations(&mut conn).map_err(|e| e.to_string()));
    match applied {
        Ok(applied) => {
            println!(
                "{} is at migration {} ({} applied).",
                database,
                applied.last().map_or("none", String::as_str),
                applied.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `backup`: a consistent copy of a SQLite database at `target`, taken
/// while the server runs; on PostgreSQL, says to use `pg_dump`.
pub fn backup(database: &Location, target: &Path) -> ExitCode {
    if target.exists() {
        eprintln!(
            "error: {} exists already; choose a new file",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    if let Location::Postgres(_) = database {
        eprintln!(
            "error: {database} is a PostgreSQL database; back it up with PostgreSQL's own \
             tool, for example: pg_dump --format=custom --file={} \"<the database URL>\"",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    let result = crate::db::open(database, 1)
        .map_err(|e| e.to_string())
        .and_then(|pool| pool.get().map_err(|e| e.to_string()))
        .and_then(|mut conn| match crate::db::backup(&mut conn, target) {
            Some(done) => done.map_err(|e| e.to_string()),
            None => Err("not a SQLite database".into()),
        });
    match result {
        Ok(()) => {
            println!("Backed up {} to {}.", database, target.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Fills `database` with the deterministic data set of `customers`
/// customers (`seed::bulk`), printing what it made and how long it took.
pub fn seed(database: &Location, customers: u32, seed: u64, clock: crate::app::Clock) -> ExitCode {
    let started = std::time::Instant::now();
    let pool = match crate::db::open(database, 1) {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = pool.get().map_err(|e| e.to_string()).and_then(|mut c| {
        crate::seed::bulk(&mut c, customers, seed, clock).map_err(|e| e.to_string())
    });
    match result {
        Ok(counts) => {
            println!(
                "Seeded {} customers, {} reservations, {} days of utilization in {:.1} s.",
                counts.customers,
                counts.reservations,
                counts.utilization_days,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
