//! Liveness and readiness for load balancers and orchestrators, and the
//! benchmark's baseline.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;

use std::time::Duration;

use super::AppState;

/// `GET /healthz`: the process answers.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// How long `/readyz` waits for a connection before saying the database
/// is unavailable: well within a load balancer's health check timeout.
const READY_WITHIN: Duration = Duration::from_secs(2);

/// `GET /readyz`: the database answers too (503 otherwise, quickly). A
/// database that comes back is used again without a restart: the pool
/// drops broken connections and opens new ones.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let check = web::block(move || {
        let mut conn = pool.get_timeout(READY_WITHIN).map_err(|e| e.to_string())?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|e| e.to_string())
    });
    // A database that stopped answering mid-query does not hold the
    // answer either.
    let answered = actix_web::rt::time::timeout(READY_WITHIN, check).await;
    match answered {
        Ok(Ok(Ok(_))) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready"),
        Ok(Ok(Err(_)) | Err(_)) | Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("database unavailable"),
    }
}

/// `GET /robots.txt`: a private dashboard is for no crawler.
pub async fn robots() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("User-agent: *\nDisallow: /\n")
}
