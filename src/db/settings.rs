//! The `settings` table: the partner's policy settings, changed by admins.

use std::str::FromStr;

use chrono::NaiveDate;
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::schema::settings;
use crate::db::Conn;
use crate::domain::money::Money;
use crate::domain::policy::Settings;

const FEE_RATE: &str = "fee_rate";
const GRACE_DAYS: &str = "grace_days";
const REFUND_LIMIT: &str = "refund_limit";
const EXCHANGE_CUTOFF: &str = "exchange_cutoff";

/// The policy settings: stored values over the defaults.
pub fn load(conn: &mut Conn) -> QueryResult<Settings> {
    let rows: Vec<(String, String)> = settings::table
        .select((settings::key, settings::value))
        .load(conn)?;
    let mut s = Settings::default();
    for (key, value) in rows {
        match key.as_str() {
            FEE_RATE => s.fee_rate = Decimal::from_str(&value).unwrap_or(s.fee_rate),
            GRACE_DAYS => s.grace_days = value.parse().unwrap_or(s.grace_days),
            REFUND_LIMIT => s.refund_limit = Money::from_str(&value).unwrap_or(s.refund_limit),
            EXCHANGE_CUTOFF => {
                s.exchange_cutoff =
                    NaiveDate::parse_from_str(&value, "%Y-%m-%d").unwrap_or(s.exchange_cutoff)
            }
            _ => {}
        }
    }
    Ok(s)
}

const UNDERUSED: &str = "underused_percent";

/// Below this 7-day utilization (percent) a reservation counts as under-used.
pub fn underused_percent(conn: &mut Conn) -> QueryResult<i64> {
    let value: Option<String> = settings::table
        .find(UNDERUSED)
        .select(settings::value)
        .first(conn)
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(50))
}

/// Stores the under-used threshold (percent).
pub fn save_underused_percent(conn: &mut Conn, percent: i64) -> QueryResult<()> {
    let value = percent.to_string();
    per_engine!(conn, |c| diesel::insert_into(settings::table)
        .values((settings::key.eq(UNDERUSED), settings::value.eq(&value)))
        .on_conflict(settings::key)
        .do_update()
        .set(settings::value.eq(&value))
        .execute(c))
    .map(drop)
}

/// Stores every setting.
pub fn save(conn: &mut Conn, s: &Settings) -> QueryResult<()> {
    let values = [
        (FEE_RATE, s.fee_rate.to_string()),
        (GRACE_DAYS, s.grace_days.to_string()),
        (REFUND_LIMIT, s.refund_limit.amount().to_string()),
        (
            EXCHANGE_CUTOFF,
            s.exchange_cutoff.format("%Y-%m-%d").to_string(),
        ),
    ];
    for (key, value) in values {
        per_engine!(conn, |c| diesel::insert_into(settings::table)
            .values((settings::key.eq(key), settings::value.eq(&value)))
            .on_conflict(settings::key)
            .do_update()
            .set(settings::value.eq(&value))
            .execute(c))?;
    }
    Ok(())
}
