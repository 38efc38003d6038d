//! The API's look-up: any reservation or order ID form, to what it names.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::error::{ApiError, english};
use super::json;
use crate::app::lookup::{self, Found};
use crate::domain::ids::{IdError, LookupQuery};
use crate::web::{AppState, call};

/// The look-up's query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupParams {
    /// A reservation ID, an order ID (any case, braces or not), or an ARM
    /// path `/providers/Microsoft.Capacity/reservationOrders/…`.
    pub id: String,
}

/// What an ID names.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Named {
    /// `reservation` or `order`.
    pub kind: String,
    /// Its ID.
    pub id: String,
    /// The reservation in the API (none for an order of several).
    pub href: Option<String>,
}

/// Looks an ID up.
#[utoipa::path(get, path = "/api/v1/lookup", params(LookupParams),
    responses((status = 200, body = Named), (status = 404, body = super::error::ErrorBody), (status = 422, body = super::error::ErrorBody)),
    security(("token" = [])))]
pub async fn lookup(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    query: web::Query<LookupParams>,
) -> Result<HttpResponse, ApiError> {
    let parsed = LookupQuery::parse(&query.id).map_err(|e| {
        ApiError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            english(match e {
                IdError::Empty => "lookup-empty",
                IdError::Malformed => "lookup-malformed",
            }),
        )
    })?;
    let found = call(&state, caller.actor(), move |ctx| lookup::find(ctx, parsed)).await?;
    let named = match found {
        Found::Reservation(id) => Named {
            kind: "reservation".into(),
            id: id.to_string(),
            href: Some(format!("/api/v1/reservations/{id}")),
        },
        Found::Order(id) => Named {
            kind: "order".into(),
            id: id.to_string(),
            href: None,
        },
        Found::Nothing(message) => {
            return Err(ApiError::new(
                actix_web::http::StatusCode::NOT_FOUND,
                "not_found",
                english(message),
            ));
        }
    };
    json::ok(&req, &named)
}
