//! The web layer: one module per area, thin handlers (parse → call the use
//! case in `app` → render), and the route table below, which reads as the
//! site map: each route names its handler, and each handler the use case
//! it calls.

pub mod access;
pub mod account;
pub mod admin;
pub mod alerts;
pub mod api;
pub mod auth;
pub mod chart;
pub mod confirm;
pub mod context;
pub mod customers;
pub mod data_source;
pub mod error;
pub mod errors;
pub mod export;
pub mod health;
pub mod home;
pub mod htmx;
pub mod language;
pub mod lookup;
pub mod mine;
pub mod paging;
pub mod paths;
pub mod requests;
pub mod reservations;
pub mod session;
pub mod settings;
pub mod tokens;

use actix_web::http::header::ContentType;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

use access::Access::{Agent, CustomerUser, Public, Reservation, SignedIn};
use access::RouteSpec;
use actix_web::middleware::from_fn;
pub use htmx::Htmx;

use crate::app::{self, Actor, Clock, Ctx, ReservationSystem};
use crate::config::ServerConfig;
use crate::db::Conn;
use crate::db::DbPool;
use crate::domain::roles::Permission::{
    Administer, LookUp, Purchase, SettleRequests, ViewCustomers,
};
use crate::domain::roles::Right::{Configure, ManageAccess, Read, Request};
use crate::web::error::AppError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: DbPool,
    /// Server settings.
    pub config: ServerConfig,
    /// The one clock (pinned for tests and demos).
    pub clock: Clock,
    /// Where reservations are changed.
    pub system: std::sync::Arc<dyn ReservationSystem>,
    /// The connection to Azure, when configured.
    pub azure: Option<std::sync::Arc<crate::azure::connection::Connection>>,
    /// Turns for password hashing.
    pub hashing: crate::passwords::Gate,
    /// Sessions checked recently (followed by a thread of its own).
    pub sessions: std::sync::Arc<crate::app::session_cache::SessionCache>,
    /// Under-used reservations as last worked out (for a minute).
    pub underused: std::sync::Arc<crate::app::home::UnderusedMemo>,
    /// The SMTP server email alerts go through, when one is set.
    pub mailer: Option<std::sync::Arc<crate::mail::worker::Mailer>>,
    /// This node's name, as the mail sender's lease records it.
    pub node: String,
    /// Calls per API token and minute, counted here.
    pub api_limits: std::sync::Arc<api::auth::Limits>,
    /// Uploads being read and imports running on this node.
    pub imports: std::sync::Arc<admin::import::Jobs>,
}

impl AppState {
    /// Today, as the policy sees it: a UTC calendar day.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}

/// Declares the site map once: every route with its handler and who may use
/// it. The registration and the access tests both read it, so a route cannot
/// be added without deciding who may use it.
macro_rules! site_map {
    ($($method:ident $path:literal => $handler:path, $access:expr;)*) => {
        /// Every route and who may use it.
        pub const ROUTES: &[RouteSpec] = &[$(RouteSpec { method: stringify!($method), path: $path, access: $access }),*];

        /// Registers every route behind its access guard.
        pub fn routes(cfg: &mut web::ServiceConfig) {
            $(
                cfg.route(
                    $path,
                    method::$method().to($handler).wrap(from_fn(move |req, next| access::authorize($access, req, next))),
                );
            )*
        }
    };
}

/// The methods a route of the site map answers to.
pub(crate) mod method {
    use actix_web::guard::{Any, Get, Head};
    use actix_web::{Route, web};

    /// A page: GET, and HEAD, which answers like GET without the body.
    pub fn get() -> Route {
        web::route().guard(Any(Get()).or(Head()))
    }

