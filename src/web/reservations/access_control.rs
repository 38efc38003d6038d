//! The Access control (IAM) blade: who holds which role on the reservation;
//! adding and removing roles. A reservation always keeps an Owner. A person
//! given a role who has no sign-in yet becomes a customer user with a
//! generated password, shown once to hand over.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::record::{Blade, Record, RecordHeader, header, load, page_ctx, parse_id};
use crate::app::access::Granted;
use crate::app::reservations::view;
use crate::app::{self, Error, Refusal};
use crate::db::keys::AssignmentKey;
use crate::db::role_assignments::Assignment;
use crate::domain::identity::Email;
use crate::domain::roles::{ReservationRole, Rights};
use crate::web::confirm::{self, Confirmation};
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render_with_status, see_other};

/// An assignment as the list shows it.
pub struct AssignmentRow {
    /// The assignment.
    pub assignment: Assignment,
    /// Where its remove button posts.
    pub remove_action: String,
    /// What removing it does, in one sentence (its confirmation).
    pub confirm_message: String,
}

/// The blade.
#[derive(Template)]
#[template(path = "reservations/access.html")]
pub struct AccessPage {
    ctx: PageCtx,
    header: RecordHeader,
    rows: Vec<AssignmentRow>,
    roles: Vec<(&'static str, &'static str)>,
    email: String,
    role: String,
    email_error: Option<&'static str>,
    role_error: Option<&'static str>,
    notice: Option<String>,
    error: Option<String>,
    revealed: Option<(String, String)>,
    action: String,
}

/// What the page shows besides the list.
#[derive(Default)]
struct Extras {
    email: String,
    role: String,
    email_error: Option<&'static str>,
    role_error: Option<&'static str>,
    notice: Option<String>,
    error: Option<String>,
    revealed: Option<(String, String)>,
}

async fn show(
    state: &AppState,
    signed_in: &SignedIn,
    rights: Rights,
    record: Record,
    extras: Extras,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let guid = record.reservation.reservation_guid;
    let actor = signed_in.user_actor();
    let assignments = call(state, actor, move |ctx| view::assignments(ctx, guid)).await?;
    let name = record.reservation.display_name.clone();
    let rows = assignments
        .into_iter()
        .map(|a| AssignmentRow {
            remove_action: format!("{}/{}/remove", paths::reservation_access(guid), a.id),
            confirm_message: remove_message(&signed_in.lang, &a, &name),
            assignment: a,
        })
        .collect();
    let page = AccessPage {
        ctx: page_ctx(signed_in, &record, "blade-access"),
        header: header(&record, Blade::Access, state.today(), signed_in, rights),
        rows,
        roles: ReservationRole::ALL
            .iter()
            .map(|r| (r.as_str(), r.message_id()))
            .collect(),
        email: extras.email,
        role: extras.role,
        email_error: extras.email_error,
        role_error: extras.role_error,
        notice: extras.notice,
        error: extras.error,
        revealed: extras.revealed,
        action: paths::reservation_access(guid),
    };
    render_with_status(&page, status)
}

/// Query of the blade.
#[derive(Debug, Deserialize)]
pub struct AccessQuery {
    notice: Option<String>,
}

/// `GET /reservations/{id}/access`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    query: web::Query<AccessQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let record = load(&state, &signed_in, id).await?;
    let notice = query
        .notice
        .as_deref()
        .filter(|n| *n == "access-removed")
        .map(|n| signed_in.lang.t(n));
    show(
        &state,
        &signed_in,
        *rights,
        record,
        Extras {
            notice,
            ..Extras::default()
        },
        StatusCode::OK,
    )
    .await
}

