//! Email: the SMTP settings, the alerts written out as messages (a plain
//! text and an HTML part, in the recipient's language, with links to the
//! site), and the worker that sends what the outbox holds.

pub mod compose;
pub mod settings;
pub mod worker;

/// The mail settings with their password (from `PD_SMTP_PASSWORD`, given
/// as `env_password`, or the password file), checked as the mail worker
/// will take them; what is wrong, in words.
pub fn checked(
    args: settings::MailArgs,
    env_password: Option<&str>,
) -> Result<settings::MailArgs, String> {
    let args = args.with_password(env_password)?;
    worker::Mailer::from_settings(&args)?;
    Ok(args)
}
