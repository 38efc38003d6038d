//! `renew-due`: the renewal job once, from the command line (for cron).

use crate::app::system::LocalSystem;
use crate::app::{self, Actor, Clock, Ctx};

/// Renews the reservations due (`app::renewals::renew_due`) as the
/// system, printing a line per renewal; fails when any could not be.
pub fn renew_due(database: &crate::db::Location, clock: Clock) -> std::process::ExitCode {
    let outcome = crate::db::open(database, 1)
        .map_err(|e| e.to_string())
        .and_then(|pool| pool.get().map_err(|e| e.to_string()))
        .and_then(|mut conn| {
            let actor = Actor::housekeeping();
            let mut ctx = Ctx {
                actor: &actor,
                clock,
                conn: &mut conn,
                system: &LocalSystem,
            };
            app::renewals::renew_due(&mut ctx).map_err(|e| e.to_string())
        });
    match outcome {
        Ok(done) => {
            for (old, new) in &done.renewed {
                println!("Renewed {old} as {new}.");
            }
            for (id, why) in &done.failed {
                eprintln!("error: {id} was not renewed: {why}");
            }
            println!(
                "{} renewed, {} failed.",
                done.renewed.len(),
                done.failed.len()
            );
            if done.failed.is_empty() {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
