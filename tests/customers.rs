//! The customer list (search, sort, pages) and a customer's tabs.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{customers, reservations};
use reqwest::StatusCode;

#[tokio::test]
async fn customers_are_listed_in_pages_of_25() {
    let app = spawn_app().await;
    app.sign_in(SALES).await;
    let first = app.get("/customers").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.text("h1"), "Customers");
    assert_eq!(first.count("#results tbody tr"), 25);
    assert!(
        first.text(".pager-range").contains("1–25 of 30"),
        "{}",
        first.text(".pager-range")
    );
    let next = first.attrs(".pager a[rel=next]", "href").remove(0);
    assert_eq!(next, "/customers?page=2");
    let second = app.get(&next).await;
    assert_eq!(second.count("#results tbody tr"), 5);
    let names_1 = first.texts("#results tbody th");
    let names_2 = second.texts("#results tbody th");
    assert!(
        names_1.iter().all(|n| !names_2.contains(n)),
        "pages do not overlap"
    );
    let mut sorted = names_1.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names_1, sorted, "sorted by company name");
}

#[tokio::test]
async fn search_finds_by_company_domain_and_tenant_id() {
    let app = spawn_app().await;
    app.sign_in(HELPDESK).await;
    let (tenant, domain): (String, String) = customers::table
        .filter(customers::company_name.eq("Fabrikam"))
        .select((customers::tenant_id, customers::domain))
        .first(&mut app.conn())
        .expect("Fabrikam");
    for q in [
        "fabri",
        "FABRIKAM",
        domain.as_str(),
        tenant.as_str(),
        &tenant[..8],
    ] {
        let page = app.get(&format!("/customers?q={q}")).await;
        assert_eq!(
            page.texts("#results tbody th"),
            vec!["Fabrikam"],
            "search {q:?}"
        );
        assert_eq!(
            page.attrs("#customer-search", "value"),
            vec![q.to_string()],
            "search text kept"
        );
    }
    let none = app.get("/customers?q=zzz-no-such").await;
    assert_eq!(none.count("#results tbody tr"), 0);
    assert!(
        none.text(".empty")
            .contains("No customer matches “zzz-no-such”")
    );
    // Wildcards are taken literally.
    let percent = app.get("/customers?q=%25").await;
    assert_eq!(percent.count("#results tbody tr"), 0);
}

#[tokio::test]
async fn counts_of_active_and_expiring_reservations_match_the_data() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let page = app.get("/customers?q=Contoso").await;
    let cells = page.texts("#results tbody td.num");
    let today = today();
    let horizon = today + chrono::Days::new(30);
    let contoso: i64 = customers::table
        .filter(customers::company_name.eq("Contoso"))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("Contoso");
    let in_force = reservations::table
        .filter(reservations::customer_id.eq(contoso))
        .filter(reservations::provisioning_state.eq("Succeeded"))
        .filter(reservations::expiry_date.gt(today));
    let active: i64 = in_force.count().get_result(&mut app.conn()).expect("count");
    let expiring: i64 = in_force
        .filter(reservations::expiry_date.le(horizon))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(cells, vec![active.to_string(), expiring.to_string()]);
}

#[tokio::test]
async fn sorting_by_a_column_and_back() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let page = app.get("/customers?sort=active&dir=desc").await;
    let counts: Vec<i64> = page
        .texts("#results tbody tr td.num:nth-of-type(4)")
        .iter()
        .map(|t| t.parse().expect("number"))
        .collect();
    assert_eq!(counts.len(), 25);
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "descending: {counts:?}"
    );
    assert_eq!(
        page.attrs("th[aria-sort=descending] a", "href"),
        vec!["/customers?sort=active"]
    );
    // Links keep the search when sorting and paging.
    let searched = app.get("/customers?q=o&sort=domain").await;
    assert!(
        searched
            .attrs("thead a", "href")
            .iter()
            .all(|h| h.contains("q=o"))
    );
}

