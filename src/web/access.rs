//! Who may use each route, enforced in one place. The route table in
//! `web/mod.rs` gives every route an [`Access`]; [`guard`] wraps the route
//! with a middleware that resolves the session, refuses strangers and roles
//! without the permission, and checks the anti-forgery token of every
//! state-changing request before the handler runs.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use super::session::{self, CSRF_HEADER, SignedIn};
use super::{AppState, call};
use crate::app::{self, Actor};
use crate::db::users::User;
use crate::domain::ids::ReservationId;
use crate::domain::roles::{AgentRole, Permission, Right, Rights};
use crate::web::error::AppError;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (sign-in, static files, health).
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users whose role has this permission.
    Agent(Permission),
    /// The reservation named by the URL's `{id}`, for agents whose role
    /// gives this right on every reservation and for customer users whose
    /// roles on this one give it (to anyone else of theirs it does not exist).
    Reservation(Right),
    /// Customer users only.
    CustomerUser,
}

impl Access {
    /// Whether a user of `role` (or a stranger, `None`) may use the route.
    /// For `Reservation` routes and customer users the answer depends on
    /// their roles on the reservation; this says whether the route is open to
    /// the role at all.
    pub fn allows(&self, role: Option<AgentRole>) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::SignedIn, Some(_)) => true,
            (Access::Agent(permission), Some(role)) => role.may(*permission),
            (Access::Reservation(_), Some(AgentRole::Customer)) => true,
            (Access::Reservation(right), Some(role)) => role.may(right.agent_permission()),
            (Access::CustomerUser, Some(role)) => role == AgentRole::Customer,
        }
    }
}

/// A route as the site map declares it.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    /// `get` or `post`.
    pub method: &'static str,
    /// The path pattern.
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
}

/// The middleware body enforcing `access` on one route (the route table
/// wraps every route with it through `actix_web::middleware::from_fn`).
/// A refusal is answered here as a response carrying its error, so that the
/// error pages, the security headers, the request ID and the access log
/// treat it like every other response.
pub async fn authorize(
    access: Access,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    match check(access, &mut req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
        Err(error) => {
            if matches!(
                error,
                AppError::Forbidden | AppError::NotFound | AppError::BadCsrf
            ) {
                tracing::warn!(reason = %error, path = %req.path(), "refused");
            }
            Ok(req.error_response(error).map_into_right_body())
        }
    }
}

/// Resolves the session, checks the route's access and the anti-forgery
/// token, and leaves the signed-in user in the request's extensions (also
/// when refusing, so that the refusal page shows their menu).
async fn check(access: Access, req: &mut ServiceRequest) -> Result<(), AppError> {
    let changes_state = !req.method().is_safe();
    // No text the dashboard keeps or looks for holds a NUL, and PostgreSQL
    // takes none in a query: such a request is malformed, wherever the NUL is.
    let uri = req.uri().to_string();
    if uri.contains('\0') || uri.to_ascii_lowercase().contains("%00") {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    // A file upload's body is the handler's to read as it arrives; its
    // anti-forgery token is then checked by the handler (see [`CsrfInParts`]).
    let with_files = changes_state && takes_files(req.path(), req.headers());
    let form = if changes_state && !with_files {
        // Read the form (for its NULs and its token), and put the body back
        // for the handler.
        let body = req
            .extract::<web::Bytes>()
            .await
            .map_err(|_| AppError::BadRequest("error-bad-request"))?;
        let pairs =
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body).unwrap_or_default();
        req.set_payload(actix_web::dev::Payload::from(body));
        if pairs
            .iter()
            .any(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(AppError::BadRequest("error-bad-request"));
        }
        pairs
    } else {
        Vec::new()
    };
    if access == Access::Public && !changes_state {
        return Ok(());
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("application state missing"))?;
    let http = req.request().clone();
    let current = session::current(&state, &http).await?;
    if let Some((session, Some(user))) = &current
        && !user.disabled
    {
        // Built before borrowing the extensions: reading the cookies does too.
        let signed_in = SignedIn {
            user: user.clone(),
            session: session.clone(),
            lang: session::lang_of(&http),
            path: session::return_path(&http),
        };
        req.extensions_mut().insert(signed_in);
    }
    let user = current
        .as_ref()
        .and_then(|(_, u)| u.as_ref())
        .filter(|u| !u.disabled);
    if !access.allows(user.map(|u| u.role)) {
        return Err(match user {
            None => session::sign_in_required(&http),
            Some(_) => AppError::Forbidden,
        });
    }
    if let (Access::Reservation(right), Some(user)) = (access, user) {
        let rights = reservation_rights(&state, &http, user).await?;
        if !rights.has(right) {
            // Customer users learn nothing about reservations that are not theirs.
            return Err(if user.role == AgentRole::Customer {
                AppError::NotFound
            } else {
                AppError::Forbidden
            });
        }
        req.extensions_mut().insert(rights);
    }
    if changes_state {
        let expected = session::expected_csrf(&http, current.as_ref());
        let header = http
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok());
        if header.is_none() && with_files {
            req.extensions_mut().insert(CsrfInParts(expected));
            return Ok(());
        }
        let given = match header {
            Some(token) => token.to_string(),
            None => form
                .into_iter()
                .find(|(k, _)| k == "csrf_token")
                .map(|(_, v)| v)
                .unwrap_or_default(),
        };
        if !session::tokens_match(&expected, &given) {
            return Err(AppError::BadCsrf);
        }
    }
    Ok(())
}

/// The paths whose form carries files (`multipart/form-data`).
pub const FILE_FORMS: [&str; 1] = [super::paths::ADMIN_IMPORT];

/// Whether the request is a file form posted to a path that takes one.
fn takes_files(path: &str, headers: &actix_web::http::header::HeaderMap) -> bool {
    FILE_FORMS.contains(&path)
        && headers
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// The anti-forgery token a file form must carry in its `csrf_token` part
/// (sent without the header, the form is not read before the handler): the
/// handler compares it with [`session::tokens_match`] before anything else.
#[derive(Debug, Clone)]
pub struct CsrfInParts(pub String);

/// What `user` may do to the reservation named by the URL.
async fn reservation_rights(
    state: &AppState,
    req: &actix_web::HttpRequest,
    user: &User,
) -> Result<Rights, AppError> {
    if user.role != AgentRole::Customer {
        return Ok(Rights::of_agent(user.role));
    }
    let id: ReservationId = req
        .match_info()
        .get("id")
        .unwrap_or("")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let actor = Actor::user(user, "");
    Ok(call(state, actor, move |ctx| app::access::rights_for(ctx, id)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_follows_roles() {
        assert!(Access::Public.allows(None));
        assert!(!Access::SignedIn.allows(None));
        assert!(Access::SignedIn.allows(Some(AgentRole::Customer)));
        assert!(Access::Agent(Permission::Administer).allows(Some(AgentRole::Admin)));
        assert!(!Access::Agent(Permission::Administer).allows(Some(AgentRole::Sales)));
        assert!(!Access::Agent(Permission::ViewCustomers).allows(None));
    }
}
