//! Every text a page shows comes from the message files: every message ID a
//! template or handler asks for exists, and templates hold no bare sentences.

use std::collections::BTreeSet;
use std::path::Path;

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Quoted strings that look like message IDs (`word-word`) in the text.
fn quoted_ids(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.len() > 2
                && s.contains('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.starts_with('-')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_message_asked_for_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let known: BTreeSet<String> = partner_dashboard::i18n::message_ids("en-US")
        .into_iter()
        .collect();
    assert!(known.len() > 100, "{} messages", known.len());
    let mut sources = Vec::new();
    files(&root.join("templates"), "html", &mut sources);
    let mut missing = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).expect("read");
        for part in text
            .split("ctx.t(\"")
            .skip(1)
            .chain(text.split("ctx.tn(\"").skip(1))
            .chain(text.split("ctx.ts(\"").skip(1))
        {
            let id = part.split('"').next().unwrap_or_default();
            if !known.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
        // A field macro's label is its second argument.
        for part in text.split("{% call fields::").skip(1) {
            let id = part.split('"').nth(3).unwrap_or_default();
            if !known.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    // Message IDs handed to templates from Rust (notices, errors, labels).
    let mut rust = Vec::new();
    files(&root.join("src/web"), "rs", &mut rust);
    files(&root.join("src/app"), "rs", &mut rust);
    let prefixes = [
        "notice-",
        "error-",
        "col-",
        "lookup-",
        "sign-in-",
        "status-",
        "blade-",
        "tab-",
        "nav-",
        "access-",
        "agent-",
        "settle-",
        "reject-",
        "password-",
        "email-",
        "quote-",
    ];
    for path in &rust {
        let text = std::fs::read_to_string(path).expect("read");
        for id in quoted_ids(&text) {
            if prefixes.iter().any(|p| id.starts_with(p))
                && !id.ends_with('-')
                && !known.contains(&id)
            {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages missing from en-US: {missing:#?}"
    );
}

#[test]
fn templates_hold_no_bare_sentences() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("templates"), "html", &mut sources);
    let mut offenders = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).expect("read");
        // Text between tags, with template expressions and tags removed.
        let mut outside = String::new();
        let mut depth_tag = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '<' => depth_tag = true,
                '>' => {
                    depth_tag = false;
                    outside.push(' ');
                }
                '{' if matches!(chars.peek(), Some('{') | Some('%') | Some('#')) => {
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                    }
                    outside.push(' ');
                }
                _ if !depth_tag => outside.push(c),
                _ => {}
            }
        }
        for word in outside.split_whitespace() {
            if word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                offenders.push(format!("{}: {word}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "words outside the localisation layer: {offenders:#?}"
    );
}

#[test]
fn every_message_exists_in_both_languages() {
    let english: BTreeSet<String> = partner_dashboard::i18n::message_ids("en-US")
        .into_iter()
        .collect();
    let portuguese: BTreeSet<String> = partner_dashboard::i18n::message_ids("pt-BR")
        .into_iter()
        .collect();
    let only_english: Vec<_> = english.difference(&portuguese).collect();
    let only_portuguese: Vec<_> = portuguese.difference(&english).collect();
    assert!(
        only_english.is_empty(),
        "missing in pt-BR: {only_english:?}"
    );
    assert!(
        only_portuguese.is_empty(),
        "missing in en-US: {only_portuguese:?}"
    );
    assert!(english.len() > 400);
}

/// Every value a user can see (each enum variant and each entry of the
/// wizard's fixed lists) and every audit action has a message in both
/// languages.
#[test]
fn every_value_the_user_sees_has_a_message_in_both_languages() {
    use partner_dashboard::db::audit::Action;
    use partner_dashboard::domain::reservation::{
        BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, ScopeType, Term,
    };
    use partner_dashboard::domain::roles::{AgentRole, ReservationRole};
    use partner_dashboard::domain::support::{
        CATEGORIES, CONTACT_METHODS, COUNTRIES, ISSUE_TYPES, LANGUAGES, PROBLEM_TYPES, RequestKind,
        RequestStatus, SEVERITIES, TIME_ZONES,
    };
    use partner_dashboard::i18n::{Lang, choice_key};
    fn names<T: Copy>(all: &[T], name: fn(&T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(name).collect()
    }
    let mut values: Vec<&str> = Vec::new();
    values.extend(names(ResourceType::ALL, ResourceType::as_str));
    values.extend(names(Term::ALL, Term::as_str));
    values.extend(names(BillingPlan::ALL, BillingPlan::as_str));
    values.extend(names(ScopeType::ALL, ScopeType::as_str));
    values.extend(names(ProvisioningState::ALL, ProvisioningState::as_str));
    values.extend(names(InstanceFlexibility::ALL, InstanceFlexibility::as_str));
    values.extend(names(AgentRole::ALL, AgentRole::as_str));
    values.extend(names(ReservationRole::ALL, ReservationRole::as_str));
    values.extend(names(RequestKind::ALL, RequestKind::as_str));
    values.extend(names(RequestStatus::ALL, RequestStatus::as_str));
    for list in [
        ISSUE_TYPES,
        PROBLEM_TYPES,
        CATEGORIES,
        SEVERITIES,
        CONTACT_METHODS,
        TIME_ZONES,
        COUNTRIES,
        LANGUAGES,
    ] {
        values.extend(list.iter().copied());
    }
    assert!(values.len() > 80, "{} values", values.len());
    for tag in ["en-US", "pt-BR"] {
        let lang = Lang::from_tag(tag).expect("language");
        let missing: Vec<&str> = values
            .iter()
            .copied()
            .filter(|v| !lang.has(&choice_key(v)))
            .collect();
        assert!(missing.is_empty(), "{tag}: no message for {missing:?}");
        let actions: Vec<&str> = Action::ALL
            .iter()
            .filter(|a| !lang.has(&a.message_id()))
            .map(|a| a.as_str())
            .collect();
        assert!(
            actions.is_empty(),
            "{tag}: no message for actions {actions:?}"
        );
    }
    // Portuguese says it in Portuguese, not in the stored form.
    let pt = Lang::from_tag("pt-BR").expect("pt-BR");
    for (stored, shown) in [
        ("USA", "Estados Unidos"),
        ("Billing", "Cobrança"),
        ("Succeeded", "Ativa"),
        ("ReservationsReader", "Leitor de Reservas"),
        ("Highest critical impact", "Impacto crítico máximo"),
    ] {
        assert_eq!(pt.choice(stored), shown);
    }
}
