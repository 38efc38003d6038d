//! Every URL the site links to, in one place.

use crate::domain::ids::{OrderId, ReservationId};

/// Home: the tiles.
pub const HOME: &str = "/";
/// The sign-in page.
pub const SIGN_IN: &str = "/sign-in";
/// Signing out (a form post).
pub const SIGN_OUT: &str = "/sign-out";
/// Choosing the language (a form post).
pub const LANGUAGE: &str = "/language";
/// Changing one's password.
pub const ACCOUNT_PASSWORD: &str = "/account/password";
/// The account's email alerts.
pub const ACCOUNT_ALERTS: &str = "/account/alerts";
/// The account's API tokens.
pub const ACCOUNT_TOKENS: &str = "/account/tokens";
/// Every API token (admins).
pub const ADMIN_TOKENS: &str = "/admin/tokens";
/// The support-request queue.
pub const REQUESTS: &str = "/requests";
/// The open support requests.
pub const OPEN_REQUESTS: &str = "/requests?status=Open";
/// Reservations used less than the threshold.
pub const UNDERUSED: &str = "/reservations/underused";
/// The reservations with a recommendation, across customers.
pub const RECOMMENDED: &str = "/reservations/recommended";
/// Managing agents.
pub const ADMIN_AGENTS: &str = "/admin/agents";
/// The policy settings.
pub const ADMIN_SETTINGS: &str = "/admin/settings";
/// The audit log.
pub const ADMIN_AUDIT: &str = "/admin/audit";
/// The outbox of email alerts.
pub const ADMIN_OUTBOX: &str = "/admin/outbox";
/// Queues a test email (POST).
pub const ADMIN_OUTBOX_TEST: &str = "/admin/outbox/test";
/// Queues every given-up email again (POST).
pub const ADMIN_OUTBOX_RETRY_FAILED: &str = "/admin/outbox/retry-failed";
/// Where the data comes from, and the sync with Azure (admins).
pub const ADMIN_DATA_SOURCE: &str = "/admin/data-source";
/// "Sync now" (admins).
pub const ADMIN_SYNC: &str = "/admin/data-source/sync";
/// Importing reservations from a CSV file.
pub const ADMIN_IMPORT: &str = "/admin/import";
/// The import file's template.
pub const ADMIN_IMPORT_TEMPLATE: &str = "/admin/import/template.csv";

/// Upload `id` of an import: its preview, progress or result.
pub fn admin_import(id: i64) -> String {
    format!("{ADMIN_IMPORT}/{id}")
}
/// The stylesheet.
pub const STYLESHEET: &str = "/static/css/app.css";
/// The site's own script.
pub const SCRIPT: &str = "/static/js/app.js";
/// htmx, vendored.
pub const HTMX: &str = "/static/vendor/htmx.min.js";
/// The icon.
pub const ICON: &str = "/static/img/favicon.svg";
/// The customer list.
pub const CUSTOMERS: &str = "/customers";
/// The look-up.
pub const LOOKUP: &str = "/lookup";
/// A customer user's reservations.
pub const MY_RESERVATIONS: &str = "/my/reservations";
/// A customer user's support requests.
pub const MY_REQUESTS: &str = "/my/requests";

/// Sign-in, returning to `next` afterwards.
pub fn sign_in_with_next(next: &str) -> String {
    if next.is_empty() || next == "/" {
        return SIGN_IN.to_string();
    }
    format!("{SIGN_IN}?next={}", encode(next))
}

/// Reservations expiring soon.
pub const EXPIRING: &str = "/reservations/expiring";
/// The CSV export of every reservation.
pub const EXPORT: &str = "/reservations/export.csv";

/// Reservations expiring within `days`.
pub fn expiring(days: impl std::fmt::Display) -> String {
    format!("{EXPIRING}?days={days}")
}

/// The agents page saying `notice` (a message ID).
pub fn agents_with_notice(notice: &str) -> String {
    format!("{ADMIN_AGENTS}?notice={notice}")
}

/// A change to agent `id`: `role`, `status` or `password` (form posts).
pub fn agent_change(id: impl std::fmt::Display, change: &str) -> String {
    format!("{ADMIN_AGENTS}/{id}/{change}")
}

/// Removing role assignment `assignment` from reservation `id` (a form post).
pub fn access_remove(id: ReservationId, assignment: impl std::fmt::Display) -> String {
    format!("/reservations/{id}/access/{assignment}/remove")
}

/// Step `step` of the draft `token`.
pub fn draft_step(token: &str, step: &str) -> String {
    format!("/requests/drafts/{token}/{step}")
}

/// Approving request `number` (a form post).
pub fn request_approve(number: &str) -> String {
    format!("/requests/{number}/approve")
}

/// Rejecting request `number` (a form post).
pub fn request_reject(number: &str) -> String {
    format!("/requests/{number}/reject")
}

