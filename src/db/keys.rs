//! Row keys: each table's integer primary key as a type of its own, so a
//! customer's key cannot be passed where a reservation's is meant. They
//! stay in the storage layer's vocabulary; the product's own identifiers
//! (reservation and order GUIDs, tenant IDs) are in `domain::ids`.

use std::fmt;
use std::str::FromStr;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::BigInt;

/// Declares a row key type over `BigInt`.
macro_rules! row_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow,
        )]
        #[diesel(sql_type = BigInt)]
        pub struct $name(pub i64);

        impl<DB: Backend> ToSql<BigInt, DB> for $name
        where
            i64: ToSql<BigInt, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                <i64 as ToSql<BigInt, DB>>::to_sql(&self.0, out)
            }
        }

        impl<DB: Backend> FromSql<BigInt, DB> for $name
        where
            i64: FromSql<BigInt, DB>,
        {
            fn from_sql(value: DB::RawValue<'_>) -> deserialize::Result<Self> {
                <i64 as FromSql<BigInt, DB>>::from_sql(value).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

row_key!(
    /// A row of `users`: an agent or a customer user.
    UserKey
);
row_key!(
    /// A row of `customers`.
    CustomerKey
);
row_key!(
    /// A row of `reservations`.
    ReservationKey
);
row_key!(
    /// A row of `support_requests`.
    RequestKey
);
row_key!(
    /// A row of `reservation_orders`.
    OrderKey
);
row_key!(
    /// A row of `role_assignments`.
    AssignmentKey
);
row_key!(
    /// A row of `request_drafts`.
    DraftKey
);
