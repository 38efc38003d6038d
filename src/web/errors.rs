//! Error pages in the site's layout. Every 4xx/5xx response that is not
//! already a page (an `AppError`, an extractor's refusal, an unknown route)
//! is drawn here, in the reader's language; htmx requests get a fragment
//! aimed at the page's alert region instead.

use actix_web::HttpResponse;
use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use askama::Template;

use actix_web::HttpMessage;

use super::context::{Nav, PageCtx};
use super::session::{self, SignedIn};
use crate::web::error::AppError;

/// A whole error page.
#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage {
    ctx: PageCtx,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
}

/// The same message as an htmx fragment.
#[derive(Template)]
#[template(path = "errors/fragment.html")]
pub struct ErrorFragment {
    ctx: PageCtx,
    message_key: &'static str,
}

/// The middleware that draws error pages.
pub fn handlers<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(draw)
}

fn generic_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        s if s.is_client_error() => "error-bad-request",
        _ => "error-internal",
    }
}

fn title_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-title-not-found",
        StatusCode::FORBIDDEN => "error-title-forbidden",
        StatusCode::SERVICE_UNAVAILABLE => "error-title-busy",
        s if s.is_client_error() => "error-title-bad-request",
        _ => "error-title-internal",
    }
}

fn draw<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let message_key = match res.response().error() {
        Some(e) => match e.as_error::<AppError>() {
            Some(AppError::SignInRequired { .. }) => None,
            Some(app) => Some(app.message_id()),
            None => Some(generic_message(status)),
        },
        // A handler's own page (sign-in, look-up) keeps its body.
        None if res.headers().contains_key(header::CONTENT_TYPE) => None,
        None => Some(generic_message(status)),
    };
    let Some(message_key) =
        message_key.filter(|_| status.is_client_error() || status.is_server_error())
    else {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    };
    if res.request().path().starts_with("/api/") {
        return Ok(ErrorHandlerResponse::Response(api_answer(res, status)));
    }
    let kept: Vec<_> = [header::RETRY_AFTER, header::ALLOW]
        .into_iter()
        .filter_map(|name| Some((name.clone(), res.headers().get(&name)?.clone())))
        .collect();
    let (req, _) = res.into_parts();
    // The signed-in user's header and menu, when the access guard knew them.
    let signed_in = req.extensions().get::<SignedIn>().cloned();
    let ctx = match &signed_in {
        Some(signed_in) => PageCtx::new(signed_in, Nav::None),
        None => PageCtx::anonymous(session::lang_of(&req), session::expected_csrf(&req, None)),
    };
    let is_htmx = super::Htmx::of(&req).request;
    let rendered = if is_htmx {
        ErrorFragment { ctx, message_key }.render()
    } else {
        ErrorPage {
            ctx,
            status: status.as_u16(),
            title_key: title_for(status),
            message_key,
        }
        .render()
    };
    let mut response = HttpResponse::build(status);
    response.insert_header(ContentType::html());
    for header in kept {
        response.insert_header(header);
    }
    if is_htmx {
        response.insert_header(("HX-Retarget", "#page-alert"));
        response.insert_header(("HX-Reswap", "innerHTML"));
    }
    let response = match rendered {
        Ok(body) => response.body(body),
        Err(e) => {
            tracing::error!(cause = %e, "error page failed to render");
            response.body("Error")
        }
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// An error of an API path as the API's JSON (what a handler answered in
/// JSON already stays as it is).
fn api_answer<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
    status: StatusCode,
) -> ServiceResponse<actix_web::body::EitherBody<B>> {
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return res.map_into_left_body();
    }
    let mut error = super::api::error::for_status(status);
    // An extractor's refusal says what it could not read.
    if status.is_client_error()
        && let Some(cause) = res.response().error()
    {
        error.message = format!("{} {cause}", error.message);
    }
    let kept: Vec<_> = [header::RETRY_AFTER, header::ALLOW]
        .into_iter()
        .filter_map(|name| Some((name.clone(), res.headers().get(&name)?.clone())))
        .collect();
    let (req, _) = res.into_parts();
    let mut response = error.answer();
    for (name, value) in kept {
        response.headers_mut().insert(name, value);
    }
    ServiceResponse::new(req, response).map_into_right_body()
}
