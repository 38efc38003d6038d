//! How domain types sit in columns. IDs and enums are stored as text and
//! parsed back into their domain type when read, so a query row holds
//! `ReservationId`, `Term`, `Money` rather than strings. Money is an
//! [`Amount`]: exact decimal text on SQLite, NUMERIC on PostgreSQL.

use std::str::FromStr;

use diesel::Queryable;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{HasSqlType, Nullable, Numeric, SqlType, Text};
use diesel::sqlite::{Sqlite, SqliteValue};
use rust_decimal::Decimal;

use super::MultiBackend;

use crate::domain::audit::Action;
use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use crate::domain::money::Money;
use crate::domain::reservation::{
    BillingPlan, Closure, InstanceFlexibility, ProvisioningState, ResourceType, ScopeType, Term,
};
use crate::domain::roles::{AgentRole, ReservationRole};
use crate::domain::support::{RequestKind, RequestStatus};

/// Lets a TEXT column be read straight into a domain type.
macro_rules! text_column {
    ($ty:ty, $parse:expr) => {
        impl<DB: Backend> Queryable<Text, DB> for $ty
        where
            String: FromSql<Text, DB>,
        {
            type Row = String;

            fn build(text: String) -> deserialize::Result<Self> {
                let parse: fn(&str) -> Option<$ty> = $parse;
                parse(&text).ok_or_else(|| {
                    format!("stored value {text:?} is not a valid {}", stringify!($ty)).into()
                })
            }
        }
    };
}

text_column!(ReservationId, |s| s.parse().ok());
text_column!(OrderId, |s| s.parse().ok());
text_column!(TenantId, |s| s.parse().ok());
text_column!(SubscriptionGuid, |s| s.parse().ok());
text_column!(ResourceType, ResourceType::parse);
text_column!(Term, Term::parse);
text_column!(BillingPlan, BillingPlan::parse);
text_column!(ScopeType, ScopeType::parse);
text_column!(ProvisioningState, ProvisioningState::parse);
text_column!(InstanceFlexibility, InstanceFlexibility::parse);
text_column!(AgentRole, AgentRole::parse);
text_column!(ReservationRole, ReservationRole::parse);
text_column!(RequestKind, RequestKind::parse);
text_column!(RequestStatus, RequestStatus::parse);
text_column!(Action, Action::parse);

/// Lets a domain type be written to a TEXT column as itself (in inserts,
/// updates and filters), by the spelling `$text` gives it.
macro_rules! write_text {
    ($ty:ty, $expr:ty, |$v:ident| $text:expr) => {
        impl AsExpression<Text> for $ty {
            type Expression = <$expr as AsExpression<Text>>::Expression;

            fn as_expression(self) -> Self::Expression {
                let $v = &self;
                AsExpression::<Text>::as_expression($text)
            }
        }

        impl AsExpression<Text> for &$ty {
            type Expression = <$expr as AsExpression<Text>>::Expression;

            fn as_expression(self) -> Self::Expression {
                let $v = self;
                AsExpression::<Text>::as_expression($text)
            }
        }

        impl AsExpression<Nullable<Text>> for $ty {
            type Expression = <$expr as AsExpression<Nullable<Text>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                let $v = &self;
                AsExpression::<Nullable<Text>>::as_expression($text)
            }
        }

        impl AsExpression<Nullable<Text>> for &$ty {
            type Expression = <$expr as AsExpression<Nullable<Text>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                let $v = self;
                AsExpression::<Nullable<Text>>::as_expression($text)
            }
        }
    };
}

write_text!(ResourceType, &'static str, |v| v.as_str());
write_text!(Term, &'static str, |v| v.as_str());
write_text!(BillingPlan, &'static str, |v| v.as_str());
write_text!(ScopeType, &'static str, |v| v.as_str());
write_text!(ProvisioningState, &'static str, |v| v.as_str());
write_text!(Closure, &'static str, |v| v.as_str());
write_text!(InstanceFlexibility, &'static str, |v| v.as_str());
write_text!(AgentRole, &'static str, |v| v.as_str());
write_text!(ReservationRole, &'static str, |v| v.as_str());
write_text!(RequestKind, &'static str, |v| v.as_str());
write_text!(RequestStatus, &'static str, |v| v.as_str());
write_text!(Action, &'static str, |v| v.as_str());
write_text!(ReservationId, String, |v| v.to_string());
write_text!(OrderId, String, |v| v.to_string());
write_text!(TenantId, String, |v| v.to_string());
write_text!(SubscriptionGuid, String, |v| v.to_string());

/// Money in a column: exact decimal text on SQLite (its DECIMAL would be
/// a float), NUMERIC on PostgreSQL.
#[derive(Debug, Clone, Copy, Default, SqlType)]
#[diesel(sqlite_type(name = "Text"))]
#[diesel(postgres_type(oid = 1700, array_oid = 1231))]
pub struct Amount;

impl HasSqlType<Amount> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<Amount>(lookup)
    }
}

/// A `Money` as it is written to and read from an [`Amount`] column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Amount)]
pub struct DbMoney(pub Money);

impl ToSql<Amount, Sqlite> for DbMoney {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.0.amount().to_string());
        Ok(IsNull::No)
    }
}

impl FromSql<Amount, Sqlite> for DbMoney {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
        let amount = Decimal::from_str(&text).map_err(|e| format!("bad amount {text:?}: {e}"))?;
        Ok(DbMoney(Money::new(amount)))
    }
}

impl ToSql<Amount, Pg> for DbMoney {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        let amount = self.0.amount();
        <Decimal as ToSql<Numeric, Pg>>::to_sql(&amount, &mut out.reborrow())
    }
}

impl FromSql<Amount, Pg> for DbMoney {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <Decimal as FromSql<Numeric, Pg>>::from_sql(value).map(|d| DbMoney(Money::new(d)))
    }
}

impl ToSql<Amount, MultiBackend> for DbMoney {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Amount, self));
        Ok(IsNull::No)
    }
}

impl FromSql<Amount, MultiBackend> for DbMoney {
    fn from_sql(value: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<DbMoney, Amount>()
    }
}

/// Lets an [`Amount`] column be read straight into `Money`.
impl<DB: Backend> Queryable<Amount, DB> for Money
where
    DbMoney: FromSql<Amount, DB>,
{
    type Row = DbMoney;

    fn build(row: DbMoney) -> deserialize::Result<Self> {
        Ok(row.0)
    }
}

/// Lets `Money` be written to an [`Amount`] column as itself.
macro_rules! write_money {
    ($st:ty, $ty:ty, |$v:ident| $value:expr) => {
        impl AsExpression<$st> for $ty {
            type Expression = <DbMoney as AsExpression<$st>>::Expression;

            fn as_expression(self) -> Self::Expression {
                let $v = self;
                AsExpression::<$st>::as_expression(DbMoney($value))
            }
        }
    };
}

write_money!(Amount, Money, |v| v);
write_money!(Amount, &Money, |v| *v);
write_money!(Nullable<Amount>, Money, |v| v);
write_money!(Nullable<Amount>, &Money, |v| *v);
