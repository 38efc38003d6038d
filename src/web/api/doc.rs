//! The OpenAPI 3.1 document of the API, generated from the handlers'
//! declarations (utoipa), served at `/api/v1/openapi.json`.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{create, customers, error, json, lookup, requests};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Partner Dashboard API",
        version = "1",
        description = "Customers, their Azure reservations and support requests, with the rights of the agent whose personal token is sent (Authorization: Bearer pd_…). Errors are JSON: {\"error\": {\"code\", \"message\"}}. Lists come in pages with a `next` link; answers carry an ETag."
    ),
    paths(
        customers::list,
        customers::detail,
        customers::reservations,
        customers::reservation,
        customers::utilization,
        requests::list,
        requests::detail,
        create::create,
        requests::approve,
        requests::reject,
        lookup::lookup,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail, error::FieldError)),
    modifiers(&BearerToken)
)]
pub struct ApiDoc;

/// Declares the bearer token scheme the paths ask for.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "token",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
        }
    }
}

/// `GET /api/v1/openapi.json` (no token needed).
pub async fn document() -> HttpResponse {
    let _ = json::PER_PAGE;
    match ApiDoc::openapi().to_json() {
        Ok(text) => HttpResponse::Ok()
            .content_type("application/json")
            .body(text),
        Err(e) => error::ApiError::from(crate::app::Error::internal(e)).answer(),
    }
}
