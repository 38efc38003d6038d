//! An alert written out as an email in the recipient's language: its
//! subject, a plain-text part and an HTML part (the same `Letter` rendered
//! by `templates/email/letter.txt` and `letter.html`), with absolute links
//! built from the site's address.

use askama::Template;

use crate::domain::alerts::{Alert, Customer, RequestNote};
use crate::domain::utilization::Permille;
use crate::i18n::Lang;
use crate::web::paths;

/// A written email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    /// The subject (one line).
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

/// What both parts of an email say.
#[derive(Template)]
#[template(path = "email/letter.html")]
struct Letter {
    lang: String,
    product: String,
    heading: String,
    intro: String,
    sections: Vec<Section>,
    facts: Vec<(String, String)>,
    action: Option<(String, String)>,
    footer: String,
    settings: (String, String),
}

/// The same, as plain text.
#[derive(Template)]
#[template(path = "email/letter.txt")]
struct PlainLetter<'a> {
    letter: &'a Letter,
}

/// A customer's reservations in an email.
struct Section {
    title: String,
    link: String,
    rows: Vec<Row>,
}

/// A reservation in an email.
struct Row {
    name: String,
    link: String,
    details: String,
}

/// Writes `alert` in `lang`, linking to pages under `site` (no trailing
/// slash).
pub fn compose(alert: &Alert, lang: &Lang, site: &str) -> Result<Composed, askama::Error> {
    let url = |path: &str| format!("{site}{path}");
    let (subject, heading, intro, sections, facts, action) = match alert {
        Alert::Expiry {
            customers,
            for_customer,
            ..
        } => {
            let count = count(customers);
            // A customer's user reaches their reservations from their own list.
            let (list_key, list) = if *for_customer {
                ("email-open-mine", paths::MY_RESERVATIONS)
            } else {
                ("email-open-expiring", paths::EXPIRING)
            };
            (
                lang.tn("email-expiry-subject", "count", count),
                lang.t("email-expiry-heading"),
                lang.t("email-expiry-intro"),
                sections(customers, lang, (&url, !*for_customer), |line| {
                    format!(
                        "{} · {} · {} · {}",
                        lang.choice(&line.resource_type),
                        line.sku,
                        lang.ts("email-expires-on", "date", &lang.date(&line.expiry)),
                        lang.tn("email-days-left", "days", line.days_left)
                    )
                }),
                Vec::new(),
                Some((lang.t(list_key), url(list))),
            )
        }
        Alert::Underused {
            customers,
            threshold_percent,
            ..
        } => (
            lang.tn("email-underused-subject", "count", count(customers)),
            lang.t("email-underused-heading"),
            lang.ts(
                "email-underused-intro",
                "percent",
                &lang.percent(&Permille::new(threshold_percent * 10)),
            ),
            sections(customers, lang, (&url, true), |line| {
                let used = line
                    .average_permille
                    .map(|p| lang.percent(&Permille::new(p)))
                    .unwrap_or_default();
                format!(
                    "{} · {} · {}",
                    lang.choice(&line.resource_type),
                    line.sku,
                    lang.ts("email-used-over-week", "percent", &used)
                )
            }),
            Vec::new(),
            Some((lang.t("email-open-underused"), url(paths::UNDERUSED))),
        ),
        Alert::NewRequest(note) => (
            lang.ts2(
                "email-new-request-subject",
                ("number", &note.number),
                ("title", &note.title),
            ),
            lang.t("email-new-request-heading"),
            lang.ts("email-new-request-intro", "by", &note.by),
            Vec::new(),
            facts(note, lang),
            Some((
                lang.t("email-open-request"),
                url(&paths::request(&note.number)),
            )),
        ),
        Alert::Settled(note) => {
            let key = if note.status == "Approved" {
                "email-settled-subject-approved"
            } else {
                "email-settled-subject-rejected"
            };
            (
                lang.ts(key, "number", &note.number),
                lang.ts(
                    "email-settled-heading",
                    "status",
                    &lang.choice(&note.status),
                ),
                lang.ts("email-settled-intro", "by", &note.by),
                Vec::new(),
                facts(note, lang),
                Some((
                    lang.t("email-open-request"),
                    url(&paths::request(&note.number)),
                )),
            )
        }
        Alert::Test { requested_by } => (
            lang.t("email-test-subject"),
            lang.t("email-test-heading"),
            lang.ts("email-test-intro", "by", requested_by),
            Vec::new(),
            Vec::new(),
            Some((lang.t("email-open-outbox"), url(paths::ADMIN_OUTBOX))),
        ),
    };
    let letter = Letter {
        lang: lang.tag(),
        product: lang.t("product-name"),
        heading,
        intro,
        sections,
        facts,
        action,
        footer: lang.t("email-footer"),
        settings: (lang.t("email-change-alerts"), url(paths::ACCOUNT_ALERTS)),
    };
    Ok(Composed {
        subject: one_line(&subject),
        text: PlainLetter { letter: &letter }.render()?,
        html: letter.render()?,
    })
}

