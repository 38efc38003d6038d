//! Email alerts: which a user may choose and gets by default, what each
//! alert says (the outbox keeps it as JSON until it is sent), and how long
//! a message that could not be sent waits before the next try.

use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::roles::{AgentRole, Permission};

/// The days before expiry an alert can be asked for.
pub const EXPIRY_DAYS: [u16; 4] = [90, 60, 30, 7];

/// The longest wait between two tries.
pub const LONGEST_WAIT: Duration = Duration::from_secs(3600);

/// The alerts a user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// Days before expiry to be told at, a subset of [`EXPIRY_DAYS`],
    /// largest first.
    pub expiry_days: Vec<u16>,
    /// Reservations newly used under the threshold over the last 7 days.
    pub underused: bool,
    /// New support requests (Support agents).
    pub new_requests: bool,
    /// Their own requests approved or rejected.
    pub settled: bool,
}

/// Which alerts a role may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered {
    /// Expiry of the reservations they see: everyone.
    pub expiry: bool,
    /// Under-use across customers: partner agents.
    pub underused: bool,
    /// New requests: those who settle them.
    pub new_requests: bool,
    /// Their requests settled: whoever may create one.
    pub settled: bool,
}

impl Offered {
    /// What `role` may choose.
    pub fn to(role: AgentRole) -> Offered {
        Offered {
            expiry: true,
            underused: role.may(Permission::ViewCustomers),
            new_requests: role.may(Permission::SettleRequests),
            settled: !role.may(Permission::SettleRequests),
        }
    }
}

impl Choices {
    /// What a user who never chose gets: partner agents are told 30 and 7
    /// days ahead and of what their role works on; customer users subscribe
    /// themselves.
    pub fn defaults_for(role: AgentRole) -> Choices {
        let agent = role.may(Permission::ViewCustomers);
        Choices {
            expiry_days: if agent { vec![30, 7] } else { Vec::new() },
            underused: matches!(role, AgentRole::Admin | AgentRole::Sales),
            new_requests: role.may(Permission::SettleRequests),
            settled: agent && !role.may(Permission::SettleRequests),
        }
    }

    /// Keeps only what `role` may choose.
    pub fn limited_to(mut self, role: AgentRole) -> Choices {
        let offered = Offered::to(role);
        self.underused &= offered.underused;
        self.new_requests &= offered.new_requests;
        self.settled &= offered.settled;
        self
    }

    /// The expiry days as stored: `90,30`.
    pub fn stored_days(&self) -> String {
        self.expiry_days
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The expiry days from their stored form, ignoring anything that is
    /// not one of [`EXPIRY_DAYS`].
    pub fn parse_days(stored: &str) -> Vec<u16> {
        let chosen: Vec<u16> = stored
            .split(',')
            .filter_map(|d| d.trim().parse().ok())
            .collect();
        EXPIRY_DAYS
            .into_iter()
            .filter(|d| chosen.contains(d))
            .collect()
    }
}

/// The day whose expiring reservations an alert of `days` ahead sent
/// `today` names.
pub fn expiry_day(today: NaiveDate, days: u16) -> Option<NaiveDate> {
    today.checked_add_days(chrono::Days::new(u64::from(days)))
}

/// How long to wait before try number `attempts + 1`, after `attempts`
/// failed ones: `base`, doubled at each failure, never over
/// [`LONGEST_WAIT`].
pub fn retry_after(base: Duration, attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    base.saturating_mul(2u32.saturating_pow(doublings))
        .min(LONGEST_WAIT)
        .max(base.min(LONGEST_WAIT))
}

/// What an alert says, kept as JSON in the outbox until it is sent (in the
/// recipient's language, with links built from the site's address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "alert")]
pub enum Alert {
    /// Reservations reaching a chosen number of days before expiry today,
    /// grouped by customer.
    Expiry {
        /// The day the alert is for.
        today: NaiveDate,
        /// By customer.
        customers: Vec<Customer>,
        /// For a customer's user (links lead to their own pages).
        #[serde(default)]
        for_customer: bool,
    },
    /// Reservations used under the threshold over the last 7 days, that
    /// were not the day before.
    Underused {
        /// The day the alert is for.
        today: NaiveDate,
        /// The threshold, in percent.
        threshold_percent: i64,
        /// By customer.
        customers: Vec<Customer>,
    },
    /// A support request was created.
    NewRequest(RequestNote),
    /// A request the recipient created was approved or rejected.
    Settled(RequestNote),
    /// An admin's test of the mail settings.
    Test {
        /// Who asked for it.
        requested_by: String,
    },
}

/// One customer's reservations in an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The customer's row ID (for its link).
    pub id: i64,
    /// Company name.
    pub company: String,
    /// Its reservations, soonest or least used first.
    pub reservations: Vec<Line>,
}

