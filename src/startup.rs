//! Builds the application apart from running it, so tests can start it on
//! port 0 with a fresh database.

use std::net::TcpListener;

use actix_web::body::MessageBody;
use actix_web::dev::Server;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{
    Compress, DefaultHeaders, Next, NormalizePath, TrailingSlash, from_fn,
};
use actix_web::{App, HttpServer, web};

use crate::app::system::LocalSystem;
use crate::app::{self, Actor, Clock, Ctx};
use crate::azure::connection::Connection;
use crate::azure::system::AzureSystem;
use crate::config::ServerConfig;
use crate::db::{self, DbPool};
use crate::web::{self as site, AppState};

/// The Content-Security-Policy of every response: only this site's own
/// scripts and styles, nothing inline, no plugins, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the configured address and prepares the server, on the local
    /// data only.
    pub fn build(config: ServerConfig, pool: DbPool, clock: Clock) -> std::io::Result<Application> {
        Application::build_with(config, pool, clock, None)
    }

    /// [`Application::build`], connected to Azure when `azure` is given.
    pub fn build_with(
        config: ServerConfig,
        pool: DbPool,
        clock: Clock,
        azure: Option<std::sync::Arc<Connection>>,
    ) -> std::io::Result<Application> {
        let listener = TcpListener::bind(&config.bind)?;
        let port = listener.local_addr()?.port();
        let workers = config.workers;
        // Blocking work is database work (bounded by the pool) and password
        // hashing (bounded by its gate): more threads than connections only
        // wait, and a burst would otherwise start hundreds of them. Each
        // worker has its own pool of threads, so the connections are shared
        // out among them (with 16 threads on 8 connections a list page
        // served 25% fewer requests, in waking threads that then waited).
        let calls_per_minute = config.api_calls_per_minute;
        let mailer = crate::mail::worker::Mailer::from_settings(&config.mail)
            .map_err(std::io::Error::other)?
            .map(std::sync::Arc::new);
        let blocking_threads = (config.pool_size as usize)
            .div_ceil(effective_workers(workers))
            .max(2);
        let state = web::Data::new(AppState {
            pool,
            config,
            clock,
            system: match &azure {
                Some(connection) => std::sync::Arc::new(AzureSystem::new(
                    connection.clone(),
                    crate::azure::system::WAIT,
                )),
                None => std::sync::Arc::new(LocalSystem),
            },
            azure,
            hashing: crate::passwords::Gate::for_this_machine(),
            sessions: Default::default(),
            underused: Default::default(),
            api_limits: std::sync::Arc::new(site::api::auth::Limits::new(calls_per_minute)),
            imports: std::sync::Arc::default(),
            mailer,
            node: uuid::Uuid::new_v4().to_string(),
        });
        start_housekeeping(&state)?;
        follow_session_changes(&state)?;
        work_out_underused(&state)?;
        renew_when_due(&state)?;
        queue_daily_alerts(&state)?;
        send_mail(&state)?;
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::FormConfig::default().limit(64 * 1024))
                .app_data(web::PayloadConfig::new(64 * 1024))
                .app_data(web::JsonConfig::default().limit(64 * 1024))
                .wrap(site::errors::handlers())
                .wrap(Compress::default())
                .wrap(NormalizePath::new(TrailingSlash::Trim))
                .wrap(
                    DefaultHeaders::new()
                        .add(("Content-Security-Policy", CSP))
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("Referrer-Policy", "same-origin"))
                        .add(("X-Frame-Options", "DENY"))
                        .add(("X-Robots-Tag", "noindex, nofollow"))
                        // Pages show customers' data (and once, a new
                        // password): no cache keeps them. Static files set
                        // their own caching.
                        .add((header::CACHE_CONTROL, "no-store")),
                )
                .wrap(from_fn(strict_transport))
                .wrap(from_fn(request_id))
                .wrap(request_logger())
                .configure(site::routes)
                .configure(site::api::routes)
                .default_service(web::to(site::no_route))
        })
        .worker_max_blocking_threads(blocking_threads)
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// How many workers actix starts for `workers` (0: one per available core).
fn effective_workers(workers: usize) -> usize {
    if workers > 0 {
        workers
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Runs `work` on a thread of its own now and then every `period`, for as
/// long as the application lives (the thread holds it only while working).
fn every(
    name: &str,
    period: std::time::Duration,
    state: &web::Data<AppState>,
    mut work: impl FnMut(&AppState) + Send + 'static,
) -> std::io::Result<()> {
    let state = std::sync::Arc::downgrade(&state.clone().into_inner());
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            while let Some(state) = state.upgrade() {
                work(&state);
                drop(state);
                std::thread::sleep(period);
            }
        })
        .map(drop)
}

/// Runs a use case of the server's own jobs, as [`Actor::housekeeping`]
/// on a connection of the pool; what failed, in words.
fn as_the_system<T>(
    state: &AppState,
    work: impl FnOnce(&mut Ctx<'_>) -> Result<T, app::Error>,
) -> Result<T, String> {
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    let actor = Actor::housekeeping();
    let mut ctx = Ctx {
        actor: &actor,
        clock: state.clock,
        conn: &mut conn,
        system: &*state.system,
    };
    work(&mut ctx).map_err(|e| e.to_string())
}

/// Starts the hourly job (it only waits on the database): once at start
/// and then every hour, the open requests of reservations that expired (or
/// were cancelled or exchanged) are closed, saying why in their history,
/// and sent email older than 90 days leaves the outbox.
fn start_housekeeping(state: &web::Data<AppState>) -> std::io::Result<()> {
    every(
        "housekeeping",
        std::time::Duration::from_secs(3600),
        state,
        |state| {
            let closed = as_the_system(state, app::requests::close_ended);
            match closed {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    closed = n,
                    "closed the requests of reservations no longer in force"
                ),
                Err(cause) => {
                    tracing::warn!(%cause, "closing the requests of ended reservations failed")
                }
            }
            if let Err(cause) = as_the_system(state, app::alerts::outbox::forget_old) {
                tracing::warn!(%cause, "deleting old sent email failed");
            }
        },
    )
}

