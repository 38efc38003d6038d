//! The policy settings admins change: the early termination fee, the grace
//! period, the refund limit, the exchange cut-off and the under-use
//! threshold. Each change is audited with its value before and after.

use rust_decimal::Decimal;

use crate::app::{Ctx, Error};
use crate::db::audit::{Action, NewEntry};
use crate::db::{self};
use crate::domain::policy::Settings;
use crate::domain::roles::Permission;

/// Every setting, as one save writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySettings {
    /// The refund and exchange policy.
    pub policy: Settings,
    /// Under this utilization (percent) a reservation counts as under-used.
    pub underused_percent: i64,
}

impl PolicySettings {
    /// Each setting by its stored name, as the audit log writes its value.
    fn named_values(&self) -> [(&'static str, String); 5] {
        let s = &self.policy;
        [
            (
                "fee_percent",
                (s.fee_rate * Decimal::from(100)).normalize().to_string(),
            ),
            ("grace_days", s.grace_days.to_string()),
            ("refund_limit", s.refund_limit.to_string()),
            (
                "exchange_cutoff",
                s.exchange_cutoff.format("%Y-%m-%d").to_string(),
            ),
            ("underused_percent", self.underused_percent.to_string()),
        ]
    }
}

/// The settings in force.
pub fn load(ctx: &mut Ctx<'_>) -> Result<PolicySettings, Error> {
    ctx.actor.require(Permission::Administer)?;
    Ok(PolicySettings {
        policy: db::settings::load(ctx.conn)?,
        underused_percent: db::settings::underused_percent(ctx.conn)?,
    })
}

impl PolicySettings {
    /// Refuses settings no policy can run on (the page checks each field
    /// with its own message first; this guards every other caller): a fee
    /// of 0 to 100 %, a grace period of 0 to 90 days, a limit not below
    /// zero, a threshold of 1 to 100 %.
    pub fn check(&self) -> Result<(), Error> {
        let p = &self.policy;
        let fee_ok = p.fee_rate >= Decimal::ZERO && p.fee_rate <= Decimal::ONE;
        let grace_ok = (0..=90).contains(&p.grace_days);
        let limit_ok = p.refund_limit.amount() >= Decimal::ZERO;
        let threshold_ok = (1..=100).contains(&self.underused_percent);
        if fee_ok && grace_ok && limit_ok && threshold_ok {
            Ok(())
        } else {
            Err(Error::Invalid("error-bad-request"))
        }
    }
}

/// Saves every setting at once, auditing each one that changed.
pub fn save(ctx: &mut Ctx<'_>, wanted: &PolicySettings) -> Result<(), Error> {
    ctx.actor.require(Permission::Administer)?;
    wanted.check()?;
    ctx.transaction(|ctx| {
        let before = load(ctx)?;
        db::settings::save(ctx.conn, &wanted.policy)?;
        db::settings::save_underused_percent(ctx.conn, wanted.underused_percent)?;
        let now = ctx.clock.now();
        for ((name, b), (_, a)) in before.named_values().into_iter().zip(wanted.named_values()) {
            if b != a {
                ctx.audit(
                    &NewEntry::new(
                        ctx.actor.audit_name(),
                        Action::SettingChanged,
                        ("setting", name),
                        &ctx.actor.address,
                        now,
                    )
                    .change(b, a),
                )?;
            }
        }
        Ok(())
    })
}