/// How many reservations an alert names.
fn count(customers: &[Customer]) -> i64 {
    customers.iter().map(|c| c.reservations.len() as i64).sum()
}

/// The customers' sections; `agent`: whether the customer's own page may
/// be linked (a customer's user has none).
fn sections(
    customers: &[Customer],
    lang: &Lang,
    (url, agent): (&impl Fn(&str) -> String, bool),
    details: impl Fn(&crate::domain::alerts::Line) -> String,
) -> Vec<Section> {
    customers
        .iter()
        .map(|c| Section {
            title: c.company.clone(),
            link: if agent {
                url(&paths::customer(c.id))
            } else {
                String::new()
            },
            rows: c
                .reservations
                .iter()
                .map(|line| Row {
                    name: if line.name.is_empty() {
                        lang.t("email-unnamed")
                    } else {
                        line.name.clone()
                    },
                    link: url(&format!("/reservations/{}", line.guid)),
                    details: details(line),
                })
                .collect(),
        })
        .collect()
}

fn facts(note: &RequestNote, lang: &Lang) -> Vec<(String, String)> {
    let mut facts = vec![
        (lang.t("email-fact-number"), note.number.clone()),
        (lang.t("email-fact-kind"), lang.choice(&note.kind)),
        (lang.t("email-fact-summary"), note.title.clone()),
        (lang.t("email-fact-customer"), note.company.clone()),
        (lang.t("email-fact-reservation"), note.reservation.clone()),
        (lang.t("email-fact-status"), lang.choice(&note.status)),
    ];
    if let Some(reason) = &note.reason {
        facts.push((lang.t("email-fact-reason"), reason.clone()));
    }
    facts
}

/// A subject on one line: control characters (a line break would end the
/// header) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::alerts::Line;

    fn lang(tag: &str) -> Lang {
        Lang::from_tag(tag).expect("language")
    }

    fn expiry() -> Alert {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        Alert::Expiry {
            today: NaiveDate::from_ymd_opt(2026, 11, 25).expect("day"),
            for_customer: false,
            customers: vec![Customer {
                id: 7,
                company: "Fabrikam <R&D>".into(),
                reservations: vec![Line {
                    guid: "0b9c0c8e-6d43-4bd7-9f4b-3b0e4a3f1c11".into(),
                    name: "vm_d2s_v5".into(),
                    resource_type: "VirtualMachines".into(),
                    sku: "Standard_D2s_v5".into(),
                    expiry: day,
                    days_left: 7,
                    average_permille: None,
                }],
            }],
        }
    }

    #[test]
    fn an_expiry_alert_has_both_parts_with_absolute_links_in_english_and_portuguese() {
        let site = "https://dashboard.example";
        let en = compose(&expiry(), &lang("en-US"), site).expect("written");
        assert_eq!(en.subject, "1 reservation reaches an expiry alert");
        assert!(en.text.contains("Fabrikam <R&D>"), "{}", en.text);
        assert!(en.text.contains("7 days left"));
        assert!(en.text.contains(
            "https://dashboard.example/reservations/0b9c0c8e-6d43-4bd7-9f4b-3b0e4a3f1c11"
        ));
        assert!(en.text.contains("https://dashboard.example/account/alerts"));
        assert!(
            en.html.contains("Fabrikam &#60;R&#38;D&#62;")
                || en.html.contains("Fabrikam &lt;R&amp;D&gt;"),
            "{}",
            en.html
        );
        assert!(
            en.html
                .contains("href=\"https://dashboard.example/customers/7\"")
        );
        assert!(en.html.contains("lang=\"en-US\""));
        let pt = compose(&expiry(), &lang("pt-BR"), site).expect("written");
        assert_eq!(pt.subject, "1 reserva chega a um alerta de expiração");
        assert!(pt.text.contains("faltam 7 dias"));
        assert!(pt.text.contains("expira em 02/12/2026"));
        assert!(pt.html.contains("lang=\"pt-BR\""));
    }

    #[test]
    fn a_subject_stays_on_one_line_whatever_the_request_title_holds() {
        let note = RequestNote {
            number: "2611250001".into(),
            kind: "Refund".into(),
            title: "Refund\r\nBcc: someone@example.com".into(),
            company: "Contoso".into(),
            reservation: "vm".into(),
            by: "helpdesk@partner.example".into(),
            status: "Open".into(),
            reason: None,
        };
        let written =
            compose(&Alert::NewRequest(note), &lang("en-US"), "http://x").expect("written");
        assert!(!written.subject.contains('\r') && !written.subject.contains('\n'));
        assert!(
            written
                .subject
                .starts_with("New support request 2611250001: Refund")
        );
        assert!(written.text.contains("http://x/requests/2611250001"));
    }
}
