//! Liveness and readiness for load balancers and orchestrators, and the
//! benchmark's baseline.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;

use super::{AppState, with_conn};

/// `GET /healthz`: the process answers.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// `GET /readyz`: the database answers too (503 otherwise).
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let answered = with_conn(&state, |conn| {
        Ok(diesel::sql_query("SELECT 1").execute(conn)?)
    })
    .await;
    match answered {
        Ok(_) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready"),
        Err(_) => HttpResponse::ServiceUnavailable()
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
