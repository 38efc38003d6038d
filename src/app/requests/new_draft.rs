//! What a new request draft starts with: the contact who asks, the
//! fields a refund or an exchange is pre-filled with, and the stored draft
//! (the wizard's and the API's alike).

use crate::app::reservations::record::Record;
use crate::app::{Ctx, Error};
use crate::db::drafts::NewDraft;
use crate::db::keys::UserKey;
use crate::db::{self};
use crate::domain::support::{RequestFields, RequestKind};
use crate::i18n::Lang;

/// Who is asking, as a request's contact information starts.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// Their name as shown (split into first and last name).
    pub name: String,
    /// Their email.
    pub email: String,
}

/// What a refund or an exchange starts with; other requests start blank
/// but for the contact details.
pub(super) fn prefill(
    record: &Record,
    kind: RequestKind,
    contact: &Contact,
    lang: &Lang,
    today: chrono::NaiveDate,
) -> RequestFields {
    let mut names = contact.name.splitn(2, ' ');
    let contact = RequestFields {
        first_name: names.next().unwrap_or_default().to_string(),
        last_name: names.next().unwrap_or_default().to_string(),
        email: contact.email.clone(),
        contact_method: "Email".into(),
        time_zone: "UTC".into(),
        country: record.customer.country.clone(),
        language: lang.tag(),
        ..RequestFields::default()
    };
    if kind == RequestKind::Other {
        return contact;
    }
    let name = &record.reservation.display_name;
    let summary_key = if kind == RequestKind::Refund {
        "request-summary-refund"
    } else {
        "request-summary-exchange"
    };
    RequestFields {
        issue_type: "Billing".into(),
        subscription: record.billing.id.to_string(),
        summary: lang.ts(summary_key, "name", name),
        problem_type: "Reservation management".into(),
        category: "Exchanges and refunds".into(),
        problem_start: today.format("%Y-%m-%d").to_string(),
        severity: "Minimal".into(),
        ..contact
    }
}

/// Stores a new draft of `kind` by `user` about the reservation of
/// `record`, holding `fields`; its token.
pub(super) fn insert(
    ctx: &mut Ctx<'_>,
    user: UserKey,
    record: &Record,
    kind: RequestKind,
    fields: &RequestFields,
) -> Result<String, Error> {
    let token = crate::app::sessions::random_token();
    let now = ctx.clock.now();
    db::drafts::insert(
        ctx.conn,
        &NewDraft {
            token: token.clone(),
            user_id: user,
            reservation_id: record.reservation.id,
            kind,
            data: serde_json::to_string(fields).map_err(Error::internal)?,
            created_at: now,
            updated_at: now,
        },
    )?;
    Ok(token)
}
