//! The `partner-dashboard` command: serve the dashboard, or fill a database.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use partner_dashboard::app::Clock;
use partner_dashboard::azure::settings::AzureArgs;
use partner_dashboard::config::ServerConfig;
use partner_dashboard::db::Location;
use partner_dashboard::seed;
use partner_dashboard::startup::{Application, open_database};

/// Partner Dashboard: manage your customers' Azure reservations.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log lines as text (coloured only on a terminal) or as JSON objects
    /// for log collectors.
    #[arg(long, global = true, env = "PD_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Starts logging to standard output: colour codes only when it is a
/// terminal (and `NO_COLOR` is unset), never into a file or a pipe.
fn init_logging(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,actix_server=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => builder.json().with_current_span(true).init(),
        LogFormat::Text => builder
            .with_ansi(std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none())
            .init(),
    }
}

/// Where the data is, for every command that uses it.
#[derive(Debug, Args)]
struct DatabaseArg {
    /// The SQLite database file, or a postgres:// URL.
    #[arg(
        long,
        env = "PD_DATABASE",
        default_value = "data/partner-dashboard.db",
        hide_env_values = true
    )]
    database: Location,
}

#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start; the server's settings are its largest part"
)]
enum Command {
    /// Serve the dashboard.
    Serve {
        #[command(flatten)]
        config: ServerConfig,
        /// Fill an empty database with the demo data set and print how to sign in.
        #[arg(long)]
        demo: bool,
        /// Pin "today" (YYYY-MM-DD, UTC) instead of the clock; for demos and tests.
        #[arg(long, env = "PD_TODAY")]
        today: Option<NaiveDate>,
        #[command(flatten)]
        azure: AzureArgs,
        /// Minutes between syncs with Azure when connected (0: only when an
        /// admin asks on the Data source page).
        #[arg(long, env = "PD_SYNC_EVERY_MINUTES", default_value_t = 60)]
        sync_every_minutes: u64,
    },
    /// Fill a database with a deterministic data set of any size (for benchmarks).
    Seed {
        #[command(flatten)]
        db: DatabaseArg,
        /// Number of customers (about ten reservations each).
        #[arg(long, default_value_t = 100)]
        customers: u32,
        /// Seed of the random generator: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the data is generated around (YYYY-MM-DD, UTC); today by default.
        #[arg(long, env = "PD_TODAY")]
        today: Option<NaiveDate>,
    },
    /// Create the database if needed and apply pending migrations (serve
    /// does this too, one process at a time).
    Migrate {
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Write a consistent copy of the database (safe while the server runs).
    Backup {
        /// The copy to write (must not exist yet).
        target: std::path::PathBuf,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Manage agents from the command line.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Read the partner's customers and their reservations from Azure once,
    /// with a line per customer; fails when any customer failed.
    Sync {
        #[command(flatten)]
        azure: AzureArgs,
        #[command(flatten)]
        db: DatabaseArg,
        /// Pin "today" (YYYY-MM-DD, UTC) instead of the clock; for tests.
        #[arg(long, env = "PD_TODAY")]
        today: Option<NaiveDate>,
    },
    /// Renew the reservations set to renew whose expiry day has come, once
    /// (the server does this every 15 minutes; this is for cron), with a
    /// line per renewal; fails when any could not be renewed. For a
    /// dashboard not connected to Azure: Azure renews by itself.
    RenewDue {
        #[command(flatten)]
        db: DatabaseArg,
        /// Pin "today" (YYYY-MM-DD, UTC) instead of the clock; for tests.
        #[arg(long, env = "PD_TODAY")]
        today: Option<NaiveDate>,
    },
    /// Import reservations from a CSV file (the Azure portal's export
    /// columns), for a dashboard not connected to Azure: every row in one
    /// transaction, or none when any row has a problem (each is printed).
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
        /// The customer tenant of every row, for a file without a
        /// "Customer tenant ID" column.
        #[arg(long)]
        tenant: Option<String>,
        #[command(flatten)]
        db: DatabaseArg,
        /// Pin "today" (YYYY-MM-DD, UTC) instead of the clock; for tests.
        #[arg(long, env = "PD_TODAY")]
        today: Option<NaiveDate>,
    },
    /// The connection to Azure.
    Azure {
        #[command(subcommand)]
        command: AzureCommand,
    },
}

#[derive(Debug, Subcommand)]
enum AzureCommand {
    /// Try the Azure settings end to end: a token for the partner tenant,
    /// Partner Center, and one customer tenant through Resource Manager.
    Check {
        #[command(flatten)]
        azure: AzureArgs,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an agent. The password is read from standard input with
    /// --password-stdin, or generated and printed once.
    Add {
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Admin, Sales, Helpdesk or Support.
        #[arg(long)]
        role: String,
        /// Display name (defaults to the part of the email before the @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
}

fn app_customer_user(config: &ServerConfig) -> Option<String> {
    let pool = partner_dashboard::db::open(&config.database, 1).ok()?;
    let mut conn = pool.get().ok()?;
    seed::demo_customer_user(&mut conn)
}

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match cli.command {
        Command::Serve {
            config,
            demo,
            today,
            azure,
            sync_every_minutes,
        } => {
            let mut config = config;
            let password = std::env::var("PD_SMTP_PASSWORD").ok();
            config.mail = match partner_dashboard::mail::checked(config.mail, password.as_deref()) {
                Ok(mail) => mail,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let pool = match open_database(&config) {
                Ok(pool) => pool,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let clock = Clock::pinned_or_system(today);
            if demo {
                match pool
                    .get()
                    .map_err(|e| e.to_string())
                    .and_then(|mut c| seed::demo(&mut c, clock).map_err(|e| e.to_string()))
                {
                    Ok(seed::DemoOutcome::Created) => {
                        println!("Demo data created ({} customers).", seed::DEMO_CUSTOMERS)
                    }
                    Ok(seed::DemoOutcome::AlreadyThere) => {
                        println!("Database already holds data; demo data left as it is.")
                    }
                    Err(e) => {
                        eprintln!("error: cannot create the demo data: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let azure = match partner_dashboard::cli::azure::connect(
                azure,
                pool.clone(),
                clock,
                sync_every_minutes,
            ) {
                Ok(azure) => azure,
                Err(code) => return code,
            };
            if azure.is_some() {
                if sync_every_minutes > 0 {
                    println!("Connected to Azure; a sync runs every {sync_every_minutes} minutes.");
                } else {
                    println!(
                        "Connected to Azure; a sync runs when an admin asks on the Data source page."
                    );
                }
            }
            let app = match Application::build_with(config.clone(), pool, clock, azure) {
                Ok(app) => app,
                Err(e) => {
                    eprintln!("error: cannot listen on {}: {e}", config.bind);
                    return ExitCode::FAILURE;
                }
            };
            let host = config.bind.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h);
            println!(
                "Partner Dashboard is running on http://{host}:{}",
                app.port()
            );
            match config.mail.describe() {
                Some(server) => println!("Email alerts are sent through {server}."),
                None => println!(
                    "No SMTP server is set (PD_SMTP_HOST): email alerts wait in the outbox."
                ),
            }
            if demo {
                println!(
                    "Sign in with any of these (password: {}):",
                    seed::DEMO_PASSWORD
                );
                for (email, role) in seed::DEMO_AGENTS {
                    println!("  {email:<28} {role} agent");
                }
                if let Some(email) = app_customer_user(&config) {
                    println!("  {email:<28} customer user (Owner of the customer's reservations)");
                }
            }
            match app.run_until_stopped().await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Migrate {
            db: DatabaseArg { database },
        } => partner_dashboard::cli::database::migrate(&database),
        Command::Backup {
            target,
            db: DatabaseArg { database },
        } => partner_dashboard::cli::database::backup(&database, &target),
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    name,
                    password_stdin,
                    db: DatabaseArg { database },
                },
        } => {
            let password = if password_stdin {
                let mut line = String::new();
                if let Err(e) = std::io::stdin().read_line(&mut line) {
                    eprintln!("error: cannot read the password: {e}");
                    return ExitCode::FAILURE;
                }
                Some(line.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let generated = password.is_none();
            let result = partner_dashboard::db::open(&database, 1)
                .map_err(|e| e.to_string())
                .and_then(|pool| pool.get().map_err(|e| e.to_string()))
                .and_then(|mut conn| {
                    partner_dashboard::cli::add_user(
                        &mut conn,
                        Clock::System,
                        &email,
                        &role,
                        name.as_deref(),
                        password,
                    )
                    .map_err(|e| e.to_string())
                });
            match result {
                Ok(password) => {
                    println!("Added {} as {role} agent.", email.trim().to_lowercase());
                    if generated {
                        println!("Password (shown once): {password}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Azure {
            command: AzureCommand::Check { azure },
        } => partner_dashboard::cli::azure::check(azure).await,
        Command::Sync {
            azure,
            db: DatabaseArg { database },
            today,
        } => {
            partner_dashboard::cli::azure::sync(azure, &database, Clock::pinned_or_system(today))
                .await
        }
        Command::RenewDue {
            db: DatabaseArg { database },
            today,
        } => partner_dashboard::cli::renew_due(&database, Clock::pinned_or_system(today)),
        Command::Seed {
            db: DatabaseArg { database },
            customers,
            seed: s,
            today,
        } => partner_dashboard::cli::database::seed(
            &database,
            customers,
            s,
            Clock::pinned_or_system(today),
        ),
        Command::Import {
            file,
            tenant,
            db: DatabaseArg { database },
            today,
        } => partner_dashboard::cli::import::import(
            &database,
            &file,
            tenant.as_deref(),
            Clock::pinned_or_system(today),
        ),
    }
}
