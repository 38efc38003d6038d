//! Liveness for load balancers and the benchmark's baseline.

use actix_web::HttpResponse;

/// `GET /healthz`: the process answers.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}
