//! Buying reservations for a customer: the catalogue with its filters and
//! prices, and the agent's cart beside it (`/customers/{id}/purchase`).
//! Every filter is a plain link or GET form, every change to the cart a
//! form post, so the page works without JavaScript.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::CustomerTab;
use super::overview::{CustomerHeader, parse_customer_id};
use crate::app::purchases::{self, AddInput, Filter, Line, SHOWN, Shop};
use crate::app::{self, Error};
use crate::db::keys::CustomerKey;
use crate::domain::money::Money;
use crate::domain::purchase::Totals;
use crate::domain::renewal::{RenewalPlan, price};
use crate::domain::reservation::{BillingPlan, ResourceType, Term};
use crate::i18n::Lang;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render_with_status, see_other};

/// The catalogue's filters as the query string has them: text, so that a
/// bad value is ignored rather than an error.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct FilterParams {
    #[serde(default, rename = "type")]
    resource_type: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    term: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    notice: String,
}

impl FilterParams {
    fn filter(&self) -> Filter {
        Filter {
            resource_type: ResourceType::parse(self.resource_type.trim()),
            region: Some(self.region.trim())
                .filter(|r| !r.is_empty() && r.len() <= 40)
                .map(str::to_string),
            term: Term::parse(self.term.trim()),
            plan: BillingPlan::parse(self.plan.trim()).unwrap_or(BillingPlan::Upfront),
        }
    }

    /// The query string of `filter`, for links back to the same view.
    fn query_of(filter: &Filter) -> String {
        let mut parts = Vec::new();
        if let Some(t) = filter.resource_type {
            parts.push(format!("type={}", t.as_str()));
        }
        if let Some(r) = &filter.region {
            parts.push(format!("region={}", paths::encode(r)));
        }
        if let Some(t) = filter.term {
            parts.push(format!("term={}", t.as_str()));
        }
        parts.push(format!("plan={}", filter.plan.as_str()));
        parts.join("&")
    }
}

/// A catalogue row as the page shows it, with its "Add" form.
pub struct OfferRow {
    /// The catalogue row.
    pub id: i64,
    /// Its type (API name).
    pub resource_type: String,
    /// SKU name.
    pub sku: String,
    /// SKU description.
    pub description: String,
    /// Region.
    pub region: String,
    /// Term (API name).
    pub term: String,
    /// One unit for the whole term.
    pub price: String,
    /// One unit per month, on the monthly plan.
    pub monthly: Option<String>,
    /// The quantity typed (1 at first).
    pub quantity: String,
    /// The scope chosen.
    pub scope: String,
    /// Message ID of what is wrong with what was typed.
    pub error: Option<&'static str>,
}

/// An item of the cart as the page shows it.
pub struct CartRow {
    /// The item (row).
    pub id: i64,
    /// What it buys.
    pub line: Line,
    /// Its scope in words.
    pub scope: String,
    /// Its price in words.
    pub price: String,
    /// Where its "Remove" form posts.
    pub remove: String,
}

/// The cart's totals in words.
pub struct TotalsView {
    /// Everything.
    pub total: String,
    /// Paid today.
    pub due_today: String,
    /// Paid each month after, when any item is monthly.
    pub monthly: Option<String>,
}

impl TotalsView {
    /// `t` in the user's format.
    pub fn of(lang: &Lang, t: &Totals) -> TotalsView {
        TotalsView {
            total: lang.money(&t.total),
            due_today: lang.money(&t.due_today),
            monthly: (t.monthly > Money::default()).then(|| lang.money(&t.monthly)),
        }
    }
}

/// A cart line's price in words: the total, and the monthly payment.
pub fn line_price(lang: &Lang, line: &Line) -> String {
    match line.price.monthly {
        Some(m) => lang.ts2(
            "purchase-line-monthly",
            ("total", &lang.money(&line.price.total)),
            ("monthly", &lang.money(&m)),
        ),
        None => lang.money(&line.price.total),
    }
}

/// The cart rows of `lines` for customer `id`.
pub fn cart_rows(lang: &Lang, id: CustomerKey, company: &str, lines: Vec<Line>) -> Vec<CartRow> {
    lines
        .into_iter()
        .map(|line| CartRow {
            id: line.item.id,
            scope: match &line.scope {
                Some(s) => format!("{}: {}", lang.t("scope-single"), s.display_name),
                None => format!(
                    "{} ({})",
                    lang.t("scope-shared"),
                    lang.ts("scope-shared-target", "company", company)
                ),
            },
            price: line_price(lang, &line),
            remove: paths::purchase_cart_remove(id, line.item.id),
            line,
        })
        .collect()
}

/// The catalogue page.
#[derive(Template)]
#[template(path = "customers/purchase.html")]
pub struct PurchasePage {
    ctx: PageCtx,
    header: CustomerHeader,
    types: Vec<String>,
    regions: Vec<String>,
    terms: Vec<String>,
    chosen_type: String,
    chosen_region: String,
    chosen_term: String,
    plan: String,
    offers: Vec<OfferRow>,
    more: Option<String>,
    subscriptions: Vec<(i64, String)>,
    cart: Vec<CartRow>,
    totals: TotalsView,
    add_action: String,
    review_href: String,
    notice: Option<String>,
}

/// What was typed into one row's "Add" form, with what is wrong with it.
struct Typed {
    price_id: i64,
    quantity: String,
    scope: String,
    error: &'static str,
}

