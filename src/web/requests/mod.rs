//! Support requests: the wizard that creates them, the queue and page where
//! support agents settle them, and the quotes they carry.

pub mod detail;
pub mod queue;
pub mod settle;
pub mod wizard;
