//! The Configuration blade: applied scope, name, instance-size flexibility
//! and auto-renew. Term, price and IDs never change here. Each form carries
//! the version it was loaded from, so a save over someone else's newer
//! change is refused with their values shown.

mod form;
pub mod renewal;

pub use crate::app::reservations::changes::Change;
pub use crate::app::reservations::configuration::Problems as Errors;
pub use form::Fields;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::record::{Blade, Record, RecordHeader, header, load, page_ctx, parse_id};
use super::rows::ScopeNames;
use crate::app::reservations::view;
use crate::app::{self, reservations::configuration::Saved};
use crate::domain::money::Money;
use crate::domain::reservation::Term;
use crate::domain::roles::Rights;
use crate::web::context::PageCtx;
use crate::web::error::AppError;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render, render_with_status};

/// The Configuration blade.
#[derive(Template)]
#[template(path = "reservations/configuration.html")]
pub struct ConfigurationPage {
    ctx: PageCtx,
    header: RecordHeader,
    form: Fields,
    errors: Errors,
    changes: Option<Vec<Change>>,
    conflict: Option<Vec<Change>>,
    /// What Azure said when it refused the change.
    refused: Option<String>,
    /// Azure was still applying the change when the wait ended.
    pending: bool,
    /// Changes go to Azure first.
    remote: bool,
    subscriptions: Vec<(i64, String)>,
    groups: Vec<(String, Vec<(i64, String)>)>,
    management_groups: Vec<(i64, String)>,
    flexibility_applies: bool,
    /// The renewal terms the catalogue sells: value and message ID.
    renewal_terms: Vec<(&'static str, String)>,
    /// The renewal's price for the form's fields, in words.
    renewal_price: String,
    /// Where htmx asks for the price again.
    price_url: String,
}

impl ConfigurationPage {
    fn new(
        signed_in: &SignedIn,
        (record, terms): (&Record, &[(Term, Money)]),
        rights: Rights,
        today: NaiveDate,
        form: Fields,
    ) -> Self {
        let names = &record.names;
        let subscriptions = names.subscription_options();
        let groups = groups_for(names, &subscriptions, &form.subscription);
        ConfigurationPage {
            ctx: page_ctx(signed_in, record, "blade-configuration"),
            header: header(record, Blade::Configuration, today, signed_in, rights),
            errors: Errors::default(),
            changes: None,
            conflict: None,
            refused: None,
            pending: false,
            remote: false,
            management_groups: names.management_group_options(),
            flexibility_applies: record.reservation.resource_type.has_instance_flexibility(),
            subscriptions,
            groups,
            renewal_terms: terms
                .iter()
                .map(|(t, _)| {
                    (
                        t.as_str(),
                        format!("term-{}", t.as_str().to_ascii_lowercase()),
                    )
                })
                .collect(),
            renewal_price: renewal::price_text(&signed_in.lang, terms, &form),
            price_url: format!(
                "{}/renewal-price",
                crate::web::paths::reservation_configuration(record.reservation.reservation_guid)
            ),
            form,
        }
    }

    /// Whether `value` is the chosen scope kind.
    pub fn is_scope(&self, value: &str) -> bool {
        self.form.scope == value
    }

    /// Whether this subscription is chosen.
    pub fn is_subscription(&self, id: &i64) -> bool {
        self.form.subscription == id.to_string()
    }

    /// Whether this resource group is chosen.
    pub fn is_chosen(&self, id: &i64) -> bool {
        self.form.resource_group == id.to_string()
    }

    /// Whether this management group is chosen.
    pub fn is_management_group(&self, id: &i64) -> bool {
        self.form.management_group == id.to_string()
    }
}

/// The resource groups offered, by subscription: only the chosen
/// subscription's when one of the customer's is chosen (what htmx swaps in),
/// else every subscription's (the list without JavaScript).
fn groups_for(
    names: &ScopeNames,
    subscriptions: &[(i64, String)],
    chosen: &str,
) -> Vec<(String, Vec<(i64, String)>)> {
    let chosen = chosen
        .parse::<i64>()
        .ok()
        .filter(|s| subscriptions.iter().any(|(id, _)| id == s));
    subscriptions
        .iter()
        .filter(|(id, _)| chosen.is_none_or(|c| c == *id))
        .map(|(id, n)| (n.clone(), names.resource_groups_of(*id)))
        .collect()
}

/// `GET /reservations/{id}/configuration`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let record = load(&state, &signed_in, id).await?;
    let terms = renewal::terms(&state, &signed_in, id).await?;
    let form = Fields::of(&record);
    let mut page =
        ConfigurationPage::new(&signed_in, (&record, &terms), *rights, state.today(), form);
    page.remote = state.system.is_remote();
    render(&page)
}

