//! What agents see first: the tiles (reservations expiring, under-used,
//! open requests, customers near the refund limit) and the lists across
//! customers behind them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::app::{Ctx, Error};
use crate::db::keys::CustomerKey;
use crate::db::keys::ReservationKey;
use crate::db::requests::{ListQuery, Search};
use crate::db::reservations::Reservation;
use crate::db::{self, Conn};
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
    /// How many have a recommendation not dismissed.
    pub recommended: i64,
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
    let figures = memo.get(conn, today, percent)?;
    Ok(Tiles {
        expiring: db::reservations::expiry_counts(conn, today)?,
        underused: figures.underused.len() as i64,
        recommended: recommended(conn, &figures)?.len() as i64,
        underused_percent: percent,
        open_requests: open,
        near_limit,
    })
}

/// How often a node works out the under-used reservations again while they
/// are being looked at: the 7-day averages of every reservation in force
/// are the dashboard's most expensive figures (a read of a week of
/// utilization: about 1 s at 20,000 customers), and they change only when a
/// sync brings new days or the threshold is changed.
pub const UNDERUSED_FOR: Duration = Duration::from_secs(60);

/// After how long without a view a node stops working them out ahead.
const UNDERUSED_IDLE: Duration = Duration::from_secs(600);

/// The under-used reservations as last worked out on this node, for the
/// day and threshold they were worked out for.
///
/// A thread works them out at start, then again every [`UNDERUSED_FOR`]
/// ([`refresh_underused`]) while someone looked at them in the last ten
/// minutes, so a view takes
/// the figures at hand and never waits for them, unless there are none for
/// its day and threshold yet (the first view, a new day, a new threshold),
/// or the last are more than twice as old (the thread could not work them
/// out): then one view works them out while the others wait for it.
#[derive(Debug, Default)]
pub struct UnderusedMemo {
    last: Mutex<Option<Memo>>,
    /// When a view last asked for the figures.
    asked: Mutex<Option<Instant>>,
    /// Held while working the figures out, so that they are worked out
    /// once at a time.
    working: Mutex<()>,
}

#[derive(Debug, Clone)]
struct Memo {
    at: Instant,
    key: (NaiveDate, i64),
    rows: Arc<Vec<(ReservationKey, i64)>>,
    /// The reservations whose 30-day use suggests a recommendation, with
    /// their 30-day averages.
    advice: Arc<Vec<(ReservationKey, i64)>>,
}

/// What the memo holds: under-used reservations with their 7-day
/// averages, and those with a recommendation with their 30-day averages.
#[derive(Debug, Clone)]
pub struct Figures {
    underused: Arc<Vec<(ReservationKey, i64)>>,
    advice: Arc<Vec<(ReservationKey, i64)>>,
}

type Underused = Figures;

impl UnderusedMemo {
    fn kept(&self, key: (NaiveDate, i64), within: Duration) -> Option<Underused> {
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|memo| memo.key == key && memo.at.elapsed() < within)
            .map(|memo| Figures {
                underused: memo.rows.clone(),
                advice: memo.advice.clone(),
            })
    }

    /// The in-force reservations under `percent` on `today` with their
    /// averages (see the type's description for how fresh).
    fn get(&self, conn: &mut Conn, today: NaiveDate, percent: i64) -> Result<Underused, Error> {
        *self.asked.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        let key = (today, percent);
        if let Some(rows) = self.kept(key, 2 * UNDERUSED_FOR) {
            return Ok(rows);
        }
        let _working = self.working.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rows) = self.kept(key, 2 * UNDERUSED_FOR) {
            return Ok(rows);
        }
        self.work_out(conn, key)
    }

    fn work_out(&self, conn: &mut Conn, key: (NaiveDate, i64)) -> Result<Underused, Error> {
        let rows = Arc::new(db::utilization::underused(conn, key.0, key.1 * 10)?);
        let renew_by = key
            .0
            .checked_add_days(chrono::Days::new(
                crate::domain::advice::RENEW_WITHIN_DAYS as u64,
            ))
            .unwrap_or(key.0);
        let advice = Arc::new(db::utilization::advice_candidates(
            conn,
            key.0,
            key.1 * 10,
            renew_by,
        )?);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(Memo {
            at: Instant::now(),
            key,
            rows: rows.clone(),
            advice: advice.clone(),
        });
        Ok(Figures {
            underused: rows,
            advice,
        })
    }

    /// Whether a view asked for the figures within [`UNDERUSED_IDLE`].
    fn looked_at(&self) -> bool {
        self.asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some_and(|at| at.elapsed() < UNDERUSED_IDLE)
    }
}