/// A customer's overview tab.
pub fn customer(id: impl std::fmt::Display) -> String {
    format!("/customers/{id}")
}

/// A customer's Azure reservations tab.
pub fn customer_reservations(id: impl std::fmt::Display) -> String {
    format!("/customers/{id}/reservations")
}

/// Buying reservations for customer `id`: the catalogue and the cart.
pub fn purchase(id: impl std::fmt::Display) -> String {
    format!("/customers/{id}/purchase")
}

/// Adding to the cart of customer `id` (a form post).
pub fn purchase_cart(id: impl std::fmt::Display) -> String {
    format!("/customers/{id}/purchase/cart")
}

/// Taking `item` out of the cart of customer `id` (a form post).
pub fn purchase_cart_remove(id: impl std::fmt::Display, item: i64) -> String {
    format!("/customers/{id}/purchase/cart/{item}/remove")
}

/// The price review of the cart of customer `id`.
pub fn purchase_review(id: impl std::fmt::Display) -> String {
    format!("/customers/{id}/purchase/review")
}

/// The purchase made for customer `id` with `token`.
pub fn purchase_made(id: impl std::fmt::Display, token: &str) -> String {
    format!("/customers/{id}/purchases/{token}")
}

/// Revokes one's own API token (POST).
pub fn token_revoke(id: i64) -> String {
    format!("/account/tokens/{id}/revoke")
}

/// Revokes anyone's API token (POST, admins).
pub fn admin_token_revoke(id: i64) -> String {
    format!("/admin/tokens/{id}/revoke")
}

/// Queues a given-up email again (POST).
pub fn outbox_retry(id: i64) -> String {
    format!("/admin/outbox/{id}/retry")
}

/// A reservation's Overview blade.
pub fn reservation(id: ReservationId) -> String {
    format!("/reservations/{id}")
}

/// Archives a reservation (POST).
pub fn reservation_archive(id: ReservationId) -> String {
    format!("/reservations/{id}/archive")
}

/// The Recommendations blade of a reservation.
pub fn reservation_advice(id: ReservationId) -> String {
    format!("/reservations/{id}/recommendations")
}

/// The Split form of a reservation.
pub fn reservation_split(id: ReservationId) -> String {
    format!("/reservations/{id}/split")
}

/// The Merge form of a reservation.
pub fn reservation_merge(id: ReservationId) -> String {
    format!("/reservations/{id}/merge")
}

/// Takes a reservation out of the archive (POST).
pub fn reservation_unarchive(id: ReservationId) -> String {
    format!("/reservations/{id}/unarchive")
}

/// A reservation's Properties blade.
pub fn reservation_properties(id: ReservationId) -> String {
    format!("/reservations/{id}/properties")
}

/// A reservation's Access control (IAM) blade.
pub fn reservation_access(id: ReservationId) -> String {
    format!("/reservations/{id}/access")
}

/// A reservation's Configuration blade.
pub fn reservation_configuration(id: ReservationId) -> String {
    format!("/reservations/{id}/configuration")
}

/// A reservation's Activity log blade.
pub fn reservation_activity(id: ReservationId) -> String {
    format!("/reservations/{id}/activity")
}

/// A reservation's support blade (new request, its requests).
pub fn reservation_support(id: ReservationId) -> String {
    format!("/reservations/{id}/support")
}

/// A support request.
pub fn request(number: &str) -> String {
    format!("/requests/{number}")
}

/// A reservation order's page.
pub fn order(id: OrderId) -> String {
    format!("/orders/{id}")
}

/// Where to go after signing in (or switching language): only a path on
/// this site that parses cleanly, never another host; home (which knows who
/// is signing in) otherwise. Browsers drop tabs and newlines from URLs and
/// read a backslash as a slash, so `/\t/evil.example` would leave the site:
/// any whitespace, control character or backslash refuses the whole value.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
                && n.parse::<actix_web::http::uri::PathAndQuery>().is_ok()
                && actix_web::http::header::HeaderValue::from_str(n).is_ok() =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        let cases = [
            (None, "/"),
            (Some("/customers/3?page=2"), "/customers/3?page=2"),
            (Some("//evil.example/"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("https://evil.example/"), "/"),
            (Some("/x\r\nSet-Cookie: a=b"), "/"),
            (Some("/\t/evil.example"), "/"),
            (Some("/\u{b}/evil.example"), "/"),
            (Some("/ /evil.example"), "/"),
            (Some("/a\\b"), "/"),
            (Some("/\u{7f}"), "/"),
            (Some("/caf\u{e9}"), "/"),
            (Some("/\u{a0}/evil.example"), "/"),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_next(input), expected, "{input:?}");
        }
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(
            encode("/customers?q=a b&x=1"),
            "/customers%3Fq%3Da%20b%26x%3D1"
        );
        assert_eq!(sign_in_with_next("/"), "/sign-in");
    }
}