/// The add form.
#[derive(Debug, Deserialize)]
pub struct AddFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /reservations/{id}/access`: gives a principal a role.
pub async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    fields: web::Form<AddFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let record_id = id;
    let record = load(&state, &signed_in, id).await?;
    let mut extras = Extras {
        email: fields.email.chars().take(300).collect(),
        role: fields.role.chars().take(60).collect(),
        ..Extras::default()
    };
    let email = Email::parse(&fields.email)
        .map_err(|p| extras.email_error = Some(p.message_id()))
        .ok();
    let role = ReservationRole::parse(&fields.role).filter(|r| r.as_str() == fields.role.trim());
    if role.is_none() {
        extras.role_error = Some("reservation-role-unknown");
    }
    let (Some(email), Some(role)) = (email, role) else {
        return show(
            &state,
            &signed_in,
            *rights,
            record,
            extras,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let actor = signed_in.actor(&req, &state.config);
    let _hashing = state.hashing.permit().await?;
    let person = email.clone();
    let added = call(&state, actor, move |ctx| {
        app::access::grant(ctx, record_id, &person, role)
    })
    .await;
    let lang = &signed_in.lang;
    let (extras, status) = match added {
        Ok(Granted { new_password }) => {
            let role_name = lang.t(role.message_id());
            let notice = Some(lang.ts2(
                "access-added",
                ("email", email.as_str()),
                ("role", &role_name),
            ));
            let revealed = new_password.map(|p| (email.to_string(), p));
            let extras = Extras {
                notice,
                revealed,
                ..Extras::default()
            };
            (extras, StatusCode::CREATED)
        }
        Err(Error::Refused(refusal @ Refusal::AlreadyAssigned)) => {
            extras.email_error = Some(refusal.message_id());
            (extras, StatusCode::CONFLICT)
        }
        Err(Error::Refused(refusal @ Refusal::Grant(_))) => {
            extras.email_error = Some(refusal.message_id());
            (extras, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => return Err(other.into()),
    };
    show(&state, &signed_in, *rights, record, extras, status).await
}

/// What removing the assignment `a` from the reservation `name` does.
fn remove_message(lang: &crate::i18n::Lang, a: &Assignment, name: &str) -> String {
    lang.ts3(
        "confirm-remove",
        ("email", &a.principal_email),
        ("role", &lang.t(a.role.message_id())),
        ("name", name),
    )
}

/// The remove form.
#[derive(Debug, Deserialize)]
pub struct RemoveFields {
    #[serde(default)]
    confirmed: String,
}

/// `POST /reservations/{id}/access/{assignment}/remove`: asks first.
pub async fn remove(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    path: web::Path<(String, String)>,
    fields: web::Form<RemoveFields>,
) -> Result<HttpResponse, AppError> {
    let (id, assignment) = path.into_inner();
    let id = parse_id(&id)?;
    let assignment: AssignmentKey = assignment.parse().map_err(|_| AppError::NotFound)?;
    if !confirm::is_confirmed(&fields.confirmed) {
        let actor = signed_in.user_actor();
        let (name, a) = call(&state, actor, move |ctx| {
            view::assignment(ctx, id, assignment)
        })
        .await?;
        let lang = &signed_in.lang;
        return confirm::page(
            &signed_in,
            Nav::reservations_of(signed_in.role()),
            Confirmation {
                title: lang.t("confirm-remove-title"),
                message: remove_message(lang, &a, &name),
                action: &paths::access_remove(id, assignment),
                fields: Vec::new(),
                confirm_label: lang.t("access-remove"),
                back: paths::reservation_access(id),
            },
        );
    }
    let actor = signed_in.actor(&req, &state.config);
    let removed = call(&state, actor, move |ctx| {
        app::access::remove(ctx, id, assignment)
    })
    .await;
    match removed {
        Ok(()) => {
            return Ok(see_other(&format!(
                "{}?notice=access-removed",
                paths::reservation_access(id)
            )));
        }
        Err(Error::Refused(Refusal::LastOwner)) => {}
        Err(other) => return Err(other.into()),
    }
    let record = load(&state, &signed_in, id).await?;
    let extras = Extras {
        error: Some(signed_in.lang.t(Refusal::LastOwner.message_id())),
        ..Extras::default()
    };
    show(
        &state,
        &signed_in,
        *rights,
        record,
        extras,
        StatusCode::CONFLICT,
    )
    .await
}
