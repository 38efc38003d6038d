//! `POST /reservations/{id}/archive` and `/unarchive`: the Overview's
//! Archive and Unarchive buttons.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::record::parse_id;
use super::show_overview;
use crate::app::{self, reservations::archive::set_archived};
use crate::domain::roles::Rights;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, see_other};

/// The notices the Overview shows after these buttons.
pub const NOTICES: [&str; 2] = ["archive-done", "unarchive-done"];

/// `POST /reservations/{id}/archive`.
pub async fn archive(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    change(&state, &req, &signed_in, *rights, &id, true).await
}

/// `POST /reservations/{id}/unarchive`.
pub async fn unarchive(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    change(&state, &req, &signed_in, *rights, &id, false).await
}

async fn change(
    state: &AppState,
    req: &HttpRequest,
    signed_in: &SignedIn,
    rights: Rights,
    id: &str,
    archived: bool,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(id)?;
    let actor = signed_in.actor(req, &state.config);
    match call(state, actor, move |ctx| set_archived(ctx, id, archived)).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?notice={}",
            paths::reservation(id),
            NOTICES[usize::from(!archived)]
        ))),
        Err(app::Error::Refused(refusal)) => {
            let error = match &refusal {
                app::Refusal::Azure(remote) => {
                    format!(
                        "{} {}",
                        signed_in.lang.t(refusal.message_id()),
                        remote.message
                    )
                }
                other => signed_in.lang.t(other.message_id()),
            };
            show_overview(
                state,
                signed_in,
                rights,
                id,
                (None, Some(error)),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
