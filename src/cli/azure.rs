//! The Azure commands: `azure check` tries the settings end to end, `sync`
//! reads the partner's book of business once.

use std::process::ExitCode;

use crate::app::{Actor, Clock};
use crate::azure::client::Client;
use crate::azure::connection::Connection;
use crate::azure::settings::AzureArgs;
use crate::azure::sync::{self, Store};

/// The connection a server makes when Azure is configured (none: the
/// local data only), or the settings' errors printed and a failure.
pub fn connect(
    azure: AzureArgs,
    pool: crate::db::DbPool,
    clock: Clock,
    every_minutes: u64,
) -> Result<Option<std::sync::Arc<Connection>>, ExitCode> {
    let Some(settings) = settings_of(azure)? else {
        return Ok(None);
    };
    let client = Client::new(settings).map_err(|e| {
        eprintln!("error: cannot start an HTTP client: {e}");
        ExitCode::FAILURE
    })?;
    let every = (every_minutes > 0).then(|| std::time::Duration::from_secs(every_minutes * 60));
    Connection::start(client, pool, clock, every)
        .map(Some)
        .map_err(|e| {
            eprintln!("error: cannot start the connection to Azure: {e}");
            ExitCode::FAILURE
        })
}

/// The settings given (none: no Azure setting at all), or every problem
/// printed and a failure.
fn settings_of(
    azure: AzureArgs,
) -> Result<Option<crate::azure::settings::AzureSettings>, ExitCode> {
    let secret = std::env::var("PD_AZURE_CLIENT_SECRET").ok();
    azure.check(secret.as_deref()).map_err(|problems| {
        for problem in problems {
            eprintln!("error: {problem}");
        }
        ExitCode::FAILURE
    })
}

/// A client for the settings, or the errors printed and a failure.
fn client_of(azure: AzureArgs) -> Result<Client, ExitCode> {
    let Some(settings) = settings_of(azure)? else {
        eprintln!(
            "error: no Azure settings: set PD_AZURE_TENANT_ID, PD_AZURE_CLIENT_ID and PD_AZURE_CLIENT_SECRET (see the README)"
        );
        return Err(ExitCode::FAILURE);
    };
    Client::new(settings).map_err(|e| {
        eprintln!("error: cannot start an HTTP client: {e}");
        ExitCode::FAILURE
    })
}

/// `azure check`: prints each step and what to do about a failure; fails
/// when the settings are incomplete or any step failed.
pub async fn check(azure: AzureArgs) -> ExitCode {
    let client = match client_of(azure) {
        Ok(client) => client,
        Err(code) => return code,
    };
    let steps = crate::azure::check::run(&client).await;
    let mut ok = !steps.is_empty();
    for step in &steps {
        match &step.outcome {
            Ok(found) => println!("ok      {}: {found}", step.what),
            Err(why) => {
                ok = false;
                println!("failed  {}: {why}", step.what);
            }
        }
    }
    if ok {
        println!("The Azure settings work.");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `sync`: one run, a line per customer and a summary; fails when the run
/// could not start or any customer failed.
pub async fn sync(azure: AzureArgs, database: &crate::db::Location, clock: Clock) -> ExitCode {
    let client = match client_of(azure) {
        Ok(client) => client,
        Err(code) => return code,
    };
    let pool = match crate::db::open(database, 2) {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let store = Store {
        pool,
        clock,
        actor: Actor::command_line(),
    };
    let run = match sync::start(&store).await {
        Ok(run) => run,
        Err(e) => {
            eprintln!("error: cannot start the sync: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = sync::run(&client, &store, run, |customer| {
        let (n, total) = customer.position;
        let took = customer.took.as_secs_f32();
        match &customer.outcome {
            Ok(c) => println!(
                "[{n}/{total}] {}: {} added, {} changed, {} no longer in Azure, {} days of utilization ({took:.1} s)",
                customer.company_name, c.added, c.changed, c.missing, c.days
            ),
            Err(why) => println!("[{n}/{total}] {}: failed: {why}", customer.company_name),
        }
    })
    .await;
    match outcome {
        Ok(report) => {
            let t = report.totals;
            println!(
                "Synced {} customers ({} failed): {} added, {} changed, {} no longer in Azure, {} days of utilization.",
                report.synced + report.failed,
                report.failed,
                t.added,
                t.changed,
                t.missing,
                t.days
            );
            if report.failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(why) => {
            eprintln!("error: the sync failed: {why}");
            ExitCode::FAILURE
        }
    }
}
