//! A support request as created: every field of the wizard checked, and
//! typed where it has a type. Requests keep these details, so approving an
//! exchange reads the replacement chosen, not text to parse again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::reservation::Term;
use super::support::{FieldErrors, RequestFields, RequestKind};

/// The reservation an exchange asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeWanted {
    /// Its SKU.
    pub sku: String,
    /// Its region.
    pub region: String,
    /// Its term.
    pub term: Term,
    /// Its quantity (1 to 1,000).
    pub quantity: i32,
}

impl ExchangeWanted {
    /// The replacement chosen in the wizard's fields, if fully and validly.
    pub fn of(f: &RequestFields) -> Option<ExchangeWanted> {
        let term = Term::parse(&f.new_term)?;
        let quantity = f.new_quantity.trim().parse::<i32>().ok()?;
        let (sku, region) = (f.new_sku.trim(), f.new_region.trim());
        ((1..=1000).contains(&quantity) && !sku.is_empty() && !region.is_empty()).then(|| {
            ExchangeWanted {
                sku: sku.to_string(),
                region: region.to_string(),
                term,
                quantity,
            }
        })
    }
}

/// Who to contact about a request, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Main contact email, checked as an address.
    pub email: String,
    /// Up to five more emails.
    pub additional_emails: Vec<String>,
    /// Phone, when given.
    pub phone: Option<String>,
    /// `Email` or `Phone`.
    pub method: String,
    /// Time zone (IANA name).
    pub time_zone: String,
    /// Country (ISO 3166-1 alpha-3).
    pub country: String,
    /// Support language (BCP 47 tag).
    pub language: String,
}

/// A request's checked details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetails {
    /// Issue type (one of the fixed list).
    pub issue_type: String,
    /// The subscription it is about (a row of the customer's).
    pub subscription: i64,
    /// The request's title.
    pub summary: String,
    /// Problem type.
    pub problem_type: String,
    /// Category (one of the fixed list, e.g. `Exchanges and refunds`).
    pub category: String,
    /// When the problem started (not after the day it was created).
    pub problem_start: NaiveDate,
    /// Severity as the API names it, from `Minimal` to `Highest critical impact`.
    pub severity: String,
    /// What the problem is.
    pub description: String,
    /// For an exchange: the reservation wanted.
    pub exchange: Option<ExchangeWanted>,
    /// Who to contact.
    pub contact: ContactDetails,
}

impl RequestDetails {
    /// Checks every step of `f` for a request of `kind` (the customer's
    /// subscriptions are `subscriptions`); the details, or what is wrong by
    /// field.
    pub fn check(
        f: &RequestFields,
        kind: RequestKind,
        subscriptions: &[i64],
        today: NaiveDate,
    ) -> Result<RequestDetails, FieldErrors> {
        let mut errors = f.check_basics(subscriptions);
        errors.extend(f.check_problem(today));
        errors.extend(f.check_contact());
        let exchange = ExchangeWanted::of(f);
        if kind == RequestKind::Exchange && exchange.is_none() {
            errors.insert("new_sku", "exchange-choose");
        }
        let (Ok(subscription), Ok(problem_start)) = (
            f.subscription.trim().parse::<i64>(),
            NaiveDate::parse_from_str(f.problem_start.trim(), "%Y-%m-%d"),
        ) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RequestDetails {
            issue_type: f.issue_type.clone(),
            subscription,
            summary: f.summary.trim().to_string(),
            problem_type: f.problem_type.clone(),
            category: f.category.clone(),
            problem_start,
            severity: f.severity.clone(),
            description: f.description.trim().to_string(),
            exchange: exchange.filter(|_| kind == RequestKind::Exchange),
            contact: ContactDetails {
                first_name: f.first_name.trim().to_string(),
                last_name: f.last_name.trim().to_string(),
                email: f.email.trim().to_string(),
                additional_emails: f
                    .additional_emails
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                phone: Some(f.phone.trim().to_string()).filter(|p| !p.is_empty()),
                method: f.contact_method.clone(),
                time_zone: f.time_zone.clone(),
                country: f.country.clone(),
                language: f.language.clone(),
            },
        })
    }

    /// The details as the wizard's fields (what pages show).
    pub fn fields(&self) -> RequestFields {
        let c = &self.contact;
        let (new_sku, new_region, new_term, new_quantity) = match &self.exchange {
            Some(e) => (
                e.sku.clone(),
                e.region.clone(),
                e.term.as_str().to_string(),
                e.quantity.to_string(),
            ),
            None => Default::default(),
        };
        RequestFields {
            issue_type: self.issue_type.clone(),
            subscription: self.subscription.to_string(),
            summary: self.summary.clone(),
            problem_type: self.problem_type.clone(),
            category: self.category.clone(),
            problem_start: self.problem_start.format("%Y-%m-%d").to_string(),
            severity: self.severity.clone(),
            description: self.description.clone(),
            new_sku,
            new_region,
            new_term,
            new_quantity,
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            email: c.email.clone(),
            additional_emails: c.additional_emails.join(", "),
            phone: c.phone.clone().unwrap_or_default(),
            contact_method: c.method.clone(),
            time_zone: c.time_zone.clone(),
            country: c.country.clone(),
            language: c.language.clone(),
        }
    }
}

