//! Starting a request: a new draft (or the one left unfinished), pre-filled
//! for refunds and exchanges, unless a refund or exchange is open already
//! (`app::requests::drafts::start`).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::{Step, step_path};
use crate::app::requests::drafts::{self, Contact, Started};
use crate::domain::support::{RequestFields, RequestKind};
use crate::web::error::AppError;
use crate::web::reservations::record::parse_id;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, see_other};

/// The start form (a Refund, Exchange or New support request button).
#[derive(Debug, Deserialize)]
pub struct StartFields {
    #[serde(default)]
    kind: String,
    /// A recommendation's exchange: the new SKU, region, term and quantity.
    #[serde(default)]
    new_sku: String,
    #[serde(default)]
    new_region: String,
    #[serde(default)]
    new_term: String,
    #[serde(default)]
    new_quantity: String,
}

/// `POST /reservations/{id}/support`: starts (or resumes) a draft and opens
/// its first step, pre-filled for refunds and exchanges.
pub async fn start(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<StartFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let kind = RequestKind::parse(&fields.kind)
        .filter(|k| k.as_str() == fields.kind)
        .ok_or(AppError::BadRequest("error-bad-request"))?;
    let actor = signed_in.actor(&req, &state.config);
    let contact = Contact {
        name: signed_in.user.display_name.clone(),
        email: signed_in.user.email.clone(),
    };
    let lang = signed_in.lang.clone();
    let cut = |text: &str| text.chars().take(100).collect::<String>();
    let suggested = RequestFields {
        new_sku: cut(&fields.new_sku),
        new_region: cut(&fields.new_region),
        new_term: cut(&fields.new_term),
        new_quantity: cut(&fields.new_quantity),
        ..RequestFields::default()
    };
    let started = call(&state, actor, move |ctx| {
        drafts::start_suggested(ctx, id, kind, (&contact, &lang), &suggested)
    })
    .await?;
    match started {
        Started::Draft(token) => Ok(see_other(&step_path(&token, Step::Basics))),
        Started::AlreadyOpen(open) => Ok(see_other(&crate::web::requests::detail::after(
            &open,
            Some("already-open"),
            None,
        ))),
    }
}
