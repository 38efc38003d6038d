//! Pure rules and types of the product: identifiers, money, reservations,
//! scopes, roles, utilization. No web framework, no database, no clock:
//! "today" is always a parameter.

pub mod advice;
pub mod alerts;
pub mod audit;
pub mod dates;
pub mod identity;
pub mod ids;
pub mod import;
pub mod lifecycle;
pub mod money;
pub mod policy;
pub mod purchase;
pub mod remote;
pub mod renewal;
pub mod request_details;
pub mod reservation;
pub mod roles;
pub mod scope;
pub mod support;
pub mod utilization;
