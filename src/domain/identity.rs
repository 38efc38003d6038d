//! Who signs in: email addresses, the password policy, and the rule that
//! the partner always keeps an administrator.

use std::fmt;

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Longest display name accepted.
pub const MAX_NAME_CHARS: usize = 100;

/// A syntactically valid email address, lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

/// Why a text is not an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    /// Nothing was typed.
    Empty,
    /// Longer than 254 characters.
    TooLong,
    /// Not of the form `name@domain.tld`.
    Malformed,
}

impl EmailProblem {
    /// Message ID of the explanation.
    pub fn message_id(&self) -> &'static str {
        match self {
            EmailProblem::Empty => "email-empty",
            EmailProblem::TooLong => "email-too-long",
            EmailProblem::Malformed => "email-malformed",
        }
    }
}

impl Email {
    /// Parses an address: trimmed, lower-cased, one `@`, a dotted domain, no
    /// spaces or characters that have no place in an address.
    pub fn parse(text: &str) -> Result<Email, EmailProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailProblem::Empty);
        }
        if text.chars().count() > 254 {
            return Err(EmailProblem::TooLong);
        }
        let lower = text.to_lowercase();
        let (local, domain) = lower.split_once('@').ok_or(EmailProblem::Malformed)?;
        let allowed = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local.is_empty() || local.len() > 64 || !local.chars().all(allowed) || !domain_ok {
            return Err(EmailProblem::Malformed);
        }
        Ok(Email(lower))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than 12 characters.
    TooShort,
    /// More than 256 characters.
    TooLong,
    /// The same as the email address.
    SameAsEmail,
    /// Built on the person's own name or email address.
    ContainsName,
    /// A common password, a word, a keyboard pattern, a date or a repeat:
    /// found within the first ten million guesses of a cracker.
    Guessable,
    /// The same as the current password.
    SameAsCurrent,
    /// The confirmation differs.
    Mismatch,
}

impl PasswordProblem {
    /// Message ID of the explanation.
    pub fn message_id(&self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password-too-short",
            PasswordProblem::TooLong => "password-too-long",
            PasswordProblem::SameAsEmail => "password-same-as-email",
            PasswordProblem::ContainsName => "password-contains-name",
            PasswordProblem::Guessable => "password-guessable",
            PasswordProblem::SameAsCurrent => "password-same-as-current",
            PasswordProblem::Mismatch => "password-mismatch",
        }
    }
}

/// Checks a new password against the policy: its length, then whether it
/// is built on the person's name or email, then how many guesses a cracker
/// would need (zxcvbn's estimate, with the name, the email and the product's
/// own words as what an attacker would try first; score 3 or more).
pub fn check_password(password: &str, email: &str, name: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(PasswordProblem::SameAsEmail);
    }
    let lowered = password.to_lowercase();
    let local = email.split('@').next().unwrap_or("");
    let personal: Vec<String> = std::iter::once(local)
        .chain(local.split(['.', '-', '_', '+']))
        .chain(name.split_whitespace())
        .map(str::to_lowercase)
        .filter(|part| part.chars().count() >= 4)
        .collect();
    if personal.iter().any(|part| lowered.contains(part.as_str())) {
        return Err(PasswordProblem::ContainsName);
    }
    let mut context: Vec<&str> = personal.iter().map(String::as_str).collect();
    context.extend(email.split(['@', '.']));
    context.extend(["partner", "dashboard", "azure", "reservation", "microsoft"]);
    if u8::from(zxcvbn::zxcvbn(password, &context).score()) < 3 {
        return Err(PasswordProblem::Guessable);
    }
    Ok(())
}

/// Whether a change to one user leaves the partner with an enabled admin:
/// `enabled_admins` counts them before the change, `was_admin` / `is_admin`
/// say whether the user is an enabled admin before and after it.
pub fn leaves_an_admin(enabled_admins: i64, was_admin: bool, is_admin: bool) -> bool {
    !(was_admin && !is_admin && enabled_admins <= 1)
}

/// A display name: trimmed, 1 to 100 characters, no control characters.
pub fn check_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        Err("name-empty")
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err("name-too-long")
    } else if name.chars().any(char::is_control) {
        Err("name-malformed")
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let ok = [
            ("Agent@Partner.Example", "agent@partner.example"),
            (
                "  o'brien+ops@mail.contoso.com ",
                "o'brien+ops@mail.contoso.com",
            ),
            ("a.b-c@x-y.io", "a.b-c@x-y.io"),
        ];
        for (input, expected) in ok {
            assert_eq!(
                Email::parse(input).map(|e| e.to_string()),
                Ok(expected.to_string()),
                "{input}"
            );
        }
        let bad = [
            ("", EmailProblem::Empty),
            ("   ", EmailProblem::Empty),
            ("no-at-sign", EmailProblem::Malformed),
            ("two@@ats.com", EmailProblem::Malformed),
            ("a@nodot", EmailProblem::Malformed),
            ("a@.start.com", EmailProblem::Malformed),
            ("a@double..dot.com", EmailProblem::Malformed),
            ("sp ace@x.com", EmailProblem::Malformed),
            ("<script>@x.com", EmailProblem::Malformed),
            ("\"q\"@x.com", EmailProblem::Malformed),
        ];
        for (input, problem) in bad {
            assert_eq!(Email::parse(input), Err(problem), "{input:?}");
        }
        let long = format!("{}@x.com", "a".repeat(300));
        assert_eq!(Email::parse(&long), Err(EmailProblem::TooLong));
    }

    #[test]
    fn password_policy() {
        let cases = [
            ("short", Err(PasswordProblem::TooShort)),
            ("elevenchars", Err(PasswordProblem::TooShort)),
            ("violet orbit quarry 42", Ok(())),
            ("ünïcödé-pässwörd-quietly", Ok(())),
            ("agent@partner.example", Err(PasswordProblem::SameAsEmail)),
            ("password1234", Err(PasswordProblem::Guessable)),
            ("qwertyuiop123", Err(PasswordProblem::Guessable)),
            ("aaaaaaaaaaaaaaaa", Err(PasswordProblem::Guessable)),
            ("Ada-Lovelace-1815!", Err(PasswordProblem::ContainsName)),
            ("x-agent-blue-river-9", Err(PasswordProblem::ContainsName)),
        ];
        for (password, expected) in cases {
            assert_eq!(
                check_password(password, "agent@partner.example", "Ada Lovelace"),
                expected,
                "{password}"
            );
        }
        assert_eq!(
            check_password(&"x".repeat(257), "a@b.c", "A"),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check_password(&format!("{}Qz4!", "xq7#Lm2$Vb9!".repeat(21)), "a@b.c", "A"),
            Ok(())
        );
    }

    #[test]
    fn the_last_admin_stays() {
        // (enabled admins, was admin, is admin) → allowed
        let cases = [
            (1, true, false, false),
            (2, true, false, true),
            (1, true, true, true),
            (1, false, false, true),
            (0, false, true, true),
        ];
        for (admins, was, is, allowed) in cases {
            assert_eq!(
                leaves_an_admin(admins, was, is),
                allowed,
                "{admins} {was} {is}"
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(check_name("  Ana Souza "), Ok("Ana Souza".to_string()));
        assert_eq!(check_name(""), Err("name-empty"));
        assert_eq!(check_name(&"n".repeat(101)), Err("name-too-long"));
        assert_eq!(check_name("bad\u{0}name"), Err("name-malformed"));
    }
}
