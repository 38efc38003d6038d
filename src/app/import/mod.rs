//! Importing reservations from a CSV file, for a partner not connected to
//! Azure: an upload is read and checked into a preview (nothing written
//! but the upload itself), then imported all at once in one transaction,
//! or not at all.

mod check;
mod places;
mod preview;
mod write;

use chrono::{Duration, NaiveDateTime};

use preview::preview_of;
pub use preview::{CustomerLine, Preview, SampleRow};
pub use write::{Written, run};

use super::{Ctx, Error, Refusal};
use crate::db::imports::{self, Import, NewImport};
use crate::domain::ids::TenantId;
use crate::domain::import::file::{self, FileProblem};
use crate::domain::roles::Permission;

/// How long an upload not imported keeps its file.
pub const KEPT_FOR: Duration = Duration::days(1);

/// An import left `Importing` this long was interrupted (its node stopped
/// and its transaction was rolled back): it may be started again.
pub const STALE_AFTER: Duration = Duration::minutes(10);

/// What became of an upload.
#[derive(Debug)]
pub enum Uploaded {
    /// Stored for its preview: the upload's row ID.
    Stored(i64),
    /// The file cannot be read at all, and why.
    Refused(FileProblem),
}

/// An upload as its page shows it.
#[derive(Debug)]
pub struct Shown {
    /// The upload.
    pub import: Import,
    /// Who uploaded it.
    pub by: String,
    /// What its preview found.
    pub preview: Preview,
    /// Started so long ago that it was interrupted.
    pub stale: bool,
    /// Once imported: the file's customers as stored (name, row ID), the
    /// first ones.
    pub customers: Vec<(String, i64)>,
}

/// Refuses everyone but admins, and a partner connected to Azure.
fn allowed(ctx: &Ctx<'_>) -> Result<(), Error> {
    ctx.actor.require(Permission::Administer)?;
    if ctx.system.is_remote() {
        return Err(Refusal::ImportConnected.into());
    }
    Ok(())
}

/// The tenant chosen on the form for a whole file, from its text.
pub fn chosen_tenant(text: &str) -> Result<Option<TenantId>, Error> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse()
            .map(Some)
            .map_err(|_| Error::Invalid("import-tenant-invalid")),
    }
}

/// Refuses a customer chosen for a whole file who is not one of the
/// partner's.
fn chosen_is_known(ctx: &mut Ctx<'_>, chosen: Option<TenantId>) -> Result<(), Error> {
    match chosen {
        Some(tenant) if crate::db::customers::find_by_tenant(ctx.conn, tenant)?.is_none() => {
            Err(Error::Invalid("import-tenant-unknown"))
        }
        _ => Ok(()),
    }
}

/// Reads and checks `bytes`, and stores them with what the check found;
/// `progress` hears how many rows were read, now and then.
pub fn upload(
    ctx: &mut Ctx<'_>,
    file_name: &str,
    bytes: &[u8],
    chosen: Option<TenantId>,
    progress: &mut dyn FnMut(usize),
) -> Result<Uploaded, Error> {
    allowed(ctx)?;
    chosen_is_known(ctx, chosen)?;
    let (text, reading) = match file::text_of(bytes)
        .and_then(|text| Ok((text, file::read(text, chosen, progress)?)))
    {
        Ok(read) => read,
        Err(problem) => return Ok(Uploaded::Refused(problem)),
    };
    let preview = preview_of(ctx, reading)?;
    // A file with problems is never imported: it is not kept.
    let text = if preview.problem_count > 0 { "" } else { text };
    let now = ctx.clock.now();
    imports::expire(ctx.conn, now - KEPT_FOR)?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let id = imports::insert(
        ctx.conn,
        &NewImport {
            user_id: ctx.actor.user_id.ok_or(Error::Forbidden)?,
            file_name: if name.trim().is_empty() {
                "import.csv"
            } else {
                &name
            },
            chosen_tenant: chosen.map(|t| t.to_string()),
            body: text,
            rows_total: preview.lines as i32,
            preview: serde_json::to_string(&preview).map_err(Error::internal)?,
            state: "Preview",
            added: 0,
            changed: 0,
            created_at: now,
        },
    )?;
    Ok(Uploaded::Stored(id))
}

/// What importing a file at once came to.
#[derive(Debug)]
pub enum Direct {
    /// Every row written.
    Imported(Written),
    /// The file cannot be read at all, and why.
    Refused(FileProblem),
    /// Rows have problems: nothing written.
    Problems(Preview),
}

