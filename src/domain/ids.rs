//! Identifiers. Azure identifies reservations and orders by GUIDs; support
//! agents paste them in every shape (any case, braces, the full ARM path),
//! so parsing happens once, here.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! guid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps an already-parsed GUID.
            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// A fresh random identifier.
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The GUID inside.
            pub fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            /// Lower-case hyphenated, as Azure prints them.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                parse_guid(s).map(Self)
            }
        }
    };
}

guid_id!(
    /// A reservation's GUID.
    ReservationId
);
guid_id!(
    /// A reservation order's GUID.
    OrderId
);
guid_id!(
    /// A customer's Microsoft Entra tenant GUID.
    TenantId
);
guid_id!(
    /// An Azure subscription GUID.
    SubscriptionGuid
);

/// Why a text is not an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing was typed.
    #[error("empty")]
    Empty,
    /// The text is not a GUID nor a reservation resource path.
    #[error("malformed")]
    Malformed,
}

/// Parses a GUID in any case, with or without braces or hyphens.
pub fn parse_guid(s: &str) -> Result<Uuid, IdError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    // `Uuid::parse_str` also accepts the `urn:uuid:` form; nobody pastes that
    // from the portal, so only the portal's shapes are let through.
    let inner = s
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or(s);
    if !(inner.len() == 36 || inner.len() == 32) {
        return Err(IdError::Malformed);
    }
    Uuid::parse_str(inner).map_err(|_| IdError::Malformed)
}

/// What a support agent typed into the look-up box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupQuery {
    /// A bare GUID: a reservation ID or an order ID, we do not know which.
    Guid(Uuid),
    /// `/providers/Microsoft.Capacity/reservationOrders/{order}`
    Order(OrderId),
    /// `/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/{id}`
    Reservation(OrderId, ReservationId),
}

impl LookupQuery {
    /// Parses a bare GUID or an ARM resource path (case-insensitive, with or
    /// without a leading subscription part or a trailing slash).
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if !s.contains('/') {
            return parse_guid(s).map(LookupQuery::Guid);
        }
        let lower = s.to_ascii_lowercase();
        let marker = "/providers/microsoft.capacity/reservationorders/";
        let start = lower.find(marker).ok_or(IdError::Malformed)?;
        let rest = s[start + marker.len()..].trim_end_matches('/');
        let parts: Vec<&str> = rest.split('/').collect();
        match parts.as_slice() {
            [order] => Ok(LookupQuery::Order(order.parse()?)),
            [order, kind, id] if kind.eq_ignore_ascii_case("reservations") => {
                Ok(LookupQuery::Reservation(order.parse()?, id.parse()?))
            }
            _ => Err(IdError::Malformed),
        }
    }
}

/// The ARM resource ID of a reservation, as support asks for it.
pub fn reservation_resource_path(order: OrderId, reservation: ReservationId) -> String {
    format!("/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/{reservation}")
}

/// The ARM resource ID of a reservation order.
pub fn order_resource_path(order: OrderId) -> String {
    format!("/providers/Microsoft.Capacity/reservationOrders/{order}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RES: &str = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    const ORD: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    fn uuid(s: &str) -> Uuid {
        Uuid::parse_str(s).expect("test GUID")
    }

    #[test]
    fn guid_shapes_are_accepted() {
        let cases = [
            RES.to_string(),
            RES.to_uppercase(),
            format!("{{{RES}}}"),
            format!("  {{{}}}  ", RES.to_uppercase()),
            RES.replace('-', ""),
        ];
        for case in cases {
            assert_eq!(parse_guid(&case), Ok(uuid(RES)), "{case}");
        }
    }

    #[test]
    fn malformed_guids_are_refused() {
        for case in [
            "",
            "  ",
            "abc",
            "{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
            "urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
            "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4g",
        ] {
            assert!(parse_guid(case).is_err(), "{case:?} should be refused");
        }
    }

    #[test]
    fn lookup_understands_every_form() {
        let path =
            reservation_resource_path(ORD.parse().expect("order"), RES.parse().expect("res"));
        let cases = [
            (RES.to_string(), LookupQuery::Guid(uuid(RES))),
            (
                format!("{{{}}}", ORD.to_uppercase()),
                LookupQuery::Guid(uuid(ORD)),
            ),
            (
                path.clone(),
                LookupQuery::Reservation(OrderId(uuid(ORD)), ReservationId(uuid(RES))),
            ),
            (
                path.to_lowercase() + "/",
                LookupQuery::Reservation(OrderId(uuid(ORD)), ReservationId(uuid(RES))),
            ),
            (
                format!("/subscriptions/x{}", path.to_uppercase()),
                LookupQuery::Reservation(OrderId(uuid(ORD)), ReservationId(uuid(RES))),
            ),
            (
                format!("/providers/Microsoft.Capacity/reservationOrders/{ORD}"),
                LookupQuery::Order(OrderId(uuid(ORD))),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(LookupQuery::parse(&input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn lookup_refuses_other_paths() {
        let cases = [
            "",
            "/providers/Microsoft.Compute/virtualMachines/vm1",
            "/providers/Microsoft.Capacity/reservationOrders/",
            "/providers/Microsoft.Capacity/reservationOrders/not-a-guid",
            "/providers/Microsoft.Capacity/reservationOrders/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/other/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
            "<script>alert(1)</script>",
        ];
        for input in cases {
            assert!(
                LookupQuery::parse(input).is_err(),
                "{input:?} should be refused"
            );
        }
    }

    #[test]
    fn ids_print_lower_case_hyphenated() {
        let id: ReservationId = RES.to_uppercase().parse().expect("id");
        assert_eq!(id.to_string(), RES);
    }
}
