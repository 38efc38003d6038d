//! The `reservation_links` table: which reservation became which, by a
//! split, a merge or a renewal.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{reservation_links as links, reservations};
use crate::db::Conn;
use crate::db::keys::ReservationKey;
use crate::domain::ids::ReservationId;
use diesel::OptionalExtension;

/// How one reservation became another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The source was split; the destination is one of its two parts.
    Split,
    /// The source was merged into the destination.
    Merge,
    /// The destination is the source's renewal.
    Renewal,
}

impl LinkKind {
    /// The stored spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            LinkKind::Split => "Split",
            LinkKind::Merge => "Merge",
            LinkKind::Renewal => "Renewal",
        }
    }

    fn parse(text: &str) -> Option<LinkKind> {
        [LinkKind::Split, LinkKind::Merge, LinkKind::Renewal]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A reservation linked to the one asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// How they are linked.
    pub kind: LinkKind,
    /// Whether the other one came from it (true) or it from the other.
    pub onward: bool,
    /// The other reservation.
    pub other: ReservationId,
    /// Its display name.
    pub name: String,
    /// Its quantity.
    pub quantity: i32,
}

/// Records that `source` became (or became part of) `destination`.
pub fn insert(
    conn: &mut Conn,
    source: ReservationKey,
    destination: ReservationKey,
    kind: LinkKind,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(links::table)
        .values((
            links::source_id.eq(source),
            links::destination_id.eq(destination),
            links::kind.eq(kind.as_str()),
            links::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// Whether `source` is linked to `destination` already.
pub fn exists(
    conn: &mut Conn,
    source: ReservationKey,
    destination: ReservationKey,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        links::table
            .filter(links::source_id.eq(source))
            .filter(links::destination_id.eq(destination)),
    ))
    .get_result(conn)
}

/// The renewal of reservation `id`, if it was renewed.
pub fn renewal_of(conn: &mut Conn, id: ReservationKey) -> QueryResult<Option<ReservationKey>> {
    links::table
        .filter(links::source_id.eq(id))
        .filter(links::kind.eq(LinkKind::Renewal.as_str()))
        .select(links::destination_id)
        .first(conn)
        .optional()
}

/// The reservations `id` came from and those that came from it, oldest
/// link first.
pub fn of(conn: &mut Conn, id: ReservationKey) -> QueryResult<Vec<Link>> {
    let onward: Vec<(String, ReservationId, String, i32)> = links::table
        .inner_join(reservations::table.on(reservations::id.eq(links::destination_id)))
        .filter(links::source_id.eq(id))
        .order(links::id)
        .select((
            links::kind,
            reservations::reservation_guid,
            reservations::display_name,
            reservations::quantity,
        ))
        .load(conn)?;
    let back: Vec<(String, ReservationId, String, i32)> = links::table
        .inner_join(reservations::table.on(reservations::id.eq(links::source_id)))
        .filter(links::destination_id.eq(id))
        .order(links::id)
        .select((
            links::kind,
            reservations::reservation_guid,
            reservations::display_name,
            reservations::quantity,
        ))
        .load(conn)?;
    let link = |onward: bool| {
        move |(kind, other, name, quantity): (String, ReservationId, String, i32)| {
            LinkKind::parse(&kind).map(|kind| Link {
                kind,
                onward,
                other,
                name,
                quantity,
            })
        }
    };
    Ok(back
        .into_iter()
        .filter_map(link(false))
        .chain(onward.into_iter().filter_map(link(true)))
        .collect())
}
