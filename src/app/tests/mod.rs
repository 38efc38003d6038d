//! Tests of the service layer without HTTP: each use case called directly
//! on a test store with a fixed clock, for its refusals, its conflicts, its
//! audit entries and its single transaction.

mod access;
mod advice;
mod agents;
mod alerts;
mod archive;
mod configuration;
mod drafts;
mod outbox;
mod purchase_failures;
mod purchases;
mod reads;
mod renewals;
mod reshape;
mod revisions;
mod sessions;
mod settings;
mod settle;
mod sync;
mod throttle;
