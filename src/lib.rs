//! Partner Dashboard: a self-hosted, server-rendered web app in which a
//! cloud-solution partner manages its customers' Azure reservations.
//!
//! Layers, each knowing only the ones below: the entry points ([`startup`],
//! [`cli`]) → [`web`] (routes, handlers, pages) → [`app`] (one function per
//! use case) → [`db`] (SQLite through Diesel) and the system of record
//! ([`app::system`]) → [`domain`] (pure rules and types).

pub mod app;
pub mod assets;
pub mod azure;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod passwords;
pub mod seed;
pub mod startup;
pub mod web;
