//! Hand-written SQL that the connection keeps prepared.
//!
//! Diesel never caches a `sql_query`: each run is parsed and planned again
//! (on SQLite, a tenth of a list page's time; on PostgreSQL, a planning
//! round each time). A [`Statement`] is the same hand-written SQL, with
//! numbered parameters (`?1`, `?2`, a number used as often as needed), that
//! Diesel's statement cache keeps by its text: the few forms a list query
//! takes are each prepared once per connection.

use chrono::NaiveDate;
use diesel::QueryResult;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Date, Text, Untyped};

use super::MultiBackend;

/// A value bound to a numbered parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A calendar day.
    Date(NaiveDate),
    /// An integer.
    BigInt(i64),
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Value {
        Value::Date(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::BigInt(v)
    }
}

/// SQL text split at its numbered parameters, and the values bound to them.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The text between parameters (one more than `parameters`).
    segments: Vec<String>,
    /// For each parameter in the text, in order: its number less one.
    parameters: Vec<usize>,
    values: Vec<Value>,
}

impl Statement {
    /// `sql` with its `?1`…`?N` parameters; bind their values in order
    /// with [`Statement::bind`].
    pub fn new(sql: &str) -> Statement {
        let mut segments = vec![String::new()];
        let mut parameters = Vec::new();
        let mut chars = sql.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
                let mut number = 0usize;
                while let Some(digit) = chars.peek().and_then(|d| d.to_digit(10)) {
                    number = number * 10 + digit as usize;
                    chars.next();
                }
                parameters.push(number.saturating_sub(1));
                segments.push(String::new());
            } else if let Some(last) = segments.last_mut() {
                last.push(c);
            }
        }
        Statement {
            segments,
            parameters,
            values: Vec::new(),
        }
    }

    /// Binds the next parameter's value.
    pub fn bind(mut self, value: impl Into<Value>) -> Statement {
        self.values.push(value.into());
        self
    }

    /// Binds `values` to the `slots` parameters of an [`in_list`], the
    /// last repeated to fill it (which changes no `IN`). `values` must not
    /// be empty.
    pub fn bind_padded(mut self, values: &[i64], slots: usize) -> Statement {
        let last = values.last().copied().unwrap_or_default();
        for i in 0..slots {
            self.values
                .push(Value::BigInt(values.get(i).copied().unwrap_or(last)));
        }
        self
    }
}

/// The text of an `IN (…)` list of `n` values from parameter `?first` on,
/// and how many values it takes: `n` rounded up to a power of two (at
/// least 8), so that a list's few lengths are each prepared once (Diesel's
/// own `eq_any` is never kept prepared on SQLite). Bind the values with
/// [`Statement::bind_padded`].
pub fn in_list(first: usize, n: usize) -> (String, usize) {
    let slots = n.max(8).next_power_of_two();
    let list = (first..first + slots)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    (list, slots)
}

impl QueryFragment<MultiBackend> for Statement {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        for (i, segment) in self.segments.iter().enumerate() {
            out.push_sql(segment);
            let Some(&n) = self.parameters.get(i) else {
                continue;
            };
            match self.values.get(n) {
                Some(Value::Text(v)) => out.push_bind_param::<Text, _>(v)?,
                Some(Value::Date(v)) => out.push_bind_param::<Date, _>(v)?,
                Some(Value::BigInt(v)) => out.push_bind_param::<BigInt, _>(v)?,
                None => {
                    return Err(diesel::result::Error::QueryBuilderError(
                        format!("no value bound to ?{}", n + 1).into(),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl QueryId for Statement {
    type QueryId = ();
    // Cached by its text, like Diesel's own dynamic queries.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Statement {
    type SqlType = Untyped;
}

impl<C> diesel::RunQueryDsl<C> for Statement {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_lists_come_in_few_lengths_padded_with_the_last_value() {
        assert_eq!(in_list(3, 1), ("?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10".into(), 8));
        assert_eq!(in_list(1, 9).1, 16);
        assert_eq!(in_list(1, 25).1, 32);
        let s = Statement::new("x IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").bind_padded(&[4, 9], 8);
        assert_eq!(
            s.values,
            [4, 9, 9, 9, 9, 9, 9, 9].map(Value::BigInt).to_vec()
        );
    }

    #[test]
    fn splits_at_numbered_parameters_used_any_number_of_times() {
        let s = Statement::new("a = ?1 AND b > ?3 OR c = ?1 LIMIT ?12 -- ? stays");
        assert_eq!(
            s.segments,
            ["a = ", " AND b > ", " OR c = ", " LIMIT ", " -- ? stays"]
        );
        assert_eq!(s.parameters, [0, 2, 0, 11]);
    }
}
