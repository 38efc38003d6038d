//! Answers of the API: JSON with an ETag (a matching `If-None-Match` gets
//! 304), and lists in pages with a `next` link.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// The most items a page holds.
pub const MAX_PER_PAGE: i64 = 100;
/// Items a page holds unless asked.
pub const PER_PAGE: i64 = 25;

/// A page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct List<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// How many there are in all.
    pub total: i64,
    /// The next page, when there is one.
    pub next: Option<String>,
}

/// Which page, from `?page=1&per_page=25`, checked: (page, per page).
pub fn paging(page: Option<&str>, per_page: Option<&str>) -> Result<(i64, i64), ApiError> {
    let number = |text: Option<&str>, default: i64, max: i64, name: &str| match text {
        None => Ok(default),
        Some(t) => t
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    format!("{name} must be a whole number from 1 to {max}."),
                )
            }),
    };
    Ok((
        number(page, 1, 1_000_000, "page")?,
        number(per_page, PER_PAGE, MAX_PER_PAGE, "per_page")?,
    ))
}

impl<T> List<T> {
    /// Page `page` of `per_page` holding `items` of `total`; the next one
    /// (when there is one) at `path` with the same `filter`.
    pub fn of(
        items: Vec<T>,
        total: i64,
        (page, per_page): (i64, i64),
        (path, filter): (&str, (&str, String)),
    ) -> List<T> {
        let next = (page * per_page < total).then(|| {
            crate::web::paging::url_with(
                path,
                &[
                    filter,
                    ("page", (page + 1).to_string()),
                    ("per_page", per_page.to_string()),
                ],
            )
        });
        List { items, total, next }
    }
}

/// `value` as a 200 answer with its ETag, or 304 when the caller has it.
pub fn ok<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    answer(req, StatusCode::OK, value)
}

/// `value` as an answer with `status` and its ETag (304 for a GET whose
/// `If-None-Match` matches).
pub fn answer<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    value: &T,
) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(crate::app::Error::internal)?;
    let digest = Sha256::digest(&body);
    let tag: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            // Weak comparison (RFC 9110): a proxy that compresses marks
            // the tag weak.
            v.split(',').any(|t| {
                let t = t.trim();
                t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag
            })
        });
    if req.method().is_safe() && matches {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "private, no-cache"))
            .finish());
    }
    if let Some(next) = serde_json::to_value(value)
        .ok()
        .and_then(|v| v.get("next").and_then(|n| n.as_str().map(str::to_string)))
    {
        response.insert_header((header::LINK, format!("<{next}>; rel=\"next\"")));
    }
    Ok(response.content_type("application/json").body(body))
}
