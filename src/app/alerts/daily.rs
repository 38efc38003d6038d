//! The daily alerts: each user's reservations reaching one of their
//! chosen days before expiry, and the partner agents' reservations newly
//! under-used, grouped by customer, one email of each kind per user and
//! day. Queued by the server's job (often; the outbox's keys make every
//! run after the day's first add nothing).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};

use super::{Recipient, is_customer, queue, recipients};
use crate::app::{Ctx, Error};
use crate::db::keys::{CustomerKey, ReservationKey, UserKey};
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::alerts::{self, Alert, Customer, EXPIRY_DAYS, Line};

/// What a run queued.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    /// Expiry emails.
    pub expiry: usize,
    /// Under-use emails.
    pub underused: usize,
}

/// Queues today's expiry and under-use alerts (each once per user and
/// day, in one transaction).
pub fn queue_daily(ctx: &mut Ctx<'_>) -> Result<Queued, Error> {
    let today = ctx.clock.today();
    let people = recipients(ctx.conn)?;
    let wants_expiry = people.iter().any(|p| !p.choices.expiry_days.is_empty());
    let wants_underuse = people
        .iter()
        .any(|p| p.choices.underused && !is_customer(p.user.role));
    let expiring = if wants_expiry {
        expiring(ctx, today)?
    } else {
        Vec::new()
    };
    let (underused, threshold) = if wants_underuse {
        newly_underused(ctx, today)?
    } else {
        (Vec::new(), 0)
    };
    // A customer's user sees only the reservations they hold a role on.
    let mut held: HashMap<UserKey, HashSet<ReservationKey>> = HashMap::new();
    for to in people.iter().filter(|p| is_customer(p.user.role)) {
        if !to.choices.expiry_days.is_empty() {
            let theirs = db::role_assignments::reservations_of(ctx.conn, &to.user.email)?;
            held.insert(to.user.id, theirs.into_iter().collect());
        }
    }
    ctx.transaction(|ctx| {
        let mut queued = Queued::default();
        for to in &people {
            let mine = expiring
                .iter()
                .filter(|(row, line, customer)| {
                    to.choices
                        .expiry_days
                        .contains(&u16::try_from(line.days_left).unwrap_or(0))
                        && sees(to, customer.0, *row, &held)
                })
                .map(|(_, line, customer)| (line.clone(), customer.clone()));
            let customers = grouped(mine);
            if !customers.is_empty() {
                let alert = Alert::Expiry {
                    today,
                    customers,
                    for_customer: is_customer(to.user.role),
                };
                if queue(ctx, &format!("expiry:{}:{today}", to.user.id), to, &alert)? {
                    queued.expiry += 1;
                }
            }
            if to.choices.underused && !is_customer(to.user.role) && !underused.is_empty() {
                let alert = Alert::Underused {
                    today,
                    threshold_percent: threshold,
                    customers: grouped(underused.iter().cloned()),
                };
                if queue(
                    ctx,
                    &format!("underused:{}:{today}", to.user.id),
                    to,
                    &alert,
                )? {
                    queued.underused += 1;
                }
            }
        }
        Ok(queued)
    })
}

/// A customer as an alert names it: (row ID, company).
type Named = (CustomerKey, String);

/// Whether `to` sees reservation `row` of `customer`: partner agents see
/// every one; a customer's user those of their customer they hold a role
/// on (`held`).
fn sees(
    to: &Recipient,
    customer: CustomerKey,
    row: ReservationKey,
    held: &HashMap<UserKey, HashSet<ReservationKey>>,
) -> bool {
    !is_customer(to.user.role)
        || (to.user.customer_id == Some(customer)
            && held.get(&to.user.id).is_some_and(|h| h.contains(&row)))
}

/// The in-force reservations reaching one of the alert days today.
fn expiring(
    ctx: &mut Ctx<'_>,
    today: NaiveDate,
) -> Result<Vec<(ReservationKey, Line, Named)>, Error> {
    let days: Vec<NaiveDate> = EXPIRY_DAYS
        .iter()
        .filter_map(|d| alerts::expiry_day(today, *d))
        .collect();
    Ok(db::reservations::expiring_on(ctx.conn, &days)?
        .into_iter()
        .map(|(r, company)| {
            let customer = (r.customer_id, company);
            (r.id, line(&r, today, None), customer)
        })
        .collect())
}

/// The reservations under-used over the 7 days before today that were not
/// over the 7 days before yesterday, and the threshold in percent.
fn newly_underused(
    ctx: &mut Ctx<'_>,
    today: NaiveDate,
) -> Result<(Vec<(Line, Named)>, i64), Error> {
    let percent = db::settings::underused_percent(ctx.conn)?;
    let threshold = percent * 10;
    let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    let before: HashSet<ReservationKey> =
        db::utilization::underused(ctx.conn, yesterday, threshold)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    let averages: HashMap<ReservationKey, i64> =
        db::utilization::underused(ctx.conn, today, threshold)?
            .into_iter()
            .filter(|(id, _)| !before.contains(id))
            .collect();
    let ids: Vec<ReservationKey> = averages.keys().copied().collect();
    let mut companies: HashMap<CustomerKey, String> = HashMap::new();
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        for r in db::reservations::by_ids(ctx.conn, chunk)? {
            let company = match companies.get(&r.customer_id) {
                Some(name) => name.clone(),
                None => {
                    let name = db::customers::find(ctx.conn, r.customer_id)?.company_name;
                    companies.insert(r.customer_id, name.clone());
                    name
                }
            };
            let average = averages.get(&r.id).copied();
            out.push((line(&r, today, average), (r.customer_id, company)));
        }
    }
    Ok((out, percent))
}

fn line(r: &Reservation, today: NaiveDate, average_permille: Option<i64>) -> Line {
    Line {
        guid: r.reservation_guid.to_string(),
        name: r.display_name.clone(),
        resource_type: r.resource_type.as_str().to_string(),
        sku: r.sku.clone(),
        expiry: r.expiry_date,
        days_left: (r.expiry_date - today).num_days(),
        average_permille,
    }
}

/// Lines by customer (by company name), each customer's soonest expiry or
/// lowest use first.
fn grouped(lines: impl Iterator<Item = (Line, Named)>) -> Vec<Customer> {
    let mut by: BTreeMap<(String, i64), Vec<Line>> = BTreeMap::new();
    for (line, (id, company)) in lines {
        by.entry((company, id.0)).or_default().push(line);
    }
    by.into_iter()
        .map(|((company, id), mut reservations)| {
            reservations.sort_by(|a, b| {
                (a.average_permille, a.expiry, &a.name).cmp(&(
                    b.average_permille,
                    b.expiry,
                    &b.name,
                ))
            });
            Customer {
                id,
                company,
                reservations,
            }
        })
        .collect()
}