/// The resource-group field for one subscription (htmx swaps it in when the
/// subscription changes).
#[derive(Template)]
#[template(path = "reservations/resource_group_field.html")]
pub struct ResourceGroupField {
    ctx: PageCtx,
    groups: Vec<(String, Vec<(i64, String)>)>,
    chosen: String,
    error: Option<&'static str>,
}

impl ResourceGroupField {
    /// Whether this resource group is chosen.
    pub fn is_chosen(&self, id: &i64) -> bool {
        self.chosen == id.to_string()
    }
}

/// Query of the resource-group field.
#[derive(Debug, Deserialize)]
pub struct GroupQuery {
    #[serde(default)]
    subscription: String,
}

/// `GET /reservations/{id}/configuration/resource-groups?subscription=…`.
pub async fn resource_groups(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    query: web::Query<GroupQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let actor = signed_in.user_actor();
    let names = call(&state, actor, move |ctx| view::places(ctx, id)).await?;
    let subscriptions = names.subscription_options();
    let groups = groups_for(&names, &subscriptions, &query.subscription);
    let ctx = PageCtx::new(&signed_in, crate::web::context::Nav::Customers);
    render(&ResourceGroupField {
        ctx,
        groups,
        chosen: String::new(),
        error: None,
    })
}

/// `POST /reservations/{id}/configuration`.
pub async fn save(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    rights: web::ReqData<Rights>,
    id: web::Path<String>,
    fields: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id)?;
    let fields = fields.into_inner().cut();
    let today = state.today();
    let terms = renewal::terms(&state, &signed_in, id).await?;
    let remote = state.system.is_remote();
    if fields.preview.is_some() {
        // "Show price": the form again with the renewal's price, unsaved.
        let record = load(&state, &signed_in, id).await?;
        let mut page =
            ConfigurationPage::new(&signed_in, (&record, &terms), *rights, today, fields);
        page.remote = remote;
        return render(&page);
    }
    let input = fields.input()?;
    let actor = signed_in.actor(&req, &state.config);
    let outcome = call(&state, actor, move |ctx| {
        app::reservations::configuration::save(ctx, id, &input)
    })
    .await;
    let outcome = match outcome {
        Ok(outcome) => outcome,
        // Azure refused: nothing changed here; its words above the form,
        // with what was typed kept.
        Err(app::Error::Refused(app::Refusal::Azure(refusal))) => {
            let record = load(&state, &signed_in, id).await?;
            let mut page =
                ConfigurationPage::new(&signed_in, (&record, &terms), *rights, today, fields);
            page.refused = Some(refusal.message);
            page.remote = remote;
            return render_with_status(&page, StatusCode::CONFLICT);
        }
        Err(e) => return Err(e.into()),
    };
    match outcome {
        Saved::Pending => {
            let record = load(&state, &signed_in, id).await?;
            let mut page =
                ConfigurationPage::new(&signed_in, (&record, &terms), *rights, today, fields);
            page.pending = true;
            page.remote = remote;
            render_with_status(&page, StatusCode::ACCEPTED)
        }
        Saved::Invalid(problems, record) => {
            let mut page =
                ConfigurationPage::new(&signed_in, (&record, &terms), *rights, today, fields);
            page.errors = problems;
            render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Saved::Changed(changes, record) => {
            let form = Fields::of(&record);
            let mut page =
                ConfigurationPage::new(&signed_in, (&record, &terms), *rights, today, form);
            page.changes = Some(changes);
            render(&page)
        }
        Saved::Conflict(newer) => {
            let lang = &signed_in.lang;
            let r = &newer.reservation;
            let scope = super::rows::describe(&newer.names, r, lang);
            let shown = vec![
                ("field-name", r.display_name.clone()),
                (
                    "field-scope",
                    format!("{}: {}", lang.t(scope.kind_key), scope.target),
                ),
                (
                    "field-flexibility",
                    r.instance_flexibility.clone().unwrap_or_else(|| "—".into()),
                ),
                ("field-renew", lang.t(if r.renew { "yes" } else { "no" })),
            ]
            .into_iter()
            .map(|(label_key, after)| Change {
                label_key,
                before: String::new(),
                after,
            })
            .collect();
            // Keep what was typed; saving again goes over the newer version.
            let mut form = fields;
            form.version = r.version.to_string();
            let mut page =
                ConfigurationPage::new(&signed_in, (&newer, &terms), *rights, today, form);
            page.conflict = Some(shown);
            render_with_status(&page, StatusCode::CONFLICT)
        }
    }
}
