//! The connection to Azure: Entra ID for tokens, Partner Center for the
//! partner's customers, Azure Resource Manager for their reservations.
//! It becomes the second implementation of `app::system::ReservationSystem`
//! and the source of the sync; so far it holds the settings, a client for
//! the three services and the end-to-end check of the settings.

mod answers;
pub mod check;
pub mod client;
pub mod connection;
pub mod model;
pub mod operations;
pub mod settings;
pub mod sync;
pub mod system;
