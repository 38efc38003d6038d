//! What agents see first: the tiles (reservations expiring, under-used,
//! open requests, customers near the refund limit) and the lists across
//! customers behind them.

use std::collections::HashMap;

use crate::app::{Ctx, Error};
use crate::db::keys::CustomerKey;
use crate::db::keys::ReservationKey;
use crate::db::requests::{ListQuery, Search};
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::policy::{self, Booked};
use crate::domain::roles::Permission;
use crate::domain::support::RequestStatus;
use crate::domain::utilization::Permille;

/// Share of the limit used from which a customer counts as close to it.
pub const NEAR_LIMIT_PERCENT: i64 = 80;

/// The home page's tiles.
pub struct Tiles {
    /// In force and expiring within 30, 60 and 90 days: (days, how many).
    pub expiring: [(i64, i64); 3],
    /// How many are used less than the threshold.
    pub underused: i64,
    /// The threshold, in percent.
    pub underused_percent: i64,
    /// How many requests are open.
    pub open_requests: i64,
    /// Customers close to the refund limit: (customer, company, allowance
    /// left), the least left first.
    pub near_limit: Vec<(CustomerKey, String, Money)>,
}

/// The tiles as of today.
pub fn tiles(ctx: &mut Ctx<'_>, memo: &UnderusedMemo) -> Result<Tiles, Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    let conn = &mut *ctx.conn;
    let percent = db::settings::underused_percent(conn)?;
    let settings = db::settings::load(conn)?;
    let (_, open) = db::requests::list(
        conn,
        &ListQuery {
            status: Some(RequestStatus::Open),
            customer_id: None,
            search: Search::All,
            offset: 0,
            limit: 1,
        },
    )?;
    let mut by_customer: HashMap<CustomerKey, Vec<Booked>> = HashMap::new();
    for (customer, on, amount) in db::ledger::all_recent(conn, today)? {
        by_customer
            .entry(customer)
            .or_default()
            .push(Booked { on, amount });
    }
    let threshold =
        settings.refund_limit.amount() * rust_decimal::Decimal::new(NEAR_LIMIT_PERCENT, 2);
    let close: Vec<(CustomerKey, Money)> = by_customer
        .into_iter()
        .filter(|(_, booked)| policy::limit_used(booked, today).amount() >= threshold)
        .map(|(customer, booked)| (customer, policy::allowance_left(&booked, today, &settings)))
        .collect();
    let ids: Vec<CustomerKey> = close.iter().map(|(c, _)| *c).collect();
    let companies = db::customers::names(conn, &ids)?;
    let mut near_limit: Vec<(CustomerKey, String, Money)> = close
        .into_iter()
        .map(|(customer, left)| {
            let company = companies.get(&customer).cloned().unwrap_or_default();
            (customer, company, left)
        })
        .collect();
    near_limit.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
    Ok(Tiles {
        expiring: db::reservations::expiry_counts(conn, today)?,
        underused: memo.get(conn, today, percent)?.len() as i64,
        underused_percent: percent,
        open_requests: open,
        near_limit,
    })
}

/// How long a node reuses the under-used reservations it worked out: the
/// 7-day averages of every reservation in force are the dashboard's most
/// expensive figures (a read of a week of utilization), and they change
/// only when a sync brings new days or the threshold is changed.
pub const UNDERUSED_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// The under-used reservations as last worked out on this node, for the
/// day and threshold they were worked out for.
#[derive(Debug, Default)]
pub struct UnderusedMemo {
    last: std::sync::Mutex<Option<Memo>>,
    /// Held while working the figures out, so that a burst of views works
    /// them out once and the rest wait for that.
    working: std::sync::Mutex<()>,
}

#[derive(Debug, Clone)]
struct Memo {
    at: std::time::Instant,
    key: (chrono::NaiveDate, i64),
    rows: std::sync::Arc<Vec<(ReservationKey, i64)>>,
}

impl UnderusedMemo {
    /// The in-force reservations under `percent` on `today` with their
    /// averages, worked out again when older than [`UNDERUSED_FOR`].
    fn get(
        &self,
        conn: &mut crate::db::Conn,
        today: chrono::NaiveDate,
        percent: i64,
    ) -> Result<std::sync::Arc<Vec<(ReservationKey, i64)>>, Error> {
        let key = (today, percent);
        let lock = || self.last.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = || {
            lock()
                .as_ref()
                .filter(|memo| memo.key == key && memo.at.elapsed() < UNDERUSED_FOR)
                .map(|memo| memo.rows.clone())
        };
        if let Some(rows) = fresh() {
            return Ok(rows);
        }
        let _working = self.working.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rows) = fresh() {
            return Ok(rows);
        }
        let rows = std::sync::Arc::new(db::utilization::underused(conn, today, percent * 10)?);
        *lock() = Some(Memo {
            at: std::time::Instant::now(),
            key,
            rows: rows.clone(),
        });
        Ok(rows)
    }
}

/// Which list across customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// In force and expiring within this many days.
    Expiring(u64),
    /// Used less than the threshold over the last week.
    Underused,
}

/// A reservation in a list across customers.
pub struct Listed {
    /// The reservation.
    pub reservation: Reservation,
    /// Its customer's company name.
    pub company: String,
    /// Its utilization over the last 7 days, where measured.
    pub seven_day: Option<Permille>,
}

/// A page (`offset`, `limit`) of the list `which`, and how many it holds.
pub fn list(
    ctx: &mut Ctx<'_>,
    memo: &UnderusedMemo,
    which: Which,
    (offset, limit): (i64, i64),
) -> Result<(Vec<Listed>, i64), Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    let today = ctx.clock.today();
    let conn = &mut *ctx.conn;
    let (reservations, averages, total): (Vec<Reservation>, HashMap<ReservationKey, i64>, i64) =
        match which {
            Which::Expiring(days) => {
                let (rows, total) =
                    db::reservations::expiring_within(conn, today, days, offset, limit)?;
                let ids: Vec<ReservationKey> = rows.iter().map(|r| r.id).collect();
                let averages = db::utilization::averages(conn, &ids, today, 7)?
                    .into_iter()
                    .map(|(id, p)| (id, i64::from(p.value())))
                    .collect();
                (rows, averages, total)
            }
            Which::Underused => {
                let percent = db::settings::underused_percent(conn)?;
                let all = memo.get(conn, today, percent)?;
                let total = all.len() as i64;
                let page: Vec<(ReservationKey, i64)> = all
                    .iter()
                    .copied()
                    .skip(offset as usize)
                    .take(limit.min(i64::from(u32::MAX)) as usize)
                    .collect();
                let ids: Vec<ReservationKey> = page.iter().map(|(id, _)| *id).collect();
                let mut rows = db::reservations::by_ids(conn, &ids)?;
                let averages: HashMap<ReservationKey, i64> = page.into_iter().collect();
                rows.sort_by_key(|r| (averages.get(&r.id).copied().unwrap_or(0), r.id));
                (rows, averages, total)
            }
        };
    let customer_ids: Vec<CustomerKey> = reservations.iter().map(|r| r.customer_id).collect();
    let companies = db::customers::names(conn, &customer_ids)?;
    let listed = reservations
        .into_iter()
        .map(|r| Listed {
            company: companies.get(&r.customer_id).cloned().unwrap_or_default(),
            seven_day: averages.get(&r.id).map(|a| Permille::new(*a)),
            reservation: r,
        })
        .collect();
    Ok((listed, total))
}
