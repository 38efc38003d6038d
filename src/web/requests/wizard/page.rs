//! The page of one step: what it shows and the fixed choices of its form.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use super::{Loaded, Step, step_path};
use crate::app::quoting::QuoteView;
use crate::domain::ids::OrderId;
use crate::domain::support::{
    CATEGORIES, CONTACT_METHODS, COUNTRIES, FieldErrors, ISSUE_TYPES, LANGUAGES, PROBLEM_TYPES,
    RequestFields, RequestKind, SEVERITIES, TIME_ZONES,
};
use crate::web::AppState;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::render_with_status;
use crate::web::reservations::record::{Blade, RecordHeader, header, page_ctx};
use crate::web::session::SignedIn;

/// A step in the wizard's progress bar.
pub struct StepLink {
    /// Message ID of its name.
    pub label_key: &'static str,
    /// Shown now.
    pub current: bool,
    /// Its number.
    pub number: usize,
}

/// The page of one step.
#[derive(Template)]
#[template(path = "requests/wizard.html")]
pub struct WizardPage {
    ctx: PageCtx,
    header: RecordHeader,
    step: &'static str,
    steps: Vec<StepLink>,
    kind: RequestKind,
    f: RequestFields,
    errors: FieldErrors,
    quote: Option<QuoteView>,
    subscriptions: Vec<(i64, String)>,
    skus: Vec<(String, String)>,
    regions: Vec<String>,
    terms: Vec<&'static str>,
    action: String,
    back: Option<String>,
    order_id: OrderId,
    today: String,
    lists: Lists,
    subscription_name: String,
    /// What Cancel discards, in one sentence (its confirmation).
    discard_message: String,
}

/// The fixed choices of the form.
pub struct Lists {
    /// Issue types.
    pub issue_types: &'static [&'static str],
    /// Problem types.
    pub problem_types: &'static [&'static str],
    /// Step 2's categories, e.g. `Exchanges and refunds`.
    pub categories: &'static [&'static str],
    /// Step 2's severities as the API names them, least severe first.
    pub severities: &'static [&'static str],
    /// Contact methods.
    pub contact_methods: &'static [&'static str],
    /// Time zones.
    pub time_zones: &'static [&'static str],
    /// Step 3's countries, as ISO 3166-1 alpha-3 codes.
    pub countries: &'static [&'static str],
    /// Step 3's support languages, as BCP 47 tags (`en-US`, `pt-BR`).
    pub languages: &'static [&'static str],
}

const LISTS: Lists = Lists {
    issue_types: ISSUE_TYPES,
    problem_types: PROBLEM_TYPES,
    categories: CATEGORIES,
    severities: SEVERITIES,
    contact_methods: CONTACT_METHODS,
    time_zones: TIME_ZONES,
    countries: COUNTRIES,
    languages: LANGUAGES,
};

impl WizardPage {
    /// Message ID of the error next to `field`, if any.
    pub fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.get(field).copied()
    }

    /// Whether the step shown is `key`.
    pub fn is_step(&self, key: &str) -> bool {
        self.step == key
    }

    /// Whether this is an exchange.
    pub fn is_exchange(&self) -> bool {
        self.kind == RequestKind::Exchange
    }

    /// Whether this is a refund.
    pub fn is_refund(&self) -> bool {
        self.kind == RequestKind::Refund
    }

    /// Message ID of a term.
    pub fn term_key(&self, term: &str) -> String {
        format!("term-{}", term.to_lowercase())
    }

    /// Message ID of a contact method.
    pub fn method_key(&self, method: &str) -> String {
        format!("contact-method-{}", method.to_lowercase())
    }

    /// Message ID of a support language.
    pub fn language_key(&self, language: &str) -> String {
        format!("language-{}", language.to_lowercase())
    }

    /// The choices of the select `field`, as (value, text shown).
    pub fn options(&self, field: &str) -> Vec<(String, String)> {
        let fixed = |list: &[&str], text: &dyn Fn(&str) -> String| {
            list.iter().map(|v| (v.to_string(), text(v))).collect()
        };
        let choice = |v: &str| self.ctx.choice(v);
        match field {
            "issue_type" => fixed(self.lists.issue_types, &choice),
            "problem_type" => fixed(self.lists.problem_types, &choice),
            "category" => fixed(self.lists.categories, &choice),
            "severity" => fixed(self.lists.severities, &choice),
            "time_zone" => fixed(self.lists.time_zones, &choice),
            "country" => fixed(self.lists.countries, &choice),
            "contact_method" => fixed(self.lists.contact_methods, &|v| {
                self.ctx.t(&self.method_key(v))
            }),
            "language" => fixed(self.lists.languages, &|v| self.ctx.t(&self.language_key(v))),
            "new_term" => fixed(&self.terms, &|v| self.ctx.t(&self.term_key(v))),
            "new_region" => fixed(
                &self.regions.iter().map(String::as_str).collect::<Vec<_>>(),
                &|v| v.to_string(),
            ),
            "new_sku" => self
                .skus
                .iter()
                .map(|(sku, description)| (sku.clone(), format!("{sku} — {description}")))
                .collect(),
            "subscription" => self
                .subscriptions
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Message ID of the kind's title.
    pub fn kind_key(&self) -> String {
        format!("request-kind-{}", self.kind.as_str().to_lowercase())
    }
}

pub(super) fn render_step(
    state: &AppState,
    signed_in: &SignedIn,
    loaded: Loaded,
    step: Step,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let Loaded {
        draft,
        fields,
        record,
        rights,
        quote,
        skus,
        regions,
    } = loaded;
    let subscriptions = record.names.subscription_options();
    let subscription_name = subscriptions
        .iter()
        .find(|(id, _)| id.to_string() == fields.subscription)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    let steps = [
        ("step-basics", Step::Basics),
        ("step-problem", Step::Problem),
        ("step-contact", Step::Contact),
        ("step-review", Step::Review),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (label_key, s))| StepLink {
        label_key,
        current: s == step,
        number: i + 1,
    })
    .collect();
    let wizard = WizardPage {
        ctx: page_ctx(signed_in, &record, "blade-support"),
        header: header(&record, Blade::Support, state.today(), signed_in, rights),
        step: step.key(),
        steps,
        kind: draft.kind,
        errors,
        quote,
        subscriptions,
        skus,
        regions,
        terms: vec!["P1Y", "P3Y", "P5Y"],
        action: step_path(&draft.token, step),
        discard_message: super::finish::discard_message(
            signed_in,
            draft.kind,
            &record.reservation.display_name,
        ),
        back: (step != Step::Basics).then(|| step_path(&draft.token, step.previous())),
        order_id: record.order.order_guid,
        today: state.today().format("%Y-%m-%d").to_string(),
        lists: LISTS,
        subscription_name,
        f: fields,
    };
    render_with_status(&wizard, status)
}
