//! The price review of a cart and the purchase: `GET
//! /customers/{id}/purchase/review` prices the cart and asks which
//! subscription is billed and who becomes Owner; `POST
//! /customers/{id}/purchase` buys; `GET /customers/{id}/purchases/{token}`
//! shows what was bought.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::CustomerTab;
use super::overview::{CustomerHeader, parse_customer_id};
use super::purchase::{CartRow, TotalsView, cart_rows};
use crate::app::purchases::buy::{self, PurchaseInput, Purchased, Review};
use crate::app::purchases::record::{self, Made};
use crate::app::{Error, Refusal};
use crate::db::keys::CustomerKey;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render_with_status, see_other};

/// The review page.
#[derive(Template)]
#[template(path = "customers/purchase_review.html")]
pub struct ReviewPage {
    ctx: PageCtx,
    header: CustomerHeader,
    cart: Vec<CartRow>,
    totals: TotalsView,
    subscriptions: Vec<(i64, String)>,
    people: Vec<String>,
    token: String,
    items: String,
    billing: String,
    owner: String,
    billing_error: Option<&'static str>,
    owner_error: Option<&'static str>,
    error: Option<String>,
    action: String,
    back: String,
}

/// What was typed, and what is wrong with it.
#[derive(Default)]
struct Typed {
    billing: String,
    owner: String,
    billing_error: Option<&'static str>,
    owner_error: Option<&'static str>,
    error: Option<String>,
}

