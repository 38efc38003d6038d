//! The JSON API under `/api/v1`, for partners' own tools: customers, their
//! reservations and utilization, support requests (list, read, create a
//! refund or exchange, approve, reject) and the look-up. A personal token
//! acts as the agent who made it, with the same rights as the pages
//! ([`API_ROUTES`] declares each route's [`Access`] as the site map does);
//! no cookie and no anti-forgery token are taken. Every call is audited
//! and counted against its token's rate limit.

pub mod auth;
pub mod create;
pub mod customers;
pub mod doc;
pub mod error;
pub mod json;
pub mod lookup;
pub mod requests;

use actix_web::middleware::from_fn;
use actix_web::web;

use super::access::{Access, RouteSpec};
use crate::domain::roles::Permission::*;
use crate::domain::roles::Right::Read;

/// Declares the API's routes once, with who may use each.
macro_rules! api_map {
    ($($method:ident $path:literal => $handler:path, $access:expr;)*) => {
        /// Every API route and who may use it (`/api/v1/openapi.json`
        /// aside: it is public).
        pub const API_ROUTES: &[RouteSpec] = &[$(RouteSpec { method: stringify!($method), path: $path, access: $access }),*];

        /// Registers every API route behind the API's guard.
        pub fn routes(cfg: &mut web::ServiceConfig) {
            cfg.route("/api/v1/openapi.json", web::get().to(doc::document));
            $(
                cfg.route(
                    $path,
                    crate::web::method::$method()
                        .to($handler)
                        .wrap(from_fn(move |req, next| auth::authorize($access, req, next))),
                );
            )*
        }
    };
}

api_map! {
    get "/api/v1/customers" => customers::list, Access::Agent(ViewCustomers);
    get "/api/v1/customers/{id}" => customers::detail, Access::Agent(ViewCustomers);
    get "/api/v1/customers/{id}/reservations" => customers::reservations, Access::Agent(ViewCustomers);
    get "/api/v1/reservations/{id}" => customers::reservation, Access::Reservation(Read);
    get "/api/v1/reservations/{id}/utilization" => customers::utilization, Access::Reservation(Read);
    get "/api/v1/requests" => requests::list, Access::Agent(ViewCustomers);
    post "/api/v1/requests" => create::create, Access::Agent(StartRequests);
    get "/api/v1/requests/{number}" => requests::detail, Access::Agent(ViewCustomers);
    post "/api/v1/requests/{number}/approve" => requests::approve, Access::Agent(SettleRequests);
    post "/api/v1/requests/{number}/reject" => requests::reject, Access::Agent(SettleRequests);
    get "/api/v1/lookup" => lookup::lookup, Access::Agent(LookUp);
}