/// Reads, checks and imports `bytes` at once, without an upload to look at
/// first (the command line's `import`): all rows in one transaction, or,
/// when any row has a problem, none.
pub fn import_now(
    ctx: &mut Ctx<'_>,
    file_name: &str,
    bytes: &[u8],
    chosen: Option<TenantId>,
) -> Result<Direct, Error> {
    allowed(ctx)?;
    // Customers synced from Azure: the command line cannot tell whether the
    // server is connected, the data says it was.
    if crate::db::customers::any_synced(ctx.conn)? {
        return Err(Refusal::ImportConnected.into());
    }
    chosen_is_known(ctx, chosen)?;
    let reading = match file::text_of(bytes).and_then(|t| file::read(t, chosen, &mut |_| {})) {
        Ok(reading) => reading,
        Err(problem) => return Ok(Direct::Refused(problem)),
    };
    let preview = preview_of(ctx, reading.clone())?;
    if preview.problem_count > 0 {
        return Ok(Direct::Problems(preview));
    }
    let written = ctx.transaction(|ctx| {
        let written = write::write_rows(ctx, &reading, &|_| {})?;
        write::audit(ctx, (None, file_name), written)?;
        Ok(written)
    })?;
    Ok(Direct::Imported(written))
}

/// Upload `id` with its preview.
pub fn show(ctx: &mut Ctx<'_>, id: i64) -> Result<Shown, Error> {
    ctx.actor.require(Permission::Administer)?;
    let import = imports::find(ctx.conn, id)?.ok_or(Error::NotFound)?;
    let by = crate::db::users::find(ctx.conn, import.user_id)?.email;
    let preview: Preview = serde_json::from_str(&import.preview).map_err(Error::internal)?;
    let now = ctx.clock.now();
    let stale = is_stale(&import, now);
    let mut import = import;
    import.state = shown_state(&import.state, import.created_at, now).to_string();
    let mut customers = Vec::new();
    if import.state == "Imported" {
        for line in preview.customers.iter().take(preview::SAMPLE) {
            if let Ok(tenant) = line.tenant.parse()
                && let Some(c) = crate::db::customers::find_by_tenant(ctx.conn, tenant)?
            {
                customers.push((c.company_name, c.id.0));
            }
        }
    }
    Ok(Shown {
        import,
        by,
        preview,
        stale,
        customers,
    })
}

/// The state an upload is shown in: one waiting longer than [`KEPT_FOR`]
/// has expired (its file is let go at the next upload or import).
fn shown_state(state: &str, created_at: NaiveDateTime, now: NaiveDateTime) -> &str {
    match state {
        "Preview" | "Failed" if created_at < now - KEPT_FOR => "Expired",
        other => other,
    }
}

/// Whether an `Importing` upload was started so long ago that its node
/// must have stopped.
fn is_stale(import: &Import, now: NaiveDateTime) -> bool {
    import.state == "Importing" && import.started_at.is_some_and(|at| at < now - STALE_AFTER)
}

/// The latest uploads, with who made them.
pub fn latest(ctx: &mut Ctx<'_>) -> Result<Vec<imports::Listed>, Error> {
    ctx.actor.require(Permission::Administer)?;
    let now = ctx.clock.now();
    let mut latest = imports::latest(ctx.conn, 10)?;
    for upload in &mut latest {
        upload.state = shown_state(&upload.state, upload.created_at, now).to_string();
    }
    Ok(latest)
}

/// Marks upload `id` as being imported (refused when it has problems, was
/// imported already, or another import is running); [`run`] then imports
/// it with the time returned, the run's token.
pub fn start(ctx: &mut Ctx<'_>, id: i64) -> Result<NaiveDateTime, Error> {
    allowed(ctx)?;
    let now = ctx.clock.now();
    // Uploads left too long let their file go first (and cannot start).
    ctx.transaction(|ctx| Ok(imports::expire(ctx.conn, now - KEPT_FOR)?))?;
    ctx.transaction(|ctx| {
        let import = imports::find(ctx.conn, id)?.ok_or(Error::NotFound)?;
        let preview: Preview = serde_json::from_str(&import.preview).map_err(Error::internal)?;
        if preview.problem_count > 0 {
            return Err(Refusal::ImportProblems.into());
        }
        if imports::running(ctx.conn, id, now - STALE_AFTER)? {
            return Err(Refusal::ImportRunning.into());
        }
        let moved = imports::start(ctx.conn, id, &["Preview", "Failed"], now)?
            || (is_stale(&import, now)
                && imports::take_over(ctx.conn, id, now - STALE_AFTER, now)?);
        if moved {
            Ok(now)
        } else {
            Err(Refusal::ImportDone.into())
        }
    })
}
