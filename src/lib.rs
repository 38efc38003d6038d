//! Partner Dashboard: a self-hosted, server-rendered web app in which a
//! cloud-solution partner manages its customers' Azure reservations.
//!
//! Layers, each knowing only the one below: [`web`] (handlers and pages) →
//! [`db`] (SQLite through Diesel) → [`domain`] (pure rules and types).

pub mod assets;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod passwords;
pub mod seed;
pub mod startup;
pub mod web;