#[tokio::test]
async fn bad_query_values_fall_back_with_a_message() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    for (query, message) in [
        ("page=abc", "page number is not valid"),
        ("page=-1", "page number is not valid"),
        ("sort=drop%20table", "sort order is not known"),
        ("dir=sideways", "sort order is not known"),
    ] {
        let page = app.get(&format!("/customers?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert!(page.text(".notice").contains(message), "{query}");
        assert_eq!(page.count("#results tbody tr"), 25, "{query}");
    }
    let far = app.get("/customers?page=99").await;
    assert_eq!(far.status, StatusCode::OK);
    assert_eq!(far.count("#results tbody tr"), 0);
}

#[tokio::test]
async fn htmx_gets_only_the_results() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let fragment = app
        .get_with(
            &app.client,
            "/customers?q=wing",
            &[("HX-Request", "true"), ("HX-Target", "results")],
        )
        .await;
    assert!(!fragment.body.contains("<html"), "a fragment, not a page");
    assert!(
        fragment
            .body
            .trim_start()
            .starts_with("<div id=\"results\"")
    );
    assert_eq!(fragment.texts("tbody th"), vec!["Wingtip Toys"]);
    // History restoration asks for the whole page.
    let restore = app
        .get_with(
            &app.client,
            "/customers?q=wing",
            &[
                ("HX-Request", "true"),
                ("HX-Target", "results"),
                ("HX-History-Restore-Request", "true"),
            ],
        )
        .await;
    assert!(restore.body.contains("<html"));
}

#[tokio::test]
async fn a_customer_has_overview_and_reservations_tabs() {
    let app = spawn_app().await;
    app.sign_in(SUPPORT).await;
    let id: i64 = customers::table
        .filter(customers::company_name.eq("City Power & Light"))
        .select(customers::id)
        .first(&mut app.conn())
        .expect("customer");
    let overview = app.get(&format!("/customers/{id}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert_eq!(overview.text("h1"), "City Power & Light");
    assert!(
        !overview.body.contains("City Power & Light"),
        "the ampersand is escaped in the HTML"
    );
    assert_eq!(
        overview.texts(".breadcrumbs li"),
        vec!["Customers", "City Power & Light"]
    );
    assert!(
        overview.count(".panel table tbody tr") >= 2,
        "subscriptions listed"
    );
    let tab = app.get(&format!("/customers/{id}/reservations")).await;
    assert_eq!(
        tab.texts(".tabs a[aria-current=page]"),
        vec!["Azure reservations"]
    );
    assert_eq!(tab.count("#results tbody tr"), 6);
    let headers = tab.texts("#results thead th");
    for col in [
        "Name",
        "Type and SKU",
        "Region",
        "Quantity",
        "Scope",
        "Term",
        "Billing plan",
        "Expiry",
        "30-day utilization",
        "Status",
    ] {
        assert!(
            headers.iter().any(|h| h == col),
            "column {col} in {headers:?}"
        );
    }
    let manage = tab.attrs("details.menu a", "href");
    assert_eq!(manage.len(), 6);
    assert!(manage.iter().all(|h| h.starts_with("/reservations/")));
    for bad in ["0", "abc", "99999", "1%27"] {
        let page = app.get(&format!("/customers/{bad}/reservations")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{bad}");
        assert_eq!(page.text("h1"), "Page not found");
    }
}

#[tokio::test]
async fn reservations_filter_by_status() {
    let app = spawn_app().await;
    app.sign_in(ADMIN).await;
    let mut seen_any = 0;
    for customer in 1..=30 {
        for (key, label) in [
            ("active", "Active"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ] {
            let page = app
                .get(&format!("/customers/{customer}/reservations?status={key}"))
                .await;
            let badges = page.texts("#results tbody .badge");
            assert!(
                badges.iter().all(|b| b == label),
                "{customer} {key}: {badges:?}"
            );
            seen_any += badges.len();
        }
        let all = app
            .get(&format!("/customers/{customer}/reservations"))
            .await;
        assert_eq!(all.count("#results tbody tr"), 6);
    }
    assert_eq!(
        seen_any, 180,
        "every reservation is in exactly one of the four statuses"
    );
    let bad = app.get("/customers/1/reservations?status=bogus").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.text(".notice").contains("status is not known"));
    assert_eq!(bad.count("#results tbody tr"), 6);
}