/// Works the under-used reservations out ahead of the views: the first
/// time (so the first view after a start does not wait), then again if
/// someone looked at them lately; whether it did. The server runs it at
/// start and every [`UNDERUSED_FOR`].
pub fn refresh_underused(ctx: &mut Ctx<'_>, memo: &UnderusedMemo) -> Result<bool, Error> {
    let never = memo
        .last
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .is_none();
    if !never && !memo.looked_at() {
        return Ok(false);
    }
    let percent = db::settings::underused_percent(ctx.conn)?;
    let _working = memo.working.lock().unwrap_or_else(|e| e.into_inner());
    memo.work_out(ctx.conn, (ctx.clock.today(), percent))?;
    Ok(true)
}

/// The reservations with a recommendation nobody dismissed, with their
/// 30-day averages.
fn recommended(conn: &mut Conn, figures: &Figures) -> Result<Vec<(ReservationKey, i64)>, Error> {
    // Dismissals are few beside the reservations advised on (thousands in a
    // large book): one read of them all, rather than the advised ones asked
    // for in batches on every view.
    let dismissed = db::dismissals::all_reservations(conn)?;
    Ok(figures
        .advice
        .iter()
        .filter(|(id, _)| !dismissed.contains(id))
        .copied()
        .collect())
}

/// Which list across customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// In force and expiring within this many days.
    Expiring(u64),
    /// Used less than the threshold over the last week.
    Underused,
    /// With a recommendation from the last 30 days of use.
    Recommended,
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
            Which::Underused | Which::Recommended => {
                let percent = db::settings::underused_percent(conn)?;
                let figures = memo.get(conn, today, percent)?;
                let all = if which == Which::Underused {
                    figures.underused.as_ref().clone()
                } else {
                    recommended(conn, &figures)?
                };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::TestStore;

    fn age(memo: &UnderusedMemo, by: Duration, rows: Option<Vec<(ReservationKey, i64)>>) {
        let mut last = memo.last.lock().expect("memo");
        let kept = last.as_mut().expect("figures kept");
        kept.at = Instant::now().checked_sub(by).expect("an earlier instant");
        if let Some(rows) = rows {
            kept.rows = Arc::new(rows);
        }
    }

    #[test]
    fn views_take_the_figures_at_hand_which_a_job_renews_while_they_are_looked_at() {
        let mut store = TestStore::demo();
        let admin = store.actor("admin@partner.example");
        let memo = UnderusedMemo::default();
        let today = store.clock.today();
        let real = db::utilization::underused(&mut store.conn, today, 500).expect("underused");
        assert!(!real.is_empty(), "the demo has under-used reservations");

        // The first run works them out, before any view.
        let renewed = store.run(&admin, |ctx| refresh_underused(ctx, &memo));
        assert!(renewed.expect("refresh"), "worked out at start");
        assert!(memo.asked.lock().expect("asked").is_none());
        // Then only while looked at.
        let renewed = store.run(&admin, |ctx| refresh_underused(ctx, &memo));
        assert!(
            !renewed.expect("refresh"),
            "nobody looked: nothing worked out"
        );
        *memo.last.lock().expect("memo") = None;

        // Without figures, a view works them out.
        assert_eq!(
            *memo.get(&mut store.conn, today, 50).expect("get").underused,
            real
        );
        // A view takes what is kept (here a marker) while it is less than
        // twice the refresh period old ...
        age(
            &memo,
            UNDERUSED_FOR + Duration::from_secs(30),
            Some(Vec::new()),
        );
        assert!(
            memo.get(&mut store.conn, today, 50)
                .expect("get")
                .underused
                .is_empty()
        );
        // ... and works them out itself past that.
        age(&memo, 2 * UNDERUSED_FOR + Duration::from_secs(1), None);
        assert_eq!(
            *memo.get(&mut store.conn, today, 50).expect("get").underused,
            real
        );
        // Another threshold is another key: worked out at once.
        let stricter = db::utilization::underused(&mut store.conn, today, 100).expect("underused");
        assert_eq!(
            *memo.get(&mut store.conn, today, 10).expect("get").underused,
            stricter
        );

        // Looked at: the job works them out again, for the stored threshold.
        age(&memo, UNDERUSED_FOR, Some(Vec::new()));
        let renewed = store.run(&admin, |ctx| refresh_underused(ctx, &memo));
        assert!(renewed.expect("refresh"));
        let percent = db::settings::underused_percent(&mut store.conn).expect("threshold");
        let last = memo.last.lock().expect("memo").clone().expect("kept");
        assert_eq!(last.key, (today, percent));
        assert!(last.at.elapsed() < UNDERUSED_FOR);
        assert_eq!(
            *last.rows,
            db::utilization::underused(&mut store.conn, today, percent * 10).expect("underused")
        );

        // Not looked at for ten minutes: the job rests.
        *memo.asked.lock().expect("asked") = Instant::now().checked_sub(UNDERUSED_IDLE);
        let renewed = store.run(&admin, |ctx| refresh_underused(ctx, &memo));
        assert!(!renewed.expect("refresh"));
    }
}