/// Starts the renewal job: at start and then every 15 minutes, each
/// reservation set to renew whose expiry day has come gets its successor
/// ([`app::renewals::renew_due`]; once, however many nodes run it).
fn renew_when_due(state: &web::Data<AppState>) -> std::io::Result<()> {
    every(
        "renewals",
        std::time::Duration::from_secs(15 * 60),
        state,
        |state| match as_the_system(state, app::renewals::renew_due) {
            Ok(done) => {
                if !done.renewed.is_empty() || !done.failed.is_empty() {
                    tracing::info!(
                        renewed = done.renewed.len(),
                        failed = done.failed.len(),
                        "renewed the reservations due"
                    );
                }
            }
            Err(cause) => tracing::warn!(%cause, "renewing the reservations due failed"),
        },
    )
}

/// Starts the daily alerts: at start and then every 15 minutes until they
/// are queued for the day ([`app::alerts::daily::queue_daily`]; each
/// once per user and day, however many nodes run it).
fn queue_daily_alerts(state: &web::Data<AppState>) -> std::io::Result<()> {
    let mut done: Option<chrono::NaiveDate> = None;
    every(
        "alerts",
        std::time::Duration::from_secs(15 * 60),
        state,
        move |state| {
            let today = state.clock.today();
            if done == Some(today) {
                return;
            }
            match as_the_system(state, app::alerts::daily::queue_daily) {
                Ok(queued) => {
                    done = Some(today);
                    if queued != Default::default() {
                        tracing::info!(
                            expiry = queued.expiry,
                            underused = queued.underused,
                            "queued the day's alerts"
                        );
                    }
                }
                Err(cause) => tracing::warn!(%cause, "queueing the day's alerts failed"),
            }
        },
    )
}

/// Starts the mail worker when an SMTP server is set: every
/// `--mail-poll-ms`, the due messages of the outbox are sent (by one node
/// at a time; see [`crate::mail::worker`]).
fn send_mail(state: &web::Data<AppState>) -> std::io::Result<()> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(());
    };
    let poll = std::time::Duration::from_millis(state.config.mail.mail_poll_ms.max(50));
    let lease = crate::mail::worker::lease_for(poll);
    every("mail", poll, state, move |state| {
        let me = (state.node.as_str(), lease);
        if let Err(cause) = crate::mail::worker::send_due(&state.pool, state.clock, &mailer, me) {
            tracing::warn!(%cause, "sending email failed");
        }
    })
}

/// Starts working out the home page's under-used reservations ahead of
/// its views, every minute while someone looks at them
/// ([`app::home::refresh_underused`]).
fn work_out_underused(state: &web::Data<AppState>) -> std::io::Result<()> {
    every("underused", app::home::UNDERUSED_FOR, state, |state| {
        let refreshed = as_the_system(state, |ctx| {
            app::home::refresh_underused(ctx, &state.underused)
        });
        if let Err(cause) = refreshed {
            tracing::warn!(%cause, "working out the under-used reservations failed");
        }
    })
}

/// Starts reading the log of session changes every second (see
/// [`app::session_cache`]) and, every hour, dropping its old entries.
fn follow_session_changes(state: &web::Data<AppState>) -> std::io::Result<()> {
    let mut reads: u64 = 0;
    every(
        "session-changes",
        app::session_cache::FOLLOW_EVERY,
        state,
        move |state| {
            match state.pool.get() {
                Ok(mut conn) => {
                    state.sessions.follow(&mut conn);
                    if reads.is_multiple_of(3600)
                        && let Err(cause) = db::session_changes::prune(&mut conn)
                    {
                        tracing::warn!(%cause, "dropping old session changes failed");
                    }
                }
                Err(cause) => {
                    tracing::warn!(%cause, "reading session changes failed");
                    state.sessions.forget_all();
                }
            }
            reads += 1;
        },
    )
}

/// Adds HSTS to responses served over HTTPS (as a trusted proxy reports it).
async fn strict_transport(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| site::is_https(req.request(), &state.config));
    let mut response = next.call(req).await?;
    if https {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            header::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(response)
}

/// Gives each request an ID: every log line it causes carries it (as a
/// field of its span), and so does the response (`X-Request-Id`), which the
/// access log prints.
async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use tracing::Instrument;
    let id = format!("{:016x}", rand::random::<u64>());
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.call(req).instrument(span).await?;
    if let Ok(value) = header::HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}

/// One access-log line per request: its ID, method and path, status and time
/// (never a body, so no password or token is ever written).
fn request_logger() -> actix_web::middleware::Logger {
    actix_web::middleware::Logger::new("request_id=%{x-request-id}o \"%r\" %s %Dms")
        .exclude("/healthz")
        .log_target("partner_dashboard::access")
}

/// Opens the database the configuration names.
pub fn open_database(config: &ServerConfig) -> Result<DbPool, db::OpenError> {
    db::open(&config.database, config.pool_size)
}
