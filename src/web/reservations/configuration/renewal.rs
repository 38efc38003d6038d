//! The renewal's price on the Configuration blade: worked out from the
//! catalogue for the term, billing plan and quantity in the form, shown
//! before saving (htmx asks again as the fields change; without
//! JavaScript, the "Show price" button posts the form without saving).

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Fields;
use crate::app::reservations::configuration::renewal_terms_of;
use crate::domain::money::Money;
use crate::domain::renewal::{RenewalPlan, check_quantity, price};
use crate::domain::reservation::{BillingPlan, Term};
use crate::i18n::Lang;
use crate::web::error::AppError;
use crate::web::reservations::record::parse_id;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render};

/// The renewal's price in words, for the fields as they are; a hint when
/// they do not name a term the catalogue sells, a plan and a quantity.
pub fn price_text(lang: &Lang, terms: &[(Term, Money)], fields: &Fields) -> String {
    let term = Term::parse(&fields.renew_term);
    let unit = term.and_then(|t| terms.iter().find(|(u, _)| *u == t).map(|(_, p)| *p));
    let plan = BillingPlan::parse(&fields.renew_plan);
    let quantity = check_quantity(&fields.renew_quantity).ok();
    let (Some(term), Some(unit), Some(billing_plan), Some(quantity)) = (term, unit, plan, quantity)
    else {
        return lang.t("renewal-price-unknown");
    };
    let plan = RenewalPlan {
        term,
        billing_plan,
        quantity,
    };
    let p = price(unit, &plan);
    let term_text = lang.t(&format!("term-{}", term.as_str().to_ascii_lowercase()));
    match p.monthly {
        Some(monthly) => lang.ts3(
            "renewal-price-monthly",
            ("total", &lang.money(&p.total)),
            ("term", &term_text),
            ("monthly", &lang.money(&monthly)),
        ),
        None => lang.ts2(
            "renewal-price-upfront",
            ("total", &lang.money(&p.total)),
            ("term", &term_text),
        ),
    }
}

/// The price line alone (htmx swaps it in).
#[derive(Template)]
#[template(path = "reservations/renewal_price.html")]
pub struct PriceLine {
    text: String,
}

/// Query of the price line: the renewal fields.
#[derive(Debug, Deserialize)]
pub struct PriceQuery {
    #[serde(default)]
    renew_term: String,
    #[serde(default)]
    renew_plan: String,
    #[serde(default)]
    renew_quantity: String,
}

/// The terms the catalogue sells for reservation `id`.
pub async fn terms(
    state: &AppState,
    signed_in: &SignedIn,
    id: crate::domain::ids::ReservationId,
) -> Result<Vec<(Term, Money)>, AppError> {
    let actor = signed_in.user_actor();
    Ok(call(state, actor, move |ctx| renewal_terms_of(ctx, id)).await?)
}

/// `GET /reservations/{id}/configuration/renewal-price?renew_term=…`.
pub async fn price_line(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    query: web::Query<PriceQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let terms = terms(&state, &signed_in, id).await?;
    let query = query.into_inner();
    let fields = Fields {
        renew_term: query.renew_term.chars().take(10).collect(),
        renew_plan: query.renew_plan.chars().take(10).collect(),
        renew_quantity: query.renew_quantity.chars().take(10).collect(),
        ..Fields::default()
    };
    let text = price_text(&signed_in.lang, &terms, &fields);
    render(&PriceLine { text })
}
