//! The Recommendations blade: what the last 30 days of use suggest for
//! the reservation, in words a partner can forward to the customer, with
//! the quote, the button that acts on it (an exchange starts the wizard
//! with the suggestion filled in) and the button that dismisses it.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::record::{Blade, Record, RecordHeader, header, page_ctx, parse_id};
use crate::app::advice::{self, Recommendation};
use crate::app::quoting::QuoteView;
use crate::domain::advice::Kind;
use crate::domain::roles::Rights;
use crate::i18n::Lang;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, paths, render, see_other};

/// A recommendation as the blade shows it.
pub struct Shown {
    /// `exchange`, `refund` or `renew`.
    pub key: &'static str,
    /// Its title's message ID.
    pub title_key: &'static str,
    /// The reasoning, in words to forward.
    pub reasoning: Vec<String>,
    /// The quote, when there is one.
    pub quote: Option<QuoteView>,
    /// Who dismissed it and when, in words.
    pub dismissed: Option<String>,
    /// Exchange: SKU, region, term and quantity for the wizard.
    pub exchange: Option<(String, String, String, String)>,
    /// Its stored kind, for the dismiss form.
    pub kind: &'static str,
}

/// The blade.
#[derive(Template)]
#[template(path = "reservations/advice.html")]
pub struct AdvicePage {
    ctx: PageCtx,
    header: RecordHeader,
    shown: Option<Shown>,
    support_action: String,
    configuration: String,
    dismiss_action: String,
    notice: Option<String>,
}

/// Query of the blade.
#[derive(Debug, Deserialize)]
pub struct AdviceQuery {
    notice: Option<String>,
}

/// `GET /reservations/{id}/recommendations`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    query: web::Query<AdviceQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let actor = signed_in.user_actor();
    let (record, recommendation) =
        call(&state, actor, move |ctx| advice::for_reservation(ctx, id)).await?;
    let lang = &signed_in.lang;
    let guid = record.reservation.reservation_guid;
    let page = AdvicePage {
        ctx: page_ctx(&signed_in, &record, "blade-advice"),
        header: header(&record, Blade::Advice, state.today(), &signed_in, *rights),
        shown: recommendation.map(|r| shown(lang, &record, r)),
        support_action: paths::reservation_support(guid),
        configuration: paths::reservation_configuration(guid),
        dismiss_action: format!("{}/dismiss", paths::reservation_advice(guid)),
        notice: query
            .notice
            .as_deref()
            .filter(|n| *n == "advice-dismissed")
            .map(|n| lang.t(n)),
    };
    render(&page)
}

/// The reasoning of `r` on `record`, in the reader's language.
fn shown(lang: &Lang, record: &Record, r: Recommendation) -> Shown {
    let res = &record.reservation;
    let average = lang.percent(&r.average);
    let held = lang.ts3(
        "advice-held",
        ("name", &res.display_name),
        ("quantity", &r.quantity.to_string()),
        ("sku", &format!("{} · {}", res.sku, res.region)),
    );
    let used = lang.ts2("advice-used", ("held", &held), ("average", &average));
    let money =
        |m: Option<crate::domain::money::Money>| m.map(|m| lang.money(&m)).unwrap_or_default();
    let q = r.quote.clone().unwrap_or_default();
    let (key, title_key, reasoning) = match (r.kind, &r.smaller) {
        (Kind::Exchange, Some((sku, description))) => {
            let size = format!("{description} ({sku})");
            (
                "exchange",
                "advice-smaller-title",
                vec![
                    used,
                    lang.ts("advice-smaller-needed", "size", &size),
                    lang.ts3(
                        "advice-smaller-quote",
                        ("returned", &money(q.value_returned)),
                        ("cost", &money(q.new_commitment)),
                        ("difference", &money(q.difference)),
                    ),
                ],
            )
        }
        (Kind::Exchange, None) => (
            "exchange",
            "advice-exchange-title",
            vec![
                used,
                lang.tn("advice-exchange-needed", "needed", i64::from(r.needed)),
                lang.ts3(
                    "advice-exchange-quote",
                    ("returned", &money(q.value_returned)),
                    ("cost", &money(q.new_commitment)),
                    ("difference", &money(q.difference)),
                ),
            ],
        ),
        (Kind::Refund, _) => (
            "refund",
            "advice-refund-title",
            vec![
                used,
                lang.t("advice-refund-why"),
                lang.ts3(
                    "advice-refund-quote",
                    ("refund", &money(q.refund)),
                    ("left", &money(q.allowance_left)),
                    ("after", &money(q.allowance_after)),
                ),
            ],
        ),
        (Kind::Renew, _) => (
            "renew",
            "advice-renew-title",
            vec![
                used,
                lang.ts2(
                    "advice-renew-why",
                    ("days", &r.days_left.to_string()),
                    ("date", &lang.date(&res.expiry_date)),
                ),
            ],
        ),
    };
    Shown {
        key,
        title_key,
        reasoning,
        quote: r.quote,
        dismissed: r.dismissed.map(|(by, at)| {
            lang.ts2(
                "advice-dismissed-by",
                ("who", &by),
                ("when", &lang.datetime(&at)),
            )
        }),
        exchange: (r.kind == Kind::Exchange).then(|| {
            (
                r.smaller
                    .as_ref()
                    .map_or_else(|| res.sku.clone(), |(sku, _)| sku.clone()),
                res.region.clone(),
                record.order.term.as_str().to_string(),
                r.needed.to_string(),
            )
        }),
        kind: r.kind.as_str(),
    }
}

/// The dismiss form.
#[derive(Debug, Deserialize)]
pub struct DismissFields {
    #[serde(default)]
    kind: String,
}

/// `POST /reservations/{id}/recommendations/dismiss`.
pub async fn dismiss(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
    fields: web::Form<DismissFields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let kind = Kind::parse(&fields.kind).ok_or(AppError::BadRequest("error-bad-request"))?;
    let actor = signed_in.actor(&req, &state.config);
    call(&state, actor, move |ctx| advice::dismiss(ctx, id, kind)).await?;
    Ok(see_other(&format!(
        "{}?notice=advice-dismissed",
        paths::reservation_advice(id)
    )))
}
