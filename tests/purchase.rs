//! Buying reservations for a customer through the pages: the catalogue and
//! its filters, the cart and its refusals next to the field, the price
//! review, the purchase with its Owner, the page of what was bought, the
//! same form sent again and thirty times at once, and who may do it.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    cart_items, catalogue_prices, customers, purchases, reservations, role_assignments,
    subscriptions, users,
};
use reqwest::StatusCode;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Contoso: its row, domain and first subscription's row.
fn contoso(app: &TestApp) -> (i64, String, i64) {
    let (id, domain): (i64, String) = customers::table
        .filter(customers::domain.eq("contoso.com"))
        .select((customers::id, customers::domain))
        .first(&mut app.conn())
        .expect("contoso");
    let sub: i64 = subscriptions::table
        .filter(subscriptions::customer_id.eq(id))
        .order(subscriptions::id)
        .select(subscriptions::id)
        .first(&mut app.conn())
        .expect("subscription");
    (id, domain, sub)
}

fn count_reservations(app: &TestApp, customer: i64) -> i64 {
    reservations::table
        .filter(reservations::customer_id.eq(customer))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

/// "$1,234.50" as an amount.
fn amount(text: &str) -> Decimal {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Decimal::from_str(&digits).expect("an amount")
}

fn unit_price(app: &TestApp, id: i64) -> Decimal {
    let text: String = diesel::sql_query(format!(
        "SELECT CAST(unit_price AS TEXT) AS t FROM catalogue_prices WHERE id = {id}"
    ))
    .get_result::<Text>(&mut app.conn())
    .expect("price")
    .t;
    Decimal::from_str(&text).expect("decimal")
}

#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    t: String,
}

/// The review's Buy form: its anti-forgery token, one-time token and
/// items, then the subscription billed and the Owner.
fn buy_form<'a>(
    (csrf, token, items): (&'a str, &'a str, &'a str),
    billing: &'a str,
    owner: &'a str,
) -> [(&'a str, &'a str); 5] {
    [
        ("csrf_token", csrf),
        ("token", token),
        ("items", items),
        ("billing", billing),
        ("owner", owner),
    ]
}

/// Adds `quantity` of catalogue row `offer` to the cart: the response.
async fn add(
    app: &TestApp,
    client: &reqwest::Client,
    (customer, query): (i64, &str),
    csrf: &str,
    (offer, quantity, scope): (i64, &str, &str),
) -> reqwest::Response {
    app.post_form(
        client,
        &format!("/customers/{customer}/purchase/cart?{query}"),
        &[
            ("csrf_token", csrf),
            ("price_id", &offer.to_string()),
            ("quantity", quantity),
            ("scope", scope),
        ],
    )
    .await
}

