//! What a use case can come to besides its outcome. These errors know
//! nothing of HTTP: the web layer decides how each is shown.

use crate::domain::identity::PasswordProblem;
use crate::domain::policy;
use crate::domain::roles::GrantRefusal;

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such object, or not one this user may know about.
    #[error("not found")]
    NotFound,
    /// The acting user's role or rights do not allow this.
    #[error("not allowed")]
    Forbidden,
    /// Allowed in general, but refused in this case; the reason says why.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The input was not valid; the message ID says why.
    #[error("invalid input: {0}")]
    Invalid(&'static str),
    /// The system of record is too busy (a lock held too long, every
    /// connection in use, or the remote side throttling): try again soon.
    #[error("busy")]
    Busy,
    /// Another node's transaction changed what this one read, and it kept
    /// doing so however often this one was run again: try again soon.
    #[error("conflicting change")]
    Conflict,
    /// A bug or an outage.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A refusal's reason, each with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The refund and exchange policy says no.
    Policy(policy::Refusal),
    /// The request was settled already.
    NotOpen,
    /// Requests other than refunds and exchanges are settled outside.
    OtherKind,
    /// A role may not be granted to this person.
    Grant(GrantRefusal),
    /// The person holds this role already.
    AlreadyAssigned,
    /// Removing this would leave the reservation without an Owner.
    LastOwner,
    /// The new password is not acceptable.
    Password(PasswordProblem),
    /// The current password given was wrong.
    WrongPassword,
    /// Another user has this email already.
    EmailTaken,
    /// The change would leave no enabled admin; the agent's email.
    LastAdmin(String),
    /// A sync with Azure is running already.
    SyncRunning,
    /// The dashboard is not connected to Azure.
    NotConnected,
    /// Azure refused the change, in its own words.
    Azure(RemoteRefusal),
    /// Another agent is settling this request right now.
    BeingSettled,
    /// Only a reservation that has ended (expired, cancelled or exchanged)
    /// can be archived.
    NotEnded,
    /// A split cannot be made, and why.
    Split(crate::domain::lifecycle::SplitRefusal),
    /// A merge cannot be made, and why.
    Merge(crate::domain::lifecycle::MergeRefusal),
    /// A reservation involved has an open support request.
    OpenRequest,
    /// Reservations come from Azure's sync: no file is imported.
    ImportConnected,
    /// The file has problems: nothing of it is imported.
    ImportProblems,
    /// The upload was imported, or is being imported, already.
    ImportDone,
    /// Another upload is being imported right now.
    ImportRunning,
}

/// What a remote system of record said when it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteRefusal {
    /// Its message, shown to the user as it is.
    pub message: String,
    /// Its error code (logged, audited).
    pub code: Option<String>,
    /// Its correlation ID, to find the call in its logs.
    pub correlation_id: Option<String>,
    /// The change may have been carried out all the same (the answer was
    /// lost, or it was still running): nothing is recorded here, and the
    /// next sync shows what Azure did.
    pub uncertain: bool,
}

impl Refusal {
    /// The message ID of the reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            Refusal::Policy(r) => r.message_id(),
            Refusal::NotOpen => "settle-not-open",
            Refusal::OtherKind => "settle-other-kind",
            Refusal::Grant(r) => r.message_id(),
            Refusal::AlreadyAssigned => "access-duplicate",
            Refusal::LastOwner => "access-last-owner",
            Refusal::Password(p) => p.message_id(),
            Refusal::WrongPassword => "password-current-wrong",
            Refusal::EmailTaken => "email-taken",
            Refusal::LastAdmin(_) => "agent-last-admin",
            Refusal::SyncRunning => "sync-running",
            Refusal::NotConnected => "sync-not-connected",
            Refusal::Azure(_) => "azure-refused",
            Refusal::BeingSettled => "settle-in-progress",
            Refusal::NotEnded => "archive-not-ended",
            Refusal::Split(r) => r.message_id(),
            Refusal::Merge(r) => r.message_id(),
            Refusal::OpenRequest => "reshape-open-request",
            Refusal::ImportConnected => "import-connected-refused",
            Refusal::ImportProblems => "import-has-problems",
            Refusal::ImportDone => "import-done-already",
            Refusal::ImportRunning => "import-running",
        }
    }
}

impl Error {
    /// Wraps an unexpected failure.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Error::Internal(cause.to_string())
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(r)
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            ref conflict if crate::db::connection::is_conflict(conflict) => Error::Conflict,
            diesel::result::Error::DatabaseError(_, ref info) if is_busy(info.message()) => {
                tracing::warn!(cause = %e, "database busy");
                Error::Busy
            }
            other => Error::Internal(format!("database: {other}")),
        }
    }
}

impl crate::db::WriteError for Error {
    fn is_conflict(&self) -> bool {
        matches!(self, Error::Conflict)
    }
}

impl From<diesel::r2d2::PoolError> for Error {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        // Every connection stayed busy past the pool's timeout: overloaded.
        tracing::warn!(cause = %e, "no database connection free");
        Error::Busy
    }
}

/// SQLite's words for a lock held past the busy timeout.
fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database table is locked")
}
