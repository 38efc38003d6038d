//! `import`: reservations from a CSV file at once, from the command line
//! (for a partner not connected to Azure): every row, or none when any row
//! has a problem, which is printed with its line and column.

use std::process::ExitCode;

use crate::app::import::{Direct, import_now};
use crate::app::system::LocalSystem;
use crate::app::{Actor, Clock, Ctx};
use crate::i18n::Lang;

/// Problems printed at most.
const PRINTED: usize = 50;

/// Imports the file at `path` into `database`; `tenant` is the customer of
/// every row, for a file without a tenant column.
pub fn import(
    database: &crate::db::Location,
    path: &std::path::Path,
    tenant: Option<&str>,
    clock: Clock,
) -> ExitCode {
    let started = std::time::Instant::now();
    let lang = Lang::from_tag("en-US").unwrap_or_default();
    let outcome = std::fs::read(path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .and_then(|bytes| {
            let chosen = crate::app::import::chosen_tenant(tenant.unwrap_or(""))
                .map_err(|_| lang.t("import-tenant-invalid"))?;
            let pool = crate::db::open(database, 1).map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let actor = Actor::command_line();
            let mut ctx = Ctx {
                actor: &actor,
                clock,
                conn: &mut conn,
                system: &LocalSystem,
            };
            let name = path.display().to_string();
            import_now(&mut ctx, &name, &bytes, chosen).map_err(|e| e.to_string())
        });
    match outcome {
        Ok(Direct::Imported(written)) => {
            println!(
                "Imported in {:.1} s. Reservations added: {}; updated: {}.",
                started.elapsed().as_secs_f64(),
                written.added,
                written.changed,
            );
            ExitCode::SUCCESS
        }
        Ok(Direct::Refused(problem)) => {
            eprintln!("error: {}", lang.message(problem.message()));
            ExitCode::FAILURE
        }
        Ok(Direct::Problems(preview)) => {
            for p in preview.problems.iter().take(PRINTED) {
                let text = match p.problem.other_line() {
                    Some(line) => lang.ts(p.problem.key(), "line", &line.to_string()),
                    None => lang.t(p.problem.key()),
                };
                eprintln!("line {}, {}: {:?}: {text}", p.line, p.column, p.value);
            }
            let n = preview.problem_count;
            let noun = if n == 1 { "problem" } else { "problems" };
            eprintln!("error: {n} {noun}; nothing was imported.");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
