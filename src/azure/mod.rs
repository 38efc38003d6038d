//! The connection to Azure: Entra ID for tokens, Partner Center for the
//! partner's customers, Azure Resource Manager for their reservations.
//! The settings and their end-to-end check, a client for the three
//! services, the sync that reads a partner's book of business, and
//! `AzureSystem`, the implementation of `app::system::ReservationSystem`
//! that carries changes out in Azure; `connection` ties them to a running
//! server.

mod answers;
mod call;
pub mod check;
pub mod client;
pub mod connection;
pub mod model;
pub mod operations;
pub mod settings;
pub mod sync;
pub mod system;
pub mod tenant;
