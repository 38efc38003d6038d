//! Importing reservations from a CSV file (admins, when not connected to
//! Azure): the upload form, the preview with each row's problems, the
//! import with its progress, and its result.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::app::import::{Preview, Shown};
use crate::app::{self, Refusal};
use crate::db::imports::Listed;
use crate::web::context::{Nav, PageCtx};
use crate::web::error::AppError;
use crate::web::paths;
use crate::web::session::SignedIn;
use crate::web::{AppState, call, render, render_with_status, see_other};

mod upload;

pub use upload::{MAX_FILE_BYTES, template, upload};

/// Uploads read at once on this node (each holds its file in memory).
const UPLOADS_AT_ONCE: usize = 2;

/// This node's imports: the uploads being read and the imports running,
/// with how many rows each has written.
pub struct Jobs {
    uploads: tokio::sync::Semaphore,
    running: Mutex<HashMap<i64, Arc<AtomicUsize>>>,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs {
            uploads: tokio::sync::Semaphore::new(UPLOADS_AT_ONCE),
            running: Mutex::new(HashMap::new()),
        }
    }
}

impl Jobs {
    /// Rows written so far by import `id`, when it runs on this node.
    fn progress(&self, id: i64) -> Option<usize> {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.get(&id).map(|n| n.load(Ordering::Relaxed))
    }
}

/// The upload form and the latest uploads.
#[derive(Template)]
#[template(path = "admin/import.html")]
pub struct ImportPage {
    ctx: PageCtx,
    tenant: String,
    file_error: Option<String>,
    tenant_error: Option<&'static str>,
    latest: Vec<Listed>,
    connected: bool,
}

impl ImportPage {
    /// The message ID of an upload's state.
    pub fn state_key(&self, state: &str) -> &'static str {
        state_key(state)
    }

    /// Where upload `id` is shown.
    pub fn href(&self, id: &i64) -> String {
        paths::admin_import(*id)
    }
}

/// The message ID of an upload's state.
fn state_key(state: &str) -> &'static str {
    match state {
        "Preview" => "import-state-preview",
        "Importing" => "import-state-importing",
        "Imported" => "import-state-imported",
        "Expired" => "import-state-expired",
        _ => "import-state-failed",
    }
}

/// One upload: its preview, its progress or its result.
#[derive(Template)]
#[template(path = "admin/import_show.html")]
pub struct UploadPage {
    ctx: PageCtx,
    shown: Shown,
    progress: Option<usize>,
    action: String,
}

impl UploadPage {
    /// The preview.
    fn preview(&self) -> &Preview {
        &self.shown.preview
    }

    /// A customer's Azure reservations tab.
    pub fn customer_href(&self, id: &i64) -> String {
        paths::customer_reservations(id)
    }

    /// Whether the import is running (its page refreshes itself).
    pub fn running(&self) -> bool {
        self.shown.import.state == "Importing" && !self.shown.stale
    }

    /// "12,000 of 50,000 rows".
    pub fn progress_text(&self, done: &usize) -> String {
        let done = *done;
        self.ctx.lang.ts2(
            "import-progress",
            ("done", &self.ctx.number(done as i64)),
            (
                "total",
                &self.ctx.number(i64::from(self.shown.import.rows_total)),
            ),
        )
    }

    /// "Imported: 3 added, 1 changed."
    pub fn result_text(&self) -> String {
        let i = &self.shown.import;
        self.ctx.lang.ts2(
            "import-done",
            ("added", &self.ctx.number(i64::from(i.added))),
            ("changed", &self.ctx.number(i64::from(i.changed))),
        )
    }

    /// What the import will add and update.
    pub fn summary_text(&self) -> String {
        let p = self.preview();
        let n = |v: usize| self.ctx.number(v as i64);
        self.ctx.lang.ts3(
            "import-summary-text",
            ("new", &n(p.reservations_new)),
            ("updated", &n(p.reservations_updated)),
            ("orders", &n(p.orders_new)),
        )
    }

    /// A problem in words, with the other line it speaks of.
    pub fn problem_text(&self, p: &crate::domain::import::RowProblem) -> String {
        match p.problem.other_line() {
            Some(line) => self.ctx.ts(p.problem.key(), "line", &line.to_string()),
            None => self.ctx.t(p.problem.key()),
        }
    }
}

/// `GET /admin/import`.
pub async fn page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    form(
        &state,
        &signed_in,
        String::new(),
        (None, None),
        StatusCode::OK,
    )
    .await
}

/// The upload form, with what was typed and the problems next to the fields.
async fn form(
    state: &AppState,
    signed_in: &SignedIn,
    tenant: String,
    (file_error, tenant_error): (Option<String>, Option<&'static str>),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let latest = call(state, signed_in.user_actor(), app::import::latest).await?;
    let ctx = PageCtx::new(signed_in, Nav::DataSource)
        .crumb(
            signed_in.lang.t("nav-data-source"),
            paths::ADMIN_DATA_SOURCE,
        )
        .here(signed_in.lang.t("import-title"));
    render_with_status(
        &ImportPage {
            ctx,
            tenant,
            file_error,
            tenant_error,
            latest,
            connected: state.system.is_remote(),
        },
        status,
    )
}

/// The upload `{id}` of the path.
fn upload_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// `GET /admin/import/{id}`: the preview, the progress or the result. While
/// the import runs the page asks to be loaded again (htmx refreshes the
/// progress; without JavaScript, a `refresh` meta element does).
pub async fn show(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = upload_id(&id)?;
    let shown = call(&state, signed_in.user_actor(), move |ctx| {
        app::import::show(ctx, id)
    })
    .await?;
    let progress = state.imports.progress(id);
    // Still running here, however long it takes: not interrupted.
    let mut shown = shown;
    shown.stale &= progress.is_none();
    let ctx = PageCtx::new(&signed_in, Nav::DataSource)
        .crumb(
            signed_in.lang.t("nav-data-source"),
            paths::ADMIN_DATA_SOURCE,
        )
        .crumb(signed_in.lang.t("import-title"), paths::ADMIN_IMPORT)
        .here(shown.import.file_name.clone());
    render(&UploadPage {
        ctx,
        shown,
        progress,
        action: paths::admin_import(id),
    })
}

/// `POST /admin/import/{id}`: starts the import (once, however often it is
/// asked) and shows its progress.
pub async fn apply(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = upload_id(&id)?;
    // A run of this upload going on here is never taken over.
    if state.imports.progress(id).is_some() {
        return Ok(see_other(&paths::admin_import(id)));
    }
    let actor = signed_in.actor(&req, &state.config);
    let started = match call(&state, actor.clone(), move |ctx| {
        app::import::start(ctx, id)
    })
    .await
    {
        Ok(started) => started,
        Err(app::Error::Refused(Refusal::ImportDone)) => {
            return Ok(see_other(&paths::admin_import(id)));
        }
        Err(e) => return Err(e.into()),
    };
    let counter = Arc::new(AtomicUsize::new(0));
    state
        .imports
        .running
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, counter.clone());
    let job = state.clone();
    let mine = counter.clone();
    actix_web::rt::spawn(async move {
        let result = call(&job, actor, move |ctx| {
            app::import::run(ctx, id, started, &|n| counter.store(n, Ordering::Relaxed))
        })
        .await;
        if let Err(cause) = result {
            tracing::warn!(import = id, %cause, "import not written");
        }
        let mut running = job
            .imports
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        // Only this run's counter (another run may have taken over since).
        if running.get(&id).is_some_and(|c| Arc::ptr_eq(c, &mine)) {
            running.remove(&id);
        }
    });
    Ok(see_other(&paths::admin_import(id)))
}