#[tokio::test]
async fn a_sales_agent_buys_two_reservations_for_a_customer() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (customer, domain, subscription) = contoso(&app);
    let before = count_reservations(&app, customer);

    let overview = app
        .get_with(&sales, &format!("/customers/{customer}"), &[])
        .await;
    assert_eq!(overview.text("#buy-reservations"), "Buy reservations");
    assert_eq!(overview.text("#tab-purchase"), "Buy reservations");

    // The catalogue, filtered: every row is of that type, region and term.
    let query = "type=VirtualMachines&region=westeurope&term=P1Y&plan=Upfront";
    let shop = app
        .get_with(
            &sales,
            &format!("/customers/{customer}/purchase?{query}"),
            &[],
        )
        .await;
    assert_eq!(shop.status, 200);
    let offers: Vec<i64> = shop
        .attrs("input[name=price_id]", "value")
        .iter()
        .map(|v| v.parse().expect("id"))
        .collect();
    assert!(offers.len() >= 2, "{offers:?}");
    let shown: Vec<(String, String, String)> = catalogue_prices::table
        .filter(catalogue_prices::id.eq_any(&offers))
        .select((
            catalogue_prices::resource_type,
            catalogue_prices::region,
            catalogue_prices::term,
        ))
        .load(&mut app.conn())
        .expect("rows");
    assert_eq!(shown.len(), offers.len());
    assert!(
        shown
            .iter()
            .all(|(t, r, term)| t == "VirtualMachines" && r == "westeurope" && term == "P1Y")
    );
    assert!(shop.text("#cart").contains("The cart is empty"));

    // Without the anti-forgery token: refused, nothing added.
    let forged = sales
        .post(format!(
            "{}/customers/{customer}/purchase/cart",
            app.address
        ))
        .form(&[
            ("price_id", offers[0].to_string()),
            ("quantity", "1".into()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // Bad quantities and scopes: the message next to the row, what was typed kept.
    for (quantity, scope, message) in [
        ("0", "shared", "whole number"),
        ("1001", "shared", "whole number"),
        ("two\u{7}", "shared", "whole number"),
        ("", "shared", "whole number"),
        ("1", "99999", "Choose shared"),
        ("1", "1;DROP", "Choose shared"),
    ] {
        let refused = add(
            &app,
            &sales,
            (customer, query),
            &csrf,
            (offers[0], quantity, scope),
        )
        .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{quantity:?}"
        );
        let page = Page::of(refused).await;
        assert!(
            page.text(&format!("#error-{}", offers[0]))
                .contains(message),
            "{quantity:?} {scope:?}"
        );
        assert_eq!(
            page.attrs(&format!("#qty-{}", offers[0]), "value"),
            vec![quantity.to_string()]
        );
    }
    let left: i64 = cart_items::table
        .count()
        .get_result(&mut app.conn())
        .expect("n");
    assert_eq!(left, 0);

    // Two items: 3 shared, upfront; 2 on one subscription, monthly.
    let added = add(
        &app,
        &sales,
        (customer, query),
        &csrf,
        (offers[0], "3", "shared"),
    )
    .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert!(
        added.headers()["location"]
            .to_str()
            .expect("location")
            .contains("notice=added")
    );
    let monthly_query = "type=VirtualMachines&region=westeurope&term=P1Y&plan=Monthly";
    let sub = subscription.to_string();
    let added = add(
        &app,
        &sales,
        (customer, monthly_query),
        &csrf,
        (offers[1], "2", &sub),
    )
    .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let shop = app
        .get_with(
            &sales,
            &format!("/customers/{customer}/purchase?{monthly_query}"),
            &[],
        )
        .await;
    assert_eq!(shop.count("tr.cart-line"), 2);
    let (first, second) = (unit_price(&app, offers[0]), unit_price(&app, offers[1]));
    let expected_total = first * Decimal::from(3) + second * Decimal::from(2);
    let monthly = (second * Decimal::from(2) / Decimal::from(12)).round_dp(2);
    assert_eq!(amount(&shop.text("#total")), expected_total);
    assert_eq!(amount(&shop.text("#monthly")), monthly);
    assert_eq!(
        amount(&shop.text("#due-today")),
        first * Decimal::from(3) + monthly
    );

    // The review: the same totals, the billing subscription and the Owner.
    let review = app
        .get_with(
            &sales,
            &format!("/customers/{customer}/purchase/review"),
            &[],
        )
        .await;
    assert_eq!(review.status, 200);
    assert_eq!(amount(&review.text("#total")), expected_total);
    assert!(review.text("#purchase-submit").starts_with("Buy for $"));
    let token = review.attrs("input[name=token]", "value").remove(0);
    let items = review.attrs("input[name=items]", "value").remove(0);
    assert_eq!(items.split(',').count(), 2);
    let path = format!("/customers/{customer}/purchase");
    let other: String = customers::table
        .filter(customers::id.ne(customer))
        .select(customers::domain)
        .first(&mut app.conn())
        .expect("another customer");
    let elsewhere = format!("someone@{other}");
    for (billing, owner, field, message) in [
        (
            sub.as_str(),
            "not an email",
            "#owner-error",
            "Owner's email",
        ),
        (sub.as_str(), "", "#owner-error", "Owner's email"),
        (
            sub.as_str(),
            elsewhere.as_str(),
            "#owner-error",
            "another customer",
        ),
        (
            "0",
            "buyer@contoso.com",
            "#billing-error",
            "subscriptions to bill",
        ),
        (
            "x\r\nSet-Cookie: a=b",
            "buyer@contoso.com",
            "#billing-error",
            "subscriptions to bill",
        ),
    ] {
        let refused = app
            .post_form(
                &sales,
                &path,
                &buy_form((&csrf, &token, &items), billing, owner),
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{owner}"
        );
        let page = Page::of(refused).await;
        assert!(
            page.text(field).contains(message),
            "{owner}: {}",
            page.text(field)
        );
        assert_eq!(
            page.attrs("#purchase-owner", "value"),
            vec![owner.to_string()]
        );
    }
    assert_eq!(count_reservations(&app, customer), before);

    // Bought: the Owner is new at the customer, so their password shows once.
    let owner = format!("buyer@{domain}");
    let bought = app
        .post_form(
            &sales,
            &path,
            &buy_form((&csrf, &token, &items), &sub, &owner),
        )
        .await;
    assert_eq!(bought.status(), StatusCode::OK);
    let page = Page::of(bought).await;
    assert_eq!(page.text("#purchase-state"), "2 reservations were bought.");
    assert_eq!(page.count("#revealed-password"), 1);
    assert_eq!(amount(&page.text("#purchase-total")), expected_total);
    let links = page.attrs("table.bought a", "href");
    assert_eq!(links.len(), 2);
    assert_eq!(count_reservations(&app, customer), before + 2);
    let owners: i64 = role_assignments::table
        .filter(role_assignments::principal_email.eq(&owner))
        .filter(role_assignments::role.eq("Owner"))
        .count()
        .get_result(&mut app.conn())
        .expect("owners");
    assert_eq!(owners, 2);
    let made: i64 = users::table
        .filter(users::email.eq(&owner))
        .filter(users::customer_id.eq(customer))
        .count()
        .get_result(&mut app.conn())
        .expect("user");
    assert_eq!(made, 1);
    assert_eq!(audited(&app, "reservation-purchased"), 2);
    let left: i64 = cart_items::table
        .count()
        .get_result(&mut app.conn())
        .expect("n");
    assert_eq!(left, 0);

    // The new reservation: its quantity, plan, scope and Owner.
    let first_page = app.get_with(&sales, &links[0], &[]).await;
    assert_eq!(first_page.status, 200);
    let access = app
        .get_with(&sales, &format!("{}/access", links[0]), &[])
        .await;
    assert!(access.body.contains(&owner));
    let activity = app
        .get_with(&sales, &format!("{}/activity", links[0]), &[])
        .await;
    assert!(
        activity.body.contains("Bought for the customer"),
        "{}",
        activity.body
    );

    // The same form again (Back, then Buy): the same purchase, nothing new.
    let again = app
        .post_form(
            &sales,
            &path,
            &buy_form((&csrf, &token, &items), &sub, &owner),
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let shown = again.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(shown, format!("/customers/{customer}/purchases/{token}"));
    assert_eq!(count_reservations(&app, customer), before + 2);
    let made_page = app.get_with(&sales, &shown, &[]).await;
    assert_eq!(made_page.count("table.bought a"), 2);
    assert_eq!(made_page.count("#revealed-password"), 0);
    // The cart is empty now: the review says so and offers no form.
    let review = app
        .get_with(
            &sales,
            &format!("/customers/{customer}/purchase/review"),
            &[],
        )
        .await;
    assert!(review.body.contains("The cart is empty"));
    assert_eq!(review.count("#purchase-submit"), 0);
}

#[tokio::test]
async fn thirty_identical_purchases_at_once_buy_once() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let csrf = app.csrf(&admin).await;
    let (customer, _, subscription) = contoso(&app);
    let before = count_reservations(&app, customer);
    let offer: i64 = catalogue_prices::table
        .order(catalogue_prices::id)
        .select(catalogue_prices::id)
        .first(&mut app.conn())
        .expect("offer");
    let added = add(
        &app,
        &admin,
        (customer, "plan=Upfront"),
        &csrf,
        (offer, "1", "shared"),
    )
    .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let review = app
        .get_with(
            &admin,
            &format!("/customers/{customer}/purchase/review"),
            &[],
        )
        .await;
    let token = review.attrs("input[name=token]", "value").remove(0);
    let items = review.attrs("input[name=items]", "value").remove(0);
    let path = format!("/customers/{customer}/purchase");
    let sub = subscription.to_string();
    let tries = (0..30).map(|_| {
        let form = [
            ("csrf_token", csrf.clone()),
            ("token", token.clone()),
            ("items", items.clone()),
            ("billing", sub.clone()),
            ("owner", "it-admin@contoso.com".to_string()),
        ];
        admin
            .post(format!("{}{path}", app.address))
            .form(&form)
            .send()
    });
    let answers = futures_join(tries).await;
    for a in answers {
        assert_eq!(a.expect("response").status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(count_reservations(&app, customer), before + 1);
    let claimed: i64 = purchases::table
        .count()
        .get_result(&mut app.conn())
        .expect("n");
    assert_eq!(claimed, 1);
    assert_eq!(audited(&app, "reservation-purchased"), 1);
}

#[tokio::test]
async fn only_admin_and_sales_agents_buy() {
    let app = spawn_app().await;
    let (customer, _, _) = contoso(&app);
    for email in [HELPDESK, SUPPORT] {
        let client = app.client_as(email).await;
        let overview = app
            .get_with(&client, &format!("/customers/{customer}"), &[])
            .await;
        assert_eq!(overview.count("#buy-reservations"), 0, "{email}");
        assert_eq!(overview.count("#tab-purchase"), 0, "{email}");
        for path in ["purchase", "purchase/review"] {
            let page = app
                .get_with(&client, &format!("/customers/{customer}/{path}"), &[])
                .await;
            assert_eq!(page.status, 403, "{email} {path}");
            assert!(page.body.contains("<html"), "the app's own page");
        }
        let csrf = app.csrf(&client).await;
        let refused = add(&app, &client, (customer, ""), &csrf, (1, "1", "shared")).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{email}");
    }
    let customer_user = app.client_as("it-admin@contoso.com").await;
    let page = app
        .get_with(
            &customer_user,
            &format!("/customers/{customer}/purchase"),
            &[],
        )
        .await;
    assert!(page.status == 403 || page.status == 404, "{}", page.status);
    // Another agent's purchase page, or an unknown token: not found.
    let sales = app.client_as(SALES).await;
    let page = app
        .get_with(
            &sales,
            &format!("/customers/{customer}/purchases/nope"),
            &[],
        )
        .await;
    assert_eq!(page.status, 404);
}

#[tokio::test]
async fn a_second_tab_reviewing_the_same_cart_buys_nothing_and_says_why() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let csrf = app.csrf(&sales).await;
    let (customer, _, subscription) = contoso(&app);
    let before = count_reservations(&app, customer);
    let added = add(
        &app,
        &sales,
        (customer, "plan=Upfront"),
        &csrf,
        (1, "2", "shared"),
    )
    .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let path = format!("/customers/{customer}/purchase");
    let review_path = format!("/customers/{customer}/purchase/review");
    let tabs = [
        app.get_with(&sales, &review_path, &[]).await,
        app.get_with(&sales, &review_path, &[]).await,
    ];
    let sub = subscription.to_string();
    let mut answers = Vec::new();
    for tab in &tabs {
        let token = tab.attrs("input[name=token]", "value").remove(0);
        let items = tab.attrs("input[name=items]", "value").remove(0);
        answers.push(
            app.post_form(
                &sales,
                &path,
                &buy_form((&csrf, &token, &items), &sub, "it-admin@contoso.com"),
            )
            .await,
        );
    }
    assert_eq!(answers[0].status(), StatusCode::SEE_OTHER);
    let second = answers.pop().expect("second");
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let page = Page::of(second).await;
    assert!(
        page.text("#purchase-error")
            .contains("The cart changed since this review"),
        "{}",
        page.text("#purchase-error")
    );
    assert_eq!(page.count("#purchase-submit"), 0, "the cart is empty now");
    assert_eq!(count_reservations(&app, customer), before + 1);
}
