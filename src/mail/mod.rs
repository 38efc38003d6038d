//! Email: the SMTP settings, the alerts written out as messages (a plain
//! text and an HTML part, in the recipient's language, with links to the
//! site), and the worker that sends what the outbox holds.

pub mod compose;
pub mod settings;
pub mod worker;
