//! Embedded static files: content types, ETags, caching, security headers.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn static_files_have_types_etags_and_cache_headers() {
    let app = spawn_app().await;
    for (path, kind) in [
        ("/static/css/app.css", "text/css"),
        ("/static/js/app.js", "javascript"),
        ("/static/vendor/htmx.min.js", "javascript"),
        ("/static/img/favicon.svg", "image/svg+xml"),
    ] {
        let response = app.get_raw(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        assert!(
            headers["content-type"]
                .to_str()
                .expect("type")
                .contains(kind),
            "{path}: {:?}",
            headers["content-type"]
        );
        assert!(
            headers["cache-control"]
                .to_str()
                .expect("cache")
                .contains("max-age"),
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let etag = headers["etag"].to_str().expect("etag").to_string();
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("If-None-Match", &etag)
            .send()
            .await
            .expect("conditional request");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
    }
    let missing = app.get("/static/nope.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.text("h1"),
        "Page not found",
        "404 drawn in the site's layout"
    );
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy() {
    let app = spawn_app().await;
    for path in ["/sign-in", "/static/css/app.css", "/no-such-page"] {
        let response = app.get_raw(path).await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .expect("csp")
            .to_string();
        for part in [
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}");
    }
    let page = app.get("/sign-in").await;
    assert_eq!(page.count("script:not([src])"), 0, "no inline scripts");
    assert_eq!(page.count("[style]"), 0, "no inline styles");
}
