//! Support requests: drafts that become requests, and their settlement.

pub mod drafts;
pub mod exchange;
pub mod settle;
pub mod view;

pub use settle::{Approved, Reason, approve, close_ended, reject};