/// Stored details, as pages and approvals read them: the checked details,
/// or, for requests kept before details were checked, the wizard's fields
/// as they were typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredDetails {
    /// Checked at creation.
    Checked(RequestDetails),
    /// As typed (older requests).
    Typed(RequestFields),
}

impl StoredDetails {
    /// Reads what a request keeps.
    pub fn parse(text: &str) -> StoredDetails {
        match serde_json::from_str::<RequestDetails>(text) {
            Ok(details) => StoredDetails::Checked(details),
            Err(_) => StoredDetails::Typed(serde_json::from_str(text).unwrap_or_default()),
        }
    }

    /// The fields to show.
    pub fn fields(&self) -> RequestFields {
        match self {
            StoredDetails::Checked(d) => d.fields(),
            StoredDetails::Typed(f) => f.clone(),
        }
    }

    /// The reservation an exchange asks for, if it names one.
    pub fn exchange(&self) -> Option<ExchangeWanted> {
        match self {
            StoredDetails::Checked(d) => d.exchange.clone(),
            StoredDetails::Typed(f) => ExchangeWanted::of(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> RequestFields {
        RequestFields {
            issue_type: "Billing".into(),
            subscription: "7".into(),
            summary: " Refund of app-dev ".into(),
            problem_type: "Reservation management".into(),
            category: "Exchanges and refunds".into(),
            problem_start: "2026-11-20".into(),
            severity: "Minimal".into(),
            description: "No longer needed.".into(),
            first_name: "Dana".into(),
            last_name: "Reyes".into(),
            email: "dana@contoso.com".into(),
            additional_emails: "a@contoso.com; b@contoso.com".into(),
            contact_method: "Email".into(),
            time_zone: "UTC".into(),
            country: "USA".into(),
            language: "en-US".into(),
            ..RequestFields::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    #[test]
    fn checked_details_are_typed_and_show_as_the_fields_typed() {
        let d =
            RequestDetails::check(&filled(), RequestKind::Refund, &[7], today()).expect("valid");
        assert_eq!(d.subscription, 7);
        assert_eq!(d.summary, "Refund of app-dev");
        assert_eq!(
            d.contact.additional_emails,
            ["a@contoso.com", "b@contoso.com"]
        );
        assert_eq!(d.exchange, None);
        let stored = serde_json::to_string(&d).expect("json");
        assert_eq!(
            StoredDetails::parse(&stored),
            StoredDetails::Checked(d.clone())
        );
        assert_eq!(d.fields().problem_start, "2026-11-20");
    }

    #[test]
    fn an_exchange_needs_its_replacement_and_every_step_is_checked() {
        let mut f = filled();
        let errors = RequestDetails::check(&f, RequestKind::Exchange, &[7], today())
            .expect_err("no replacement");
        assert_eq!(errors.get("new_sku"), Some(&"exchange-choose"));
        f.new_sku = "Standard_D4s_v5".into();
        f.new_region = "eastus".into();
        f.new_term = "P3Y".into();
        f.new_quantity = "2".into();
        let d = RequestDetails::check(&f, RequestKind::Exchange, &[7], today()).expect("valid");
        assert_eq!(
            d.exchange,
            Some(ExchangeWanted {
                sku: "Standard_D4s_v5".into(),
                region: "eastus".into(),
                term: Term::P3Y,
                quantity: 2,
            })
        );
        f.subscription = "8".into();
        f.problem_start = "2026-12-01".into();
        let errors = RequestDetails::check(&f, RequestKind::Exchange, &[7], today())
            .expect_err("another customer's subscription, a future day");
        assert!(errors.contains_key("subscription"));
        assert!(errors.contains_key("problem_start"));
    }

    #[test]
    fn older_requests_keep_showing_what_was_typed() {
        let typed = serde_json::to_string(&filled()).expect("json");
        let stored = StoredDetails::parse(&typed);
        assert!(matches!(stored, StoredDetails::Typed(_)));
        assert_eq!(stored.fields(), filled());
        assert_eq!(
            StoredDetails::parse("{}").fields(),
            RequestFields::default()
        );
    }
}
