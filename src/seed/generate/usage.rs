//! The demo's utilization history: 90 days of daily figures while each
//! reservation was in force, in one of five patterns.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::rngs::StdRng;

use super::{Batch, Fate, HISTORY_DAYS, Purchase};
use crate::db;

/// 90 days of use while the reservation was in force, in one of five patterns.
pub(super) fn utilization(
    batch: &mut Batch,
    rng: &mut StdRng,
    reservation_id: crate::db::keys::ReservationKey,
    g: i64,
    p: &Purchase,
    today: NaiveDate,
) {
    // A cancelled reservation stopped counting when it was cancelled.
    let end = if p.fate == Fate::Cancelled {
        today - Days::new(20)
    } else {
        today
    };
    for ago in (1..=HISTORY_DAYS).rev() {
        let day = today - Days::new(ago);
        if day < p.effective || day >= p.expiry || day >= end {
            continue;
        }
        let progress = (HISTORY_DAYS - ago) as i64; // 0 … 89, later days higher
        let noise = rng.random_range(-30..=30);
        let permille = match g % 5 {
            0 => 970 + noise / 3,            // busy, near 100 %
            1 => 0,                          // idle
            2 => 950 - progress * 8 + noise, // falling
            3 => 650 + noise * 3,            // middling
            _ => 500 + progress * 5 + noise, // rising
        };
        batch.days.push(db::utilization::NewDay {
            reservation_id,
            day,
            permille: permille.clamp(0, 1000) as i32,
        });
    }
}
