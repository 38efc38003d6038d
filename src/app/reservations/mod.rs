//! Reservations: the record its pages show, and changing its configuration.

pub mod archive;
pub mod changes;
pub mod configuration;
pub mod merge;
pub mod record;
pub mod reshape;
pub mod revisions;
pub mod scope_names;
pub mod split;
pub mod view;
