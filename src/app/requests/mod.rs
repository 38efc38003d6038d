//! Support requests: drafts that become requests, and their settlement.

pub mod direct;
pub mod drafts;
pub mod exchange;
mod new_draft;
pub mod reject;
pub mod settle;
pub mod view;

pub use reject::{Reason, close_ended, reject};
pub use settle::{Approved, approve};
