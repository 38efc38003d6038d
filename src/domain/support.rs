//! Support requests: their kinds, statuses, the wizard's fields and the
//! checks each step makes before the next one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::identity::Email;
use super::reservation::api_enum;

api_enum!(
    /// What a request asks for.
    RequestKind {
        /// A refund (cancellation).
        Refund => "Refund",
        /// An exchange for another reservation.
        Exchange => "Exchange",
        /// Any other question about the reservation.
        Other => "Other",
    }
);

api_enum!(
    /// Where a request stands.
    RequestStatus {
        /// Waiting for a support agent.
        Open => "Open",
        /// Approved; its refund or exchange is booked.
        Approved => "Approved",
        /// Rejected, with a reason.
        Rejected => "Rejected",
        /// Closed without a decision needed.
        Completed => "Completed",
    }
);

/// Issue types (step 1).
pub const ISSUE_TYPES: &[&str] = &[
    "Billing",
    "Technical",
    "Subscription management",
    "Service and subscription limits (quotas)",
];
/// Problem types (step 2).
pub const PROBLEM_TYPES: &[&str] = &[
    "Reservation management",
    "Reservation utilization",
    "Invoice and payments",
    "Other",
];
/// Categories (step 2).
pub const CATEGORIES: &[&str] = &[
    "Exchanges and refunds",
    "Scope and configuration",
    "Renewal",
    "Other",
];
/// Severities, as the API names them.
pub const SEVERITIES: &[&str] = &["Minimal", "Moderate", "Critical", "Highest critical impact"];
/// Preferred contact methods.
pub const CONTACT_METHODS: &[&str] = &["Email", "Phone"];
/// Time zones offered.
pub const TIME_ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "America/Toronto",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
];
/// Countries offered (ISO 3166-1 alpha-3).
pub const COUNTRIES: &[&str] = &[
    "USA", "BRA", "GBR", "DEU", "FRA", "CAN", "AUS", "JPN", "NLD", "ESP", "MEX", "PRT", "IND",
];
/// Support languages offered.
pub const LANGUAGES: &[&str] = &["en-US", "pt-BR"];

/// Everything the wizard asks, as typed. Stored as the draft; checked step
/// by step; attached to the request when it is created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestFields {
    /// Step 1: issue type.
    pub issue_type: String,
    /// Step 1: subscription (row ID as text).
    pub subscription: String,
    /// Step 1: summary (the request's title).
    pub summary: String,
    /// Step 2: problem type.
    pub problem_type: String,
    /// Step 2: category.
    pub category: String,
    /// Step 2: when the problem started (YYYY-MM-DD).
    pub problem_start: String,
    /// Step 2: severity.
    pub severity: String,
    /// Step 2: description.
    pub description: String,
    /// Step 2, exchange: new SKU.
    pub new_sku: String,
    /// Step 2, exchange: new region.
    pub new_region: String,
    /// Step 2, exchange: new term (`P1Y`…).
    pub new_term: String,
    /// Step 2, exchange: new quantity.
    pub new_quantity: String,
    /// Step 3: first name.
    pub first_name: String,
    /// Step 3: last name.
    pub last_name: String,
    /// Step 3: email.
    pub email: String,
    /// Step 3: more emails, comma-separated.
    pub additional_emails: String,
    /// Step 3: phone.
    pub phone: String,
    /// Step 3: `Email` or `Phone`.
    pub contact_method: String,
    /// Step 3: time zone.
    pub time_zone: String,
    /// Step 3: country (alpha-3).
    pub country: String,
    /// Step 3: support language.
    pub language: String,
}

/// Field name → message ID of what is wrong with it.
pub type FieldErrors = BTreeMap<&'static str, &'static str>;

fn text(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 {
        errors.insert(field, "field-required");
    } else if n > max {
        errors.insert(field, "field-too-long");
    }
}

fn one_of(errors: &mut FieldErrors, field: &'static str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        errors.insert(field, "field-choose");
    }
}

impl RequestFields {
    /// Step 1: issue type, one of the customer's subscriptions, a summary.
    pub fn check_basics(&self, subscriptions: &[i64]) -> FieldErrors {
        let mut e = FieldErrors::new();
        one_of(&mut e, "issue_type", &self.issue_type, ISSUE_TYPES);
        if !self
            .subscription
            .parse::<i64>()
            .is_ok_and(|s| subscriptions.contains(&s))
        {
            e.insert("subscription", "field-choose");
        }
        text(&mut e, "summary", &self.summary, 140);
        e
    }

