//! Importing reservations from a CSV file, for a partner not connected to
//! Azure: an upload is read and checked into a preview (nothing written
//! but the upload itself), then imported all at once in one transaction,
//! or not at all.

mod check;
mod places;
mod write;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use write::{Written, run};

use super::{Ctx, Error, Refusal};
use crate::db::imports::{self, Import, NewImport};
use crate::domain::ids::TenantId;
use crate::domain::import::file::{self, FileProblem, Reading};
use crate::domain::import::{ImportRow, RowProblem};
use crate::domain::roles::Permission;

/// How long an upload not imported keeps its file.
pub const KEPT_FOR: Duration = Duration::days(1);

/// Customers the preview names (all are counted).
const CUSTOMERS_SHOWN: usize = 200;

/// Rows the preview shows as they will be imported.
const SAMPLE: usize = 20;

/// An import left `Importing` this long was interrupted (its node stopped
/// and its transaction was rolled back): it may be started again.
pub const STALE_AFTER: Duration = Duration::minutes(10);

/// What a preview found, as stored with the upload.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Preview {
    /// Rows in the file.
    pub lines: usize,
    /// Problems, the first ones, in the file's order.
    pub problems: Vec<RowProblem>,
    /// How many problems there are.
    pub problem_count: usize,
    /// The customers the rows belong to, the first ones.
    pub customers: Vec<CustomerLine>,
    /// How many customers the rows belong to.
    #[serde(default)]
    pub customer_count: usize,
    /// Orders to add.
    pub orders_new: usize,
    /// Reservations to add.
    pub reservations_new: usize,
    /// Reservations stored already, to update.
    pub reservations_updated: usize,
    /// The first rows, as they will be imported.
    pub sample: Vec<SampleRow>,
}

/// A customer of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerLine {
    /// Tenant ID.
    pub tenant: String,
    /// Company name (stored, or from the file).
    pub name: String,
    /// Added by the import.
    pub new: bool,
    /// Its rows in the file.
    pub reservations: usize,
}

/// A row as it will be imported.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SampleRow {
    /// Line in the file.
    pub line: u64,
    /// Customer name.
    pub customer: String,
    /// Display name.
    pub name: String,
    /// Resource type (the API's spelling).
    pub resource_type: String,
    /// SKU.
    pub sku: String,
    /// Region.
    pub region: String,
    /// Quantity.
    pub quantity: i32,
    /// Term (`P1Y`…).
    pub term: String,
    /// Expiry day.
    pub expiry: NaiveDate,
    /// Added (rather than updated).
    pub new: bool,
}

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
    // The customer chosen for a whole file is one of the partner's.
    if let Some(tenant) = chosen
        && crate::db::customers::find_by_tenant(ctx.conn, tenant)?.is_none()
    {
        return Err(Error::Invalid("import-tenant-unknown"));
    }
    let reading = match file::text_of(bytes).and_then(|t| file::read(t, chosen, progress)) {
        Ok(reading) => reading,
        Err(problem) => return Ok(Uploaded::Refused(problem)),
    };
    let preview = preview_of(ctx, reading)?;
    // A file with problems is never imported: it is not kept.
    let text = if preview.problem_count > 0 {
        ""
    } else {
        file::text_of(bytes).map_err(|_| Error::internal("read twice"))?
    };
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

/// The preview of what was read: row problems and stored conflicts, the
/// customers, and what will be added or updated.
fn preview_of(ctx: &mut Ctx<'_>, mut reading: Reading) -> Result<Preview, Error> {
    let known = check::known(ctx.conn, &reading.rows)?;
    let conflicts = check::problems(&known, &reading.rows, &reading.columns);
    if !conflicts.is_empty() {
        reading.note(conflicts);
        reading.sort();
    }
    let mut customers: Vec<CustomerLine> = Vec::new();
    let mut at: std::collections::HashMap<TenantId, usize> = std::collections::HashMap::new();
    for row in &reading.rows {
        let index = *at.entry(row.tenant).or_insert_with(|| {
            let stored = known.customers.get(&row.tenant);
            customers.push(CustomerLine {
                tenant: row.tenant.to_string(),
                name: stored
                    .map(|(_, name)| name.clone())
                    .or_else(|| row.customer.clone())
                    .unwrap_or_default(),
                new: stored.is_none(),
                reservations: 0,
            });
            customers.len() - 1
        });
        customers[index].reservations += 1;
        if customers[index].name.is_empty()
            && let Some(name) = &row.customer
        {
            customers[index].name = name.clone();
        }
    }
    let name_of = |row: &ImportRow| {
        at.get(&row.tenant)
            .map(|i| customers[*i].name.clone())
            .unwrap_or_default()
    };
    let sample = reading
        .rows
        .iter()
        .take(SAMPLE)
        .map(|row| SampleRow {
            line: row.line,
            customer: name_of(row),
            name: row.name.clone(),
            resource_type: row.resource_type.as_str().to_string(),
            sku: row.sku.clone(),
            region: row.region.clone(),
            quantity: row.quantity,
            term: row.term.as_str().to_string(),
            expiry: row.expiry_date,
            new: !known.reservations.contains_key(&row.id),
        })
        .collect();
    let mut orders: Vec<_> = reading.rows.iter().map(|r| r.order).collect();
    orders.sort();
    orders.dedup();
    let updated = reading
        .rows
        .iter()
        .filter(|r| known.reservations.contains_key(&r.id))
        .count();
    let customer_count = customers.len();
    customers.truncate(CUSTOMERS_SHOWN);
    Ok(Preview {
        customer_count,
        lines: reading.lines,
        problem_count: reading.problem_count,
        orders_new: orders
            .iter()
            .filter(|o| !known.orders.contains_key(o))
            .count(),
        reservations_new: reading.rows.len() - updated,
        reservations_updated: updated,
        sample,
        customers,
        problems: reading.problems,
    })
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
    let stale = is_stale(&import, ctx.clock.now());
    let mut customers = Vec::new();
    if import.state == "Imported" {
        for line in preview.customers.iter().take(SAMPLE) {
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

/// Whether an `Importing` upload was started so long ago that its node
/// must have stopped.
fn is_stale(import: &Import, now: NaiveDateTime) -> bool {
    import.state == "Importing" && import.started_at.is_some_and(|at| at < now - STALE_AFTER)
}

/// The latest uploads, with who made them.
pub fn latest(ctx: &mut Ctx<'_>) -> Result<Vec<imports::Listed>, Error> {
    ctx.actor.require(Permission::Administer)?;
    Ok(imports::latest(ctx.conn, 10)?)
}

/// Marks upload `id` as being imported (refused when it has problems, was
/// imported already, or another import is running); [`run`] then imports
/// it with the time returned, the run's token.
pub fn start(ctx: &mut Ctx<'_>, id: i64) -> Result<NaiveDateTime, Error> {
    allowed(ctx)?;
    let now = ctx.clock.now();
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