fn show(
    signed_in: &SignedIn,
    id: CustomerKey,
    review: Review,
    typed: Typed,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = &signed_in.lang;
    let company = review.customer.company_name.clone();
    let ctx = PageCtx::new(signed_in, Nav::Customers)
        .crumb(lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(company.clone(), paths::customer(id))
        .crumb(lang.t("purchase-title"), paths::purchase(id))
        .here(lang.t("purchase-review-title"));
    let billing = if typed.billing.is_empty() {
        review
            .subscriptions
            .first()
            .map(|s| s.id.to_string())
            .unwrap_or_default()
    } else {
        typed.billing
    };
    let error = typed.error.or_else(|| {
        review
            .refusal
            .as_ref()
            .map(|r| format!("{} {}", lang.t("purchase-price-refused"), r.message))
    });
    let owner = if typed.owner.is_empty() && typed.owner_error.is_none() {
        review.people.first().cloned().unwrap_or_default()
    } else {
        typed.owner
    };
    let items = review
        .lines
        .iter()
        .map(|l| l.item.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let page = ReviewPage {
        ctx,
        cart: cart_rows(lang, id, &company, review.lines),
        totals: TotalsView::of(lang, &review.totals),
        subscriptions: review
            .subscriptions
            .iter()
            .map(|s| (s.id, s.display_name.clone()))
            .collect(),
        people: review.people,
        items,
        token: review.token,
        billing,
        owner,
        billing_error: typed.billing_error,
        owner_error: typed.owner_error,
        error,
        action: paths::purchase(id),
        back: paths::purchase(id),
        header: CustomerHeader::new(review.customer, CustomerTab::Purchase),
    };
    render_with_status(&page, status)
}

/// `GET /customers/{id}/purchase/review`.
pub async fn review(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let review = call(&state, signed_in.user_actor(), move |ctx| {
        buy::review(ctx, id)
    })
    .await?;
    show(&signed_in, id, review, Typed::default(), StatusCode::OK)
}

/// The review form's fields.
#[derive(Debug, Deserialize)]
pub struct BuyFields {
    #[serde(default)]
    token: String,
    #[serde(default)]
    items: String,
    #[serde(default)]
    billing: String,
    #[serde(default)]
    owner: String,
}

/// `POST /customers/{id}/purchase`: buys the cart, then shows what was
/// bought (with the Owner's first password when they got an account).
pub async fn purchase(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<BuyFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let input = PurchaseInput {
        token: fields.token.chars().take(80).collect(),
        items: fields.items.chars().take(2000).collect(),
        billing: fields.billing.chars().take(20).collect(),
        owner: fields.owner.chars().take(254).collect(),
    };
    let actor = signed_in.actor(&req, &state.config);
    // Only an Owner without an account costs a password hash, bounded like
    // every other; the permit is given back before anything is bought.
    let owner = {
        let _hashing = state.hashing.permit().await?;
        let asked = input.clone();
        call(&state, actor.clone(), move |ctx| {
            buy::new_owner(ctx, id, &asked)
        })
        .await?
    };
    let asked = input.clone();
    let done = call(&state, actor, move |ctx| {
        buy::purchase(ctx, id, &asked, owner)
    })
    .await;
    let mut typed = Typed {
        billing: input.billing,
        owner: input.owner,
        ..Typed::default()
    };
    let status = match done {
        Ok(Purchased {
            token,
            new_password: None,
        }) => return Ok(see_other(&paths::purchase_made(id, &token))),
        Ok(Purchased {
            token,
            new_password: Some(password),
        }) => {
            let made = call(&state, signed_in.user_actor(), move |ctx| {
                record::made(ctx, id, &token)
            })
            .await?;
            return show_made(&signed_in, id, made, Some(password));
        }
        Err(Error::Invalid(key @ "purchase-billing-invalid")) => {
            typed.billing_error = Some(key);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(Error::Invalid(
            key @ ("purchase-owner-invalid"
            | "access-other-customer"
            | "access-outside-organisation"),
        )) => {
            typed.owner_error = Some(key);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(Error::Invalid(key @ "purchase-cart-changed")) => {
            typed.error = Some(signed_in.lang.t(key));
            StatusCode::CONFLICT
        }
        Err(Error::Invalid(key)) => {
            typed.error = Some(signed_in.lang.t(key));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(Error::Refused(refusal @ Refusal::Azure(_))) => {
            let Refusal::Azure(remote) = &refusal else {
                unreachable!("matched above")
            };
            typed.error = Some(format!(
                "{} {}",
                signed_in.lang.t(refusal.message_id()),
                remote.message
            ));
            StatusCode::BAD_GATEWAY
        }
        Err(other) => return Err(other.into()),
    };
    let review = call(&state, signed_in.user_actor(), move |ctx| {
        buy::review(ctx, id)
    })
    .await?;
    show(&signed_in, id, review, typed, status)
}

/// A reservation the purchase bought, as its page lists it.
pub struct BoughtRow {
    /// Its page.
    pub href: String,
    /// Its name.
    pub name: String,
    /// Type (API name).
    pub resource_type: String,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Expiry.
    pub expiry: chrono::NaiveDate,
    /// Price.
    pub price: String,
}

/// What a purchase bought.
#[derive(Template)]
#[template(path = "customers/purchase_made.html")]
pub struct MadePage {
    ctx: PageCtx,
    header: CustomerHeader,
    state: String,
    error: Option<String>,
    total: String,
    owner: String,
    when: chrono::NaiveDateTime,
    rows: Vec<BoughtRow>,
    revealed: Option<(String, String)>,
    again: String,
}

fn show_made(
    signed_in: &SignedIn,
    id: CustomerKey,
    made: Made,
    password: Option<String>,
) -> Result<HttpResponse, AppError> {
    let lang = &signed_in.lang;
    let company = made.customer.company_name.clone();
    let ctx = PageCtx::new(signed_in, Nav::Customers)
        .crumb(lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(company, paths::customer(id))
        .here(lang.t("purchase-made-title"));
    let rows = made
        .reservations
        .iter()
        .map(|r| BoughtRow {
            href: paths::reservation(r.reservation_guid),
            name: r.display_name.clone(),
            resource_type: r.resource_type.as_str().to_string(),
            sku: r.sku.clone(),
            region: r.region.clone(),
            quantity: r.quantity,
            expiry: r.expiry_date,
            price: lang.money(&r.purchase_price),
        })
        .collect();
    let p = made.purchase;
    let page = MadePage {
        ctx,
        state: p.state.clone(),
        error: p.error.clone(),
        total: lang.money(&p.total),
        revealed: password.map(|pw| (p.owner_email.clone(), pw)),
        owner: p.owner_email,
        when: p.created_at,
        rows,
        again: paths::purchase(id),
        header: CustomerHeader::new(made.customer, CustomerTab::Purchase),
    };
    render_with_status(&page, StatusCode::OK)
}

/// `GET /customers/{id}/purchases/{token}`.
pub async fn made(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let id = parse_customer_id(&id)?;
    if token.is_empty() || token.len() > 64 {
        return Err(AppError::NotFound);
    }
    let made = call(&state, signed_in.user_actor(), move |ctx| {
        record::made(ctx, id, &token)
    })
    .await?;
    show_made(&signed_in, id, made, None)
}