    /// Step 2: problem type, category, a start day not in the future,
    /// severity and a description.
    pub fn check_problem(&self, today: NaiveDate) -> FieldErrors {
        let mut e = FieldErrors::new();
        one_of(&mut e, "problem_type", &self.problem_type, PROBLEM_TYPES);
        one_of(&mut e, "category", &self.category, CATEGORIES);
        match NaiveDate::parse_from_str(self.problem_start.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                e.insert("problem_start", "problem-start-future");
            }
            Ok(_) => {}
            Err(_) => {
                e.insert("problem_start", "problem-start-invalid");
            }
        }
        one_of(&mut e, "severity", &self.severity, SEVERITIES);
        text(&mut e, "description", &self.description, 5000);
        e
    }

    /// Step 3: names, email(s), phone when asked to call, and the choices.
    pub fn check_contact(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        text(&mut e, "first_name", &self.first_name, 60);
        text(&mut e, "last_name", &self.last_name, 60);
        if let Err(p) = Email::parse(&self.email) {
            e.insert("email", p.message_id());
        }
        let extra: Vec<&str> = self
            .additional_emails
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if extra.len() > 5 || extra.iter().any(|a| Email::parse(a).is_err()) {
            e.insert("additional_emails", "additional-emails-invalid");
        }
        let phone = self.phone.trim();
        let phone_ok = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
            && (6..=20).contains(&phone.chars().filter(char::is_ascii_digit).count());
        if !phone.is_empty() && !phone_ok {
            e.insert("phone", "phone-invalid");
        }
        one_of(
            &mut e,
            "contact_method",
            &self.contact_method,
            CONTACT_METHODS,
        );
        if self.contact_method == "Phone" && phone.is_empty() {
            e.insert("phone", "phone-required");
        }
        one_of(&mut e, "time_zone", &self.time_zone, TIME_ZONES);
        one_of(&mut e, "country", &self.country, COUNTRIES);
        one_of(&mut e, "language", &self.language, LANGUAGES);
        e
    }
}

/// A request number: the day and a sequence, as support reads it out.
pub fn request_number(today: NaiveDate, id: i64) -> String {
    format!("{}{:010}", today.format("%y%m%d"), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn complete() -> RequestFields {
        RequestFields {
            issue_type: "Billing".into(),
            subscription: "7".into(),
            summary: "Refund vm-prod".into(),
            problem_type: "Reservation management".into(),
            category: "Exchanges and refunds".into(),
            problem_start: "2026-11-20".into(),
            severity: "Moderate".into(),
            description: "No longer needed.".into(),
            first_name: "Ana".into(),
            last_name: "Souza".into(),
            email: "ana@partner.example".into(),
            contact_method: "Email".into(),
            time_zone: "America/Sao_Paulo".into(),
            country: "BRA".into(),
            language: "pt-BR".into(),
            ..RequestFields::default()
        }
    }

    #[test]
    fn a_complete_request_passes_every_step() {
        let f = complete();
        assert!(f.check_basics(&[7]).is_empty());
        assert!(f.check_problem(day(2026, 11, 25)).is_empty());
        assert!(f.check_contact().is_empty());
    }

    #[test]
    fn each_step_names_the_fields_that_are_wrong() {
        let f = RequestFields {
            subscription: "8".into(),
            summary: "x".repeat(141),
            ..complete()
        };
        let e = f.check_basics(&[7]);
        assert_eq!(e.get("subscription"), Some(&"field-choose"));
        assert_eq!(e.get("summary"), Some(&"field-too-long"));
        let f = RequestFields {
            problem_start: "2026-11-26".into(),
            severity: "Urgent".into(),
            description: "  ".into(),
            ..complete()
        };
        let e = f.check_problem(day(2026, 11, 25));
        assert_eq!(e.get("problem_start"), Some(&"problem-start-future"));
        assert_eq!(e.get("severity"), Some(&"field-choose"));
        assert_eq!(e.get("description"), Some(&"field-required"));
        assert_eq!(
            RequestFields {
                problem_start: "25/11/2026".into(),
                ..complete()
            }
            .check_problem(day(2026, 11, 25))
            .get("problem_start"),
            Some(&"problem-start-invalid")
        );
        let f = RequestFields {
            email: "nope".into(),
            contact_method: "Phone".into(),
            additional_emails: "a@b.co, bad".into(),
            country: "XXX".into(),
            ..complete()
        };
        let e = f.check_contact();
        assert_eq!(e.get("email"), Some(&"email-malformed"));
        assert_eq!(e.get("phone"), Some(&"phone-required"));
        assert_eq!(
            e.get("additional_emails"),
            Some(&"additional-emails-invalid")
        );
        assert_eq!(e.get("country"), Some(&"field-choose"));
        assert_eq!(
            RequestFields {
                phone: "call me".into(),
                ..complete()
            }
            .check_contact()
            .get("phone"),
            Some(&"phone-invalid")
        );
        assert!(
            RequestFields {
                phone: "+55 (11) 91234-5678".into(),
                contact_method: "Phone".into(),
                ..complete()
            }
            .check_contact()
            .is_empty()
        );
    }

    #[test]
    fn numbers_read_like_dates_and_sequences() {
        assert_eq!(request_number(day(2026, 11, 25), 42), "2611250000000042");
    }
}