/// A reservation in an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Its GUID (for its link).
    pub guid: String,
    /// Display name.
    pub name: String,
    /// Reserved resource type.
    pub resource_type: String,
    /// Its SKU.
    pub sku: String,
    /// Expiry day.
    pub expiry: NaiveDate,
    /// Days left on the alert's day (expiry alerts).
    pub days_left: i64,
    /// The 7-day average use, in tenths of a percent (under-use alerts).
    pub average_permille: Option<i64>,
}

/// A support request in an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNote {
    /// Its number (for its link).
    pub number: String,
    /// `Refund`, `Exchange` or `Other`.
    pub kind: String,
    /// Its summary.
    pub title: String,
    /// The customer's company name.
    pub company: String,
    /// The reservation's display name.
    pub reservation: String,
    /// Who created it (new requests) or settled it (settled ones).
    pub by: String,
    /// `Open`, `Approved` or `Rejected`.
    pub status: String,
    /// Why it was rejected.
    pub reason: Option<String>,
}

impl Alert {
    /// The stored kind, as the outbox's `kind` column names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Alert::Expiry { .. } => "Expiry",
            Alert::Underused { .. } => "Underused",
            Alert::NewRequest(_) => "NewRequest",
            Alert::Settled(_) => "Settled",
            Alert::Test { .. } => "Test",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_days_parse_to_the_offered_ones_in_order() {
        assert_eq!(Choices::parse_days("7,90,x,45,30,30"), vec![90, 30, 7]);
        assert_eq!(Choices::parse_days(""), Vec::<u16>::new());
    }

    #[test]
    fn defaults_follow_the_role() {
        let support = Choices::defaults_for(AgentRole::Support);
        assert!(support.new_requests && !support.settled && !support.underused);
        let helpdesk = Choices::defaults_for(AgentRole::Helpdesk);
        assert!(!helpdesk.new_requests && helpdesk.settled && !helpdesk.underused);
        assert_eq!(helpdesk.expiry_days, vec![30, 7]);
        let customer = Choices::defaults_for(AgentRole::Customer);
        assert!(customer.expiry_days.is_empty() && !customer.settled);
    }

    #[test]
    fn a_role_keeps_only_what_it_is_offered() {
        let all = Choices {
            expiry_days: vec![90],
            underused: true,
            new_requests: true,
            settled: true,
        };
        let customer = all.clone().limited_to(AgentRole::Customer);
        assert!(!customer.underused && !customer.new_requests && customer.settled);
        let support = all.limited_to(AgentRole::Support);
        assert!(support.underused && support.new_requests && !support.settled);
    }

    #[test]
    fn waits_double_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=9).map(|n| retry_after(base, n).as_secs()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_after(base, 0), base);
        assert_eq!(retry_after(base, i32::MAX), LONGEST_WAIT);
    }

    #[test]
    fn an_alert_round_trips_through_its_stored_form() {
        let alert = Alert::Test {
            requested_by: "admin@partner.example".into(),
        };
        let stored = serde_json::to_string(&alert).expect("json");
        assert!(stored.contains("\"alert\":\"Test\""));
        assert_eq!(serde_json::from_str::<Alert>(&stored).expect("back"), alert);
    }
}
