//! The Data source page (admins): connected to Azure or on the demo data,
//! the sync in progress, each customer's last sync and the latest runs,
//! and "Sync now".

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::context::{Nav, PageCtx};
use super::session::SignedIn;
use super::{AppState, call, render};
use crate::app::sync::DataSource;
use crate::app::{self, Refusal};
use crate::azure::connection::Described;
use crate::db::sync_customers::CustomerSync;
use crate::db::sync_runs::Run;
use crate::web::error::AppError;
use crate::web::paths;

/// The page.
#[derive(Template)]
#[template(path = "admin/data_source.html")]
pub struct DataSourcePage {
    ctx: PageCtx,
    connection: Option<Described>,
    running: Option<Run>,
    runs: Vec<Run>,
    customers: Vec<(String, CustomerSync)>,
    notice: Option<&'static str>,
}

impl DataSourcePage {
    /// Seconds between two times, for "took".
    pub fn seconds(&self, from: &chrono::NaiveDateTime, to: &chrono::NaiveDateTime) -> i64 {
        (*to - *from).num_seconds().max(0)
    }

    /// "Partner tenant … in the … cloud."
    pub fn connected_detail(&self, c: &Described) -> String {
        self.ctx.lang.ts2(
            "data-source-connected-detail",
            ("tenant", &c.tenant),
            ("cloud", c.cloud),
        )
    }

    /// "12 of 40 customers".
    pub fn progress(&self, run: &Run) -> String {
        self.ctx.lang.ts2(
            "data-source-progress",
            ("done", &run.customers_done.to_string()),
            ("total", &run.customers_total.to_string()),
        )
    }

    /// The message ID of a run's state.
    pub fn state_key(&self, run: &Run) -> &'static str {
        match run.state.as_str() {
            "Running" => "sync-state-running",
            "Finished" if run.customers_failed > 0 => "sync-state-finished-failures",
            "Finished" => "sync-state-finished",
            "Failed" => "sync-state-failed",
            _ => "sync-state-interrupted",
        }
    }
}

/// The page's query: a notice after "Sync now".
#[derive(Debug, Deserialize)]
pub struct Query {
    notice: Option<String>,
}

/// `GET /admin/data-source`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let notice = match query.notice.as_deref() {
        Some("sync-started") => Some("data-source-sync-started"),
        _ => None,
    };
    show(&state, &signed_in, notice).await
}

async fn show(
    state: &AppState,
    signed_in: &SignedIn,
    notice: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let DataSource {
        running,
        runs,
        customers,
    } = call(state, signed_in.user_actor(), app::sync::data_source).await?;
    let ctx = PageCtx::new(signed_in, Nav::DataSource).here(signed_in.lang.t("nav-data-source"));
    render(&DataSourcePage {
        ctx,
        connection: state.azure.as_ref().map(|c| c.described().clone()),
        running,
        runs,
        customers,
        notice,
    })
}

/// `POST /admin/data-source/sync`: starts a run now (refused while one is
/// running, or when not connected) and comes back to the page.
pub async fn sync_now(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let Some(connection) = state.azure.clone() else {
        return Err(app::Error::Refused(Refusal::NotConnected).into());
    };
    let actor = signed_in.actor(&req, &state.config);
    match call(&state, actor, app::sync::start).await {
        Ok(run) => {
            connection.carry_out(run);
            Ok(HttpResponse::SeeOther()
                .insert_header((
                    "Location",
                    format!("{}?notice=sync-started", paths::ADMIN_DATA_SOURCE),
                ))
                .finish())
        }
        Err(app::Error::Refused(Refusal::SyncRunning)) => {
            show(&state, &signed_in, Some("sync-running")).await
        }
        Err(e) => Err(e.into()),
    }
}
