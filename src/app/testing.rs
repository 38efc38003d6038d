//! What tests of the service layer run on: a fresh database holding the
//! demo data, a clock fixed at noon on the demo's day, and actors signed in
//! as the demo's users. No HTTP anywhere.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::system::LocalSystem;
use super::{Actor, Clock, Ctx, ReservationSystem};
use crate::db::audit::Action;
use crate::db::keys::{CustomerKey, ReservationKey};
use crate::db::schema::{audit_log, reservation_orders, reservations};
use crate::db::{self, DbConn};
use crate::domain::ids::ReservationId;

/// The demo's day.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// A database of its own with the demo data, and a fixed clock.
pub struct TestStore {
    _dir: tempfile::TempDir,
    /// The connection use cases run on.
    pub conn: DbConn,
    /// Noon on the demo's day.
    pub clock: Clock,
}

impl TestStore {
    /// A fresh database filled with the demo data.
    pub fn demo() -> TestStore {
        let dir = tempfile::tempdir().expect("temporary folder");
        let pool = db::open(&db::scratch(dir.path(), "app.db"), 1).expect("database");
        let mut conn = pool.get().expect("connection");
        let clock = Clock::Fixed(today().and_hms_opt(12, 0, 0).expect("noon"));
        crate::seed::demo(&mut conn, clock).expect("demo data");
        TestStore {
            _dir: dir,
            conn,
            clock,
        }
    }

    /// The demo user with `email`, acting from a documentation address.
    pub fn actor(&mut self, email: &str) -> Actor {
        let user = db::users::find_by_email(&mut self.conn, email)
            .expect("query")
            .unwrap_or_else(|| panic!("no user {email}"));
        Actor::user(&user, "192.0.2.10")
    }

    /// Runs `work` as `actor` on the local system of record.
    pub fn run<T>(&mut self, actor: &Actor, work: impl FnOnce(&mut Ctx<'_>) -> T) -> T {
        self.run_on(&LocalSystem, actor, work)
    }

    /// Runs `work` as `actor` on `system`.
    pub fn run_on<T>(
        &mut self,
        system: &dyn ReservationSystem,
        actor: &Actor,
        work: impl FnOnce(&mut Ctx<'_>) -> T,
    ) -> T {
        work(&mut Ctx {
            actor,
            clock: self.clock,
            conn: &mut self.conn,
            system,
        })
    }

    /// How many audit entries of `action` there are.
    pub fn audited(&mut self, action: Action) -> i64 {
        db::audit::count_action(&mut self.conn, action).expect("count")
    }

    /// When the newest entry of `action` was written.
    pub fn last_audited_at(&mut self, action: Action) -> chrono::NaiveDateTime {
        audit_log::table
            .filter(audit_log::action.eq(action))
            .order(audit_log::id.desc())
            .select(audit_log::at)
            .first(&mut self.conn)
            .expect("an entry")
    }

    /// (row, ID, customer) of the `n`th in-force, one-year virtual-machine
    /// reservation with months to run: refundable, and small enough for
    /// the limit on its own.
    pub fn refundable(&mut self, n: usize) -> (ReservationKey, ReservationId, CustomerKey) {
        let all: Vec<(ReservationKey, ReservationId, CustomerKey)> = reservations::table
            .inner_join(reservation_orders::table)
            .filter(reservations::provisioning_state.eq("Succeeded"))
            .filter(reservations::expiry_date.gt(today() + chrono::Days::new(31)))
            .filter(reservations::resource_type.eq("VirtualMachines"))
            .filter(reservation_orders::term.eq("P1Y"))
            .order(reservations::id)
            .select((
                reservations::id,
                reservations::reservation_guid,
                reservations::customer_id,
            ))
            .load(&mut self.conn)
            .expect("reservations");
        all[n % all.len()]
    }
}