    /// A form post.
    pub fn post() -> Route {
        web::post()
    }
}

/// The site map's paths as patterns, compiled once (a 404 or 405 asks
/// them all).
static PATTERNS: std::sync::LazyLock<Vec<(actix_web::dev::ResourceDef, &'static str)>> =
    std::sync::LazyLock::new(|| {
        ROUTES
            .iter()
            .chain(api::API_ROUTES)
            .map(|r| (actix_web::dev::ResourceDef::new(r.path), r.method))
            .collect()
    });

/// The methods the site map declares for `path` (HEAD with every GET), in
/// the form of an `Allow` header; empty when no route has that path.
pub fn allowed_methods(path: &str) -> String {
    let mut methods: Vec<&str> = Vec::new();
    for (pattern, method) in PATTERNS.iter() {
        if pattern.is_match(path) {
            let names: &[&str] = match *method {
                "get" => &["GET", "HEAD"],
                _ => &["POST"],
            };
            for name in names {
                if !methods.contains(name) {
                    methods.push(name);
                }
            }
        }
    }
    methods.join(", ")
}

/// What answers a request no route took: 405 with `Allow` when the path
/// exists with other methods, 404 otherwise (both drawn as error pages).
pub async fn no_route(req: HttpRequest) -> HttpResponse {
    let allowed = allowed_methods(req.path());
    if allowed.is_empty() {
        return HttpResponse::NotFound().finish();
    }
    HttpResponse::MethodNotAllowed()
        .insert_header((actix_web::http::header::ALLOW, allowed))
        .finish()
}

site_map! {
    get "/healthz" => health::healthz, Public;
    get "/robots.txt" => health::robots, Public;
    get "/readyz" => health::readyz, Public;
    get "/static/{path:.*}" => crate::assets::serve, Public;
    get "/sign-in" => auth::sign_in_page, Public;
    post "/sign-in" => auth::sign_in, Public;
    post "/sign-out" => auth::sign_out, SignedIn;
    post "/language" => language::switch, Public;
    get "/" => home::home, SignedIn;
    get "/reservations/expiring" => home::expiring, Agent(ViewCustomers);
    get "/reservations/export.csv" => export::reservations, Agent(ViewCustomers);
    get "/reservations/underused" => home::underused, Agent(ViewCustomers);
    get "/reservations/recommended" => home::recommended, Agent(ViewCustomers);
    get "/customers" => customers::list, Agent(ViewCustomers);
    get "/customers/{id}" => customers::overview, Agent(ViewCustomers);
    get "/customers/{id}/reservations" => customers::reservations, Agent(ViewCustomers);
    get "/customers/{id}/requests" => customers::requests, Agent(ViewCustomers);
    get "/customers/{id}/purchase" => customers::purchase::shop, Agent(Purchase);
    post "/customers/{id}/purchase" => customers::purchase_review::purchase, Agent(Purchase);
    post "/customers/{id}/purchase/cart" => customers::purchase::add, Agent(Purchase);
    post "/customers/{id}/purchase/cart/{item}/remove" => customers::purchase::remove, Agent(Purchase);
    get "/customers/{id}/purchase/review" => customers::purchase_review::review, Agent(Purchase);
    get "/customers/{id}/purchases/{token}" => customers::purchase_review::made, Agent(Purchase);
    get "/reservations/{id}" => reservations::overview, Reservation(Read);
    get "/reservations/{id}/access" => reservations::access_control::page, Reservation(Read);
    post "/reservations/{id}/access" => reservations::access_control::add, Reservation(ManageAccess);
    post "/reservations/{id}/access/{assignment}/remove" => reservations::access_control::remove, Reservation(ManageAccess);
    get "/reservations/{id}/configuration" => reservations::configuration::page, Reservation(Read);
    post "/reservations/{id}/configuration" => reservations::configuration::save, Reservation(Configure);
    get "/reservations/{id}/configuration/resource-groups" => reservations::configuration::resource_groups, Reservation(Read);
    get "/reservations/{id}/configuration/renewal-price" => reservations::configuration::renewal::price_line, Reservation(Read);
    get "/reservations/{id}/properties" => reservations::properties, Reservation(Read);
    post "/reservations/{id}/archive" => reservations::archive::archive, Reservation(Configure);
    post "/reservations/{id}/unarchive" => reservations::archive::unarchive, Reservation(Configure);
    get "/reservations/{id}/split" => reservations::reshape::split_page, Reservation(Configure);
    post "/reservations/{id}/split" => reservations::reshape::split, Reservation(Configure);
    get "/reservations/{id}/merge" => reservations::reshape::merge_page, Reservation(Configure);
    post "/reservations/{id}/merge" => reservations::reshape::merge, Reservation(Configure);
    get "/reservations/{id}/activity" => reservations::activity::page, Reservation(Read);
    get "/reservations/{id}/revisions/{version}" => reservations::activity::revision, Reservation(Read);
    get "/reservations/{id}/recommendations" => reservations::advice::page, Reservation(Read);
    post "/reservations/{id}/recommendations/dismiss" => reservations::advice::dismiss, Reservation(Request);
    get "/reservations/{id}/support" => reservations::support::page, Reservation(Read);
    post "/reservations/{id}/support" => requests::wizard::start, Reservation(Request);
    get "/requests/drafts/{token}/{step}" => requests::wizard::show, SignedIn;
    post "/requests/drafts/{token}/{step}" => requests::wizard::submit, SignedIn;
    get "/requests" => requests::queue::queue, Agent(ViewCustomers);
    get "/requests/{number}" => requests::detail::detail, SignedIn;
    post "/requests/{number}/approve" => requests::settle::approve, Agent(SettleRequests);
    post "/requests/{number}/reject" => requests::settle::reject, Agent(SettleRequests);
    get "/my/reservations" => mine::reservations, CustomerUser;
    get "/my/requests" => mine::requests, CustomerUser;
    get "/orders/{id}" => lookup::order, Agent(ViewCustomers);
    get "/lookup" => lookup::lookup, Agent(LookUp);
    get "/account/password" => account::password_page, SignedIn;
    post "/account/password" => account::change_password, SignedIn;
    get "/account/alerts" => alerts::page, SignedIn;
    post "/account/alerts" => alerts::save, SignedIn;
    get "/account/tokens" => tokens::page, Agent(ViewCustomers);
    post "/account/tokens" => tokens::create, Agent(ViewCustomers);
    post "/account/tokens/{id}/revoke" => tokens::revoke, Agent(ViewCustomers);
    get "/admin/agents" => admin::agents, Agent(Administer);
    post "/admin/agents" => admin::create, Agent(Administer);
    post "/admin/agents/{id}/role" => admin::change_role, Agent(Administer);
    post "/admin/agents/{id}/status" => admin::change_status, Agent(Administer);
    post "/admin/agents/{id}/password" => admin::reset_password, Agent(Administer);
    get "/admin/audit" => admin::audit, Agent(Administer);
    get "/admin/tokens" => tokens::all, Agent(Administer);
    post "/admin/tokens/{id}/revoke" => tokens::revoke, Agent(Administer);
    get "/admin/outbox" => admin::outbox::outbox, Agent(Administer);
    post "/admin/outbox/test" => admin::outbox::send_test, Agent(Administer);
    post "/admin/outbox/{id}/retry" => admin::outbox::retry, Agent(Administer);
    post "/admin/outbox/retry-failed" => admin::outbox::retry_failed, Agent(Administer);
    get "/admin/settings" => settings::page, Agent(Administer);
    get "/admin/data-source" => data_source::page, Agent(Administer);
    post "/admin/data-source/sync" => data_source::sync_now, Agent(Administer);
    get "/admin/import" => admin::import::page, Agent(Administer);
    post "/admin/import" => admin::import::upload, Agent(Administer);
    get "/admin/import/template.csv" => admin::import::template, Agent(Administer);
    get "/admin/import/{id}" => admin::import::show, Agent(Administer);
    post "/admin/import/{id}" => admin::import::apply, Agent(Administer);
    post "/admin/settings" => settings::save, Agent(Administer);
}

/// Runs Diesel work on the blocking thread pool with a pooled connection,
/// never on the async executor.
pub async fn with_conn<T, F>(state: &AppState, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut Conn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await?
}

/// Runs a use case of the service layer on the blocking thread pool, with
/// a pooled connection, acting as `actor`. The use case's own error comes
/// back, so that a handler can show a refusal next to the field it is about.
pub async fn call<T, F>(state: &AppState, actor: Actor, work: F) -> Result<T, app::Error>
where
    F: FnOnce(&mut Ctx<'_>) -> Result<T, app::Error> + Send + 'static,
    T: Send + 'static,
{
    let pool = state.pool.clone();
    let clock = state.clock;
    let system = state.system.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        work(&mut Ctx {
            actor: &actor,
            clock,
            conn: &mut conn,
            system: &*system,
        })
    })
    .await
    .map_err(app::Error::internal)?
}

/// Renders a page.
pub fn render(template: &impl Template) -> Result<HttpResponse, AppError> {
    render_with_status(template, actix_web::http::StatusCode::OK)
}

/// Renders a page with a given status.
pub fn render_with_status(
    template: &impl Template,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let body = template.render()?;
    Ok(HttpResponse::build(status)
        .insert_header(ContentType::html())
        .insert_header(("Vary", "HX-Request, HX-Target"))
        .body(body))
}

/// Whether htmx asked for just the element with this ID (and not for a
/// whole page to restore history).
pub fn wants_fragment(req: &HttpRequest, target_id: &str) -> bool {
    Htmx::of(req).wants(target_id)
}

/// The client's address: the peer, or what a trusted proxy says it is.
///
/// Behind a proxy, the last address of `X-Forwarded-For` is the one the
/// proxy itself added; earlier ones came from the client and could be
/// anything. `Forwarded` is not read: proxies pass a client's own through.
pub fn client_address(req: &HttpRequest, config: &ServerConfig) -> String {
    let peer = || {
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    if !config.trust_proxy {
        return peer();
    }
    last_forwarded(req, "x-forwarded-for")
        .and_then(|last| last.parse::<std::net::IpAddr>().ok())
        .map_or_else(peer, |ip| ip.to_string())
}

/// The last value a proxy put in header `name` (comma-separated lists
/// and repeated headers read as one list).
fn last_forwarded<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers()
        .get_all(name)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())
}

/// Whether the browser reached us over HTTPS: only a trusted proxy can say
/// so (in `X-Forwarded-Proto`), since the server itself speaks plain HTTP.
pub fn is_https(req: &HttpRequest, config: &ServerConfig) -> bool {
    config.trust_proxy
        && last_forwarded(req, "x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// A redirect after a form post (303 See Other). A location that cannot be
/// a header value (it would come from a bug, since every caller builds it
/// from checked parts) goes home rather than failing the request.
pub fn see_other(location: &str) -> HttpResponse {
    let location = actix_web::http::header::HeaderValue::from_str(location)
        .unwrap_or_else(|_| actix_web::http::header::HeaderValue::from_static("/"));
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}