fn show(
    signed_in: &SignedIn,
    id: CustomerKey,
    filter: &Filter,
    shop: Shop,
    typed: Option<Typed>,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let lang = &signed_in.lang;
    let offers = shop
        .offers
        .iter()
        .map(|o| {
            let mine = typed.as_ref().filter(|t| t.price_id == o.id);
            let monthly = price(
                o.unit_price,
                &RenewalPlan {
                    term: o.term,
                    billing_plan: BillingPlan::Monthly,
                    quantity: 1,
                },
            )
            .monthly;
            OfferRow {
                id: o.id,
                resource_type: o.resource_type.as_str().to_string(),
                sku: o.sku.clone(),
                description: o.sku_description.clone(),
                region: o.region.clone(),
                term: o.term.as_str().to_string(),
                price: lang.money(&o.unit_price),
                monthly: (filter.plan == BillingPlan::Monthly)
                    .then(|| monthly.map(|m| lang.money(&m)))
                    .flatten(),
                quantity: mine.map_or_else(|| "1".to_string(), |t| t.quantity.clone()),
                scope: mine.map_or_else(|| "shared".to_string(), |t| t.scope.clone()),
                error: mine.map(|t| t.error),
            }
        })
        .collect();
    let more = (shop.matching > SHOWN).then(|| {
        lang.ts2(
            "purchase-more",
            ("shown", &SHOWN.to_string()),
            ("matching", &shop.matching.to_string()),
        )
    });
    let company = shop.customer.company_name.clone();
    let ctx = PageCtx::new(signed_in, Nav::Customers)
        .crumb(lang.t("nav-customers"), paths::CUSTOMERS)
        .crumb(company.clone(), paths::customer(id))
        .here(lang.t("purchase-title"));
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PurchasePage {
        ctx,
        types: ResourceType::ALL
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
        regions: shop.regions,
        terms: Term::ALL.iter().map(|t| t.as_str().to_string()).collect(),
        chosen_type: filter
            .resource_type
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        chosen_region: filter.region.clone().unwrap_or_default(),
        chosen_term: filter
            .term
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        plan: filter.plan.as_str().to_string(),
        offers,
        more,
        subscriptions: shop
            .subscriptions
            .iter()
            .map(|s| (s.id, s.display_name.clone()))
            .collect(),
        cart: cart_rows(lang, id, &company, shop.cart),
        totals: TotalsView::of(lang, &shop.totals),
        add_action: format!(
            "{}?{}",
            paths::purchase_cart(id),
            FilterParams::query_of(filter)
        ),
        review_href: paths::purchase_review(id),
        notice,
        header: CustomerHeader::new(shop.customer, CustomerTab::Purchase),
    };
    render_with_status(&page, status)
}

/// `GET /customers/{id}/purchase`: the catalogue under the filters, and
/// the cart.
pub async fn shop(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    params: web::Query<FilterParams>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let filter = params.filter();
    let notice = match params.notice.as_str() {
        "added" => Some(signed_in.lang.t("purchase-added")),
        "removed" => Some(signed_in.lang.t("purchase-removed")),
        _ => None,
    };
    let f = filter.clone();
    let shop = call(&state, signed_in.user_actor(), move |ctx| {
        purchases::shop(ctx, id, &f)
    })
    .await?;
    show(&signed_in, id, &filter, shop, None, notice)
}

/// The "Add" form's fields.
#[derive(Debug, Deserialize)]
pub struct AddFields {
    #[serde(default)]
    price_id: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    scope: String,
}

/// `POST /customers/{id}/purchase/cart?{filters}`: adds an item, then
/// shows the catalogue again as it was; a bad quantity or scope is shown
/// next to the row's fields, as typed.
pub async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    params: web::Query<FilterParams>,
    fields: web::Form<AddFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_customer_id(&id)?;
    let filter = params.filter();
    let input = AddInput {
        price_id: fields.price_id.chars().take(20).collect(),
        plan: filter.plan.as_str().to_string(),
        quantity: fields.quantity.chars().take(20).collect(),
        scope: fields.scope.chars().take(20).collect(),
    };
    let actor = signed_in.actor(&req, &state.config);
    let typed = input.clone();
    match call(&state, actor, move |ctx| purchases::add(ctx, id, &typed)).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?{}&notice=added#cart",
            paths::purchase(id),
            FilterParams::query_of(&filter)
        ))),
        Err(Error::Invalid(key)) if key != "purchase-item-unknown" => {
            let f = filter.clone();
            let shop = call(&state, signed_in.user_actor(), move |ctx| {
                purchases::shop(ctx, id, &f)
            })
            .await?;
            let typed = Typed {
                price_id: input.price_id.trim().parse().unwrap_or(0),
                quantity: input.quantity,
                scope: input.scope,
                error: key,
            };
            show(&signed_in, id, &filter, shop, Some(typed), None)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /customers/{id}/purchase/cart/{item}/remove`.
pub async fn remove(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let id = parse_customer_id(&id)?;
    let item: i64 = item.parse().map_err(|_| AppError::NotFound)?;
    let actor = signed_in.actor(&req, &state.config);
    call(&state, actor, move |ctx| purchases::remove(ctx, id, item))
        .await
        .map_err(app::Error::into)
        .map(|()| see_other(&format!("{}?notice=removed#cart", paths::purchase(id))))
}
