//! The localisation layer: every text a user reads comes from the Fluent
//! files in `src/i18n/locales/`, and numbers, money and dates are formatted
//! for the reader's language here.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

mod format;

static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en-US",
        // Placeables inside attributes and tables read better without
        // Unicode isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN_US: LanguageIdentifier = langid!("en-US");
static PT_BR: LanguageIdentifier = langid!("pt-BR");

/// The languages the product speaks, first is the default.
pub static SUPPORTED: LazyLock<Vec<LanguageIdentifier>> =
    LazyLock::new(|| vec![EN_US.clone(), PT_BR.clone()]);

/// A reader's language, with the formatting rules that go with it.
#[derive(Debug, Clone)]
pub struct Lang {
    id: LanguageIdentifier,
}

impl Default for Lang {
    fn default() -> Self {
        Lang { id: EN_US.clone() }
    }
}

impl Lang {
    /// Picks the best supported language from an `Accept-Language` header.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let wanted = accept_language.unwrap_or("");
        let mut ranked: Vec<(f32, &str)> = wanted
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!tag.is_empty()).then_some((q, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, tag) in ranked {
            let Ok(id) = tag.parse::<LanguageIdentifier>() else {
                continue;
            };
            if let Some(found) = SUPPORTED.iter().find(|s| {
                s.language == id.language && (id.region.is_none() || s.region == id.region)
            }) {
                return Lang { id: found.clone() };
            }
            if let Some(found) = SUPPORTED.iter().find(|s| s.language == id.language) {
                return Lang { id: found.clone() };
            }
        }
        Lang::default()
    }

    /// The supported language with this exact tag (`en-US`, `pt-BR`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        SUPPORTED
            .iter()
            .find(|l| l.to_string() == tag)
            .map(|id| Lang { id: id.clone() })
    }

    /// Every supported language's tag.
    pub fn tags() -> Vec<String> {
        SUPPORTED.iter().map(|l| l.to_string()).collect()
    }

    fn is_portuguese(&self) -> bool {
        self.id.language == PT_BR.language
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> String {
        self.id.to_string()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.resolved(key).unwrap_or_else(|| key.to_string())
    }

    /// Whether the language has a message `key`.
    pub fn has(&self, key: &str) -> bool {
        self.resolved(key).is_some()
    }

    /// The message `key` without arguments, formatted by Fluent once per
    /// language and then kept: a page asks for dozens of them, and
    /// formatting each one every time was a tenth of a list page. Only
    /// keys the language has are kept, so the memo is bounded by the
    /// message files.
    fn resolved(&self, key: &str) -> Option<String> {
        static KEPT: LazyLock<Vec<RwLock<HashMap<String, String>>>> =
            LazyLock::new(|| SUPPORTED.iter().map(|_| Default::default()).collect());
        let Some(kept) = SUPPORTED
            .iter()
            .position(|l| *l == self.id)
            .map(|i| &KEPT[i])
        else {
            return LOCALES.try_lookup(&self.id, key);
        };
        if let Some(text) = kept.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Some(text.clone());
        }
        let text = LOCALES.try_lookup(&self.id, key)?;
        kept.write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string(), text.clone());
        Some(text)
    }

    /// A stored value the user sees (an enum as the API names it, or an
    /// entry of a fixed list) in this language; the value itself when it
    /// has no message.
    pub fn choice(&self, value: &str) -> String {
        self.resolved(&choice_key(value))
            .unwrap_or_else(|| value.to_string())
    }

    /// A value as the audit log and the Activity log keep it, in this
    /// language: a whole known value (`Succeeded`), or a known head before
    /// `: ` or ` (` (`Single subscription: …`, `Cancelled (2611…)`), or a
    /// known tail after `: ` (`ana@contoso.com: ReservationsReader`); names,
    /// IDs and numbers stay as written.
    pub fn value_text(&self, value: &str) -> String {
        let known = |v: &str| self.has(&choice_key(v)).then(|| self.choice(v));
        if let Some(text) = known(value) {
            return text;
        }
        for separator in [": ", " ("] {
            if let Some((head, rest)) = value.split_once(separator)
                && let Some(text) = known(head)
            {
                return format!("{text}{separator}{rest}");
            }
        }
        if let Some((head, tail)) = value.rsplit_once(": ")
            && let Some(text) = known(tail)
        {
            return format!("{head}: {text}");
        }
        value.to_string()
    }

    /// A message ID with at most one named value, as the domain gives
    /// its reasons.
    pub fn message(&self, (key, value): (&str, Option<(&str, String)>)) -> String {
        match value {
            Some((name, value)) => self.ts(key, name, &value),
            None => self.t(key),
        }
    }

    /// The message `key` with one named argument.
    pub fn ts(&self, key: &str, name: &str, value: &str) -> String {
        self.with_args(key, [(name, FluentValue::from(value.to_string()))])
    }

    /// The message `key` with two named text arguments.
    pub fn ts2(&self, key: &str, a: (&str, &str), b: (&str, &str)) -> String {
        self.with_args(
            key,
            [
                (a.0, FluentValue::from(a.1.to_string())),
                (b.0, FluentValue::from(b.1.to_string())),
            ],
        )
    }

    /// The message `key` with three named text arguments.
    pub fn ts3(&self, key: &str, a: (&str, &str), b: (&str, &str), c: (&str, &str)) -> String {
        self.with_args(
            key,
            [
                (a.0, FluentValue::from(a.1.to_string())),
                (b.0, FluentValue::from(b.1.to_string())),
                (c.0, FluentValue::from(c.1.to_string())),
            ],
        )
    }

    /// The message `key` with one named number (plural rules apply).
    pub fn tn(&self, key: &str, name: &str, value: i64) -> String {
        self.with_args(key, [(name, FluentValue::from(value))])
    }

    /// The message `key` with a count: `$count` for its plural rules and
    /// `$shown`, the count with grouping (`50,000`), to print.
    pub fn tcount(&self, key: &str, value: i64) -> String {
        self.with_args(
            key,
            [
                ("count", FluentValue::from(value)),
                ("shown", FluentValue::from(self.number(value))),
            ],
        )
    }

    fn with_args<const N: usize>(
        &self,
        key: &str,
        args: [(&str, FluentValue<'static>); N],
    ) -> String {
        let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(k, v)| (std::borrow::Cow::Owned(k.to_string()), v))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, key, &args)
            .unwrap_or_else(|| key.to_string())
    }
}

