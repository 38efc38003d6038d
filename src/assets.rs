//! Static files (CSS, JavaScript, htmx, icons), embedded in the binary so a
//! release build serves them from any directory.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::Embed;

/// The `static/` folder (less the README's pictures and notes). Debug builds
/// read it from disk, release builds embed it.
#[derive(Embed)]
#[folder = "static/"]
#[exclude = "readme/*"]
#[exclude = "*.md"]
pub struct Assets;

/// Serves `/static/{path}` with its content type, an ETag from the file's
/// hash and a cache lifetime; answers 304 when the browser's copy is current.
pub async fn serve(req: HttpRequest, path: web::Path<String>) -> HttpResponse {
    let Some(file) = Assets::get(&path) else {
        return HttpResponse::NotFound().finish();
    };
    let etag = format!(
        "\"{}\"",
        file.metadata
            .sha256_hash()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let cache = "public, max-age=3600, must-revalidate";
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut response = if not_modified {
        HttpResponse::NotModified().finish()
    } else {
        HttpResponse::Ok()
            .content_type(file.metadata.mimetype())
            .body(file.data.into_owned())
    };
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
