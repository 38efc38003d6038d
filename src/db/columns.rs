//! How domain types sit in TEXT columns. IDs, enums and money are stored as
//! text and parsed back into their domain type when read, so a query row
//! holds `ReservationId`, `Term`, `Money` rather than strings.

use std::str::FromStr;

use diesel::Queryable;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Nullable, Text};
use diesel::sqlite::{Sqlite, SqliteValue};
use rust_decimal::Decimal;

use crate::domain::audit::Action;
use crate::domain::ids::{OrderId, ReservationId, SubscriptionGuid, TenantId};
use crate::domain::money::Money;
use crate::domain::reservation::{
    BillingPlan, InstanceFlexibility, ProvisioningState, ResourceType, ScopeType, Term,
};
use crate::domain::roles::{AgentRole, ReservationRole};
use crate::domain::support::{RequestKind, RequestStatus};

/// Lets a TEXT column be read straight into a domain type.
macro_rules! text_column {
    ($ty:ty, $parse:expr) => {
        impl Queryable<Text, Sqlite> for $ty {
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
text_column!(Money, |s| Decimal::from_str(s).ok().map(Money::new));
text_column!(Action, Action::parse);

/// Lets a domain type be written to a TEXT column as itself (in inserts,
/// updates and filters), by the spelling `$text` gives it.
macro_rules! write_text {
    ($ty:ty, $expr:ty, |$v:ident| $text:expr) => {
        impl ToSql<Text, Sqlite> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                let $v = self;
                let text: $expr = $text;
                out.set_value(text);
                Ok(IsNull::No)
            }
        }

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
write_text!(Money, String, |v| v.amount().to_string());

/// A `Money` written to a TEXT column, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct DbMoney(pub Money);

impl ToSql<Text, Sqlite> for DbMoney {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.0.amount().to_string());
        Ok(IsNull::No)
    }
}

impl FromSql<Text, Sqlite> for DbMoney {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
        let amount = Decimal::from_str(&text).map_err(|e| format!("bad amount {text:?}: {e}"))?;
        Ok(DbMoney(Money::new(amount)))
    }
}