/// Every message ID of a language, for the completeness test.
pub fn message_ids(lang: &str) -> Vec<String> {
    let path = format!(
        "{}/src/i18n/locales/{lang}/main.ftl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let id = id.trim();
            (!id.is_empty() && !line.starts_with([' ', '#', '.', '-'])).then(|| id.to_string())
        })
        .collect()
}

/// The message ID of a stored value: `choice-` and the value in lower case
/// with every run of other characters as one `-` (`America/Sao_Paulo` →
/// `choice-america-sao-paulo`).
pub fn choice_key(value: &str) -> String {
    let mut key = String::from("choice-");
    let mut dash = false;
    for c in value.trim().chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !key.ends_with('-') {
                key.push('-');
            }
            dash = false;
            key.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::Money;
    use crate::domain::utilization::Permille;

    #[test]
    fn kept_messages_are_what_fluent_formats_in_each_language() {
        for tag in ["en-US", "pt-BR"] {
            let lang = Lang::from_tag(tag).expect("supported");
            let file = std::fs::read_to_string(format!("src/i18n/locales/{tag}/main.ftl"))
                .expect("messages");
            let keys: Vec<&str> = file
                .lines()
                .filter_map(|line| line.split_once(" ="))
                .map(|(key, _)| key)
                .filter(|key| key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .collect();
            assert!(keys.len() > 100, "{tag}: {} keys", keys.len());
            for key in keys {
                let fluent = LOCALES.try_lookup(&lang.id, key);
                // Twice: formatted, then kept.
                assert_eq!(lang.resolved(key), fluent, "{tag} {key}");
                assert_eq!(lang.resolved(key), fluent, "{tag} {key}, kept");
            }
            assert_eq!(lang.t("no-such-message"), "no-such-message");
            assert!(!lang.has("no-such-message"));
        }
        assert_ne!(
            Lang::from_tag("en-US").expect("en").t("nav-customers"),
            Lang::from_tag("pt-BR").expect("pt").t("nav-customers"),
            "each language keeps its own"
        );
    }

    #[test]
    fn negotiates_from_accept_language() {
        assert_eq!(Lang::negotiate(None).tag(), "en-US");
        assert_eq!(
            Lang::negotiate(Some("de-DE,de;q=0.9,en;q=0.8")).tag(),
            "en-US"
        );
        assert_eq!(Lang::negotiate(Some("garbage;;;,q=")).tag(), "en-US");
    }

    #[test]
    fn formats_for_english() {
        let en = Lang::default();
        assert_eq!(en.money(&Money::from_cents(5_000_000)), "$50,000.00");
        assert_eq!(en.money(&Money::from_cents(-1234)), "-$12.34");
        assert_eq!(en.number(1_234_567), "1,234,567");
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        assert_eq!(en.date(&day), "Nov 25, 2026");
        assert_eq!(en.percent(&Permille::new(975)), "97.5%");
    }

    #[test]
    fn stored_values_have_keys() {
        assert_eq!(choice_key("America/Sao_Paulo"), "choice-america-sao-paulo");
        assert_eq!(
            choice_key("Service and subscription limits (quotas)"),
            "choice-service-and-subscription-limits-quotas"
        );
        assert_eq!(
            choice_key("ReservationsReader"),
            "choice-reservationsreader"
        );
        assert_eq!(Lang::default().choice("no such value"), "no such value");
        let pt = Lang::from_tag("pt-BR").expect("pt-BR");
        let cases = [
            ("Succeeded", "Ativa"),
            (
                "Cancelled (2611250000000001)",
                "Cancelada (2611250000000001)",
            ),
            (
                "ana@contoso.com: ReservationsReader",
                "ana@contoso.com: Leitor de Reservas",
            ),
            (
                "Single subscription: Prod (1234)",
                "Assinatura única: Prod (1234)",
            ),
            ("vm-prod-eastus-01", "vm-prod-eastus-01"),
            ("12", "12"),
        ];
        for (stored, shown) in cases {
            assert_eq!(pt.value_text(stored), shown, "{stored}");
        }
    }

    #[test]
    fn looks_up_messages_with_arguments() {
        let en = Lang::default();
        assert_eq!(en.t("nav-customers"), "Customers");
        assert_eq!(en.tn("days-left", "days", 1), "1 day left");
        assert_eq!(en.tn("days-left", "days", 12), "12 days left");
        assert_eq!(en.t("no-such-message"), "no-such-message");
    }
}
