//! The applied scope of a reservation and the rules for changing it: only
//! the customer's own subscriptions, resource groups and management groups
//! may be chosen, and a resource group must lie in the chosen subscription.

use super::reservation::ScopeType;

/// What the configuration form asks for, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeChoice {
    /// `single`, `resource-group`, `shared` or `management-group`.
    pub kind: String,
    /// The chosen subscription (row ID as typed), for `single` and `resource-group`.
    pub subscription: String,
    /// The chosen resource group (row ID as typed), for `resource-group`.
    pub resource_group: String,
    /// The chosen management group (row ID as typed), for `management-group`.
    pub management_group: String,
}

/// A checked applied scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliedScope {
    /// One subscription.
    Single {
        /// Subscription row ID.
        subscription: i64,
    },
    /// One resource group in one subscription.
    ResourceGroup {
        /// Subscription row ID.
        subscription: i64,
        /// Resource group row ID.
        resource_group: i64,
    },
    /// Every subscription of the customer.
    Shared,
    /// A management group.
    ManagementGroup {
        /// Management group row ID.
        management_group: i64,
    },
}

/// Which form field a scope problem belongs to, and its message ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeProblem {
    /// The scope type is not one of the four.
    UnknownKind,
    /// No subscription, or one that is not the customer's.
    Subscription,
    /// No resource group, or one not in the chosen subscription.
    ResourceGroup,
    /// No management group, or one that is not the customer's.
    ManagementGroup,
}

impl ScopeProblem {
    /// Message ID of the explanation.
    pub fn message_id(&self) -> &'static str {
        match self {
            ScopeProblem::UnknownKind => "scope-kind-unknown",
            ScopeProblem::Subscription => "scope-subscription-unknown",
            ScopeProblem::ResourceGroup => "scope-resource-group-unknown",
            ScopeProblem::ManagementGroup => "scope-management-group-unknown",
        }
    }
}

/// The customer's own places a scope may point at.
#[derive(Debug, Clone, Default)]
pub struct CustomerPlaces {
    /// Subscription row IDs.
    pub subscriptions: Vec<i64>,
    /// (resource group row ID, its subscription row ID).
    pub resource_groups: Vec<(i64, i64)>,
    /// Management group row IDs.
    pub management_groups: Vec<i64>,
}

impl AppliedScope {
    /// Checks a choice against the customer's places.
    pub fn resolve(
        choice: &ScopeChoice,
        places: &CustomerPlaces,
    ) -> Result<AppliedScope, ScopeProblem> {
        let id = |text: &str| text.trim().parse::<i64>().ok();
        let subscription = || {
            id(&choice.subscription)
                .filter(|s| places.subscriptions.contains(s))
                .ok_or(ScopeProblem::Subscription)
        };
        match choice.kind.as_str() {
            "single" => Ok(AppliedScope::Single {
                subscription: subscription()?,
            }),
            "resource-group" => {
                let subscription = subscription()?;
                let resource_group = id(&choice.resource_group)
                    .filter(|g| places.resource_groups.contains(&(*g, subscription)))
                    .ok_or(ScopeProblem::ResourceGroup)?;
                Ok(AppliedScope::ResourceGroup {
                    subscription,
                    resource_group,
                })
            }
            "shared" => Ok(AppliedScope::Shared),
            "management-group" => id(&choice.management_group)
                .filter(|g| places.management_groups.contains(g))
                .map(|management_group| AppliedScope::ManagementGroup { management_group })
                .ok_or(ScopeProblem::ManagementGroup),
            _ => Err(ScopeProblem::UnknownKind),
        }
    }

    /// The form's name for this kind of scope.
    pub fn kind(&self) -> &'static str {
        match self {
            AppliedScope::Single { .. } => "single",
            AppliedScope::ResourceGroup { .. } => "resource-group",
            AppliedScope::Shared => "shared",
            AppliedScope::ManagementGroup { .. } => "management-group",
        }
    }

    /// The stored columns: type, subscription, resource group, management group.
    pub fn columns(&self) -> (ScopeType, Option<i64>, Option<i64>, Option<i64>) {
        match *self {
            AppliedScope::Single { subscription } => {
                (ScopeType::Single, Some(subscription), None, None)
            }
            AppliedScope::ResourceGroup {
                subscription,
                resource_group,
            } => (
                ScopeType::Single,
                Some(subscription),
                Some(resource_group),
                None,
            ),
            AppliedScope::Shared => (ScopeType::Shared, None, None, None),
            AppliedScope::ManagementGroup { management_group } => (
                ScopeType::ManagementGroup,
                None,
                None,
                Some(management_group),
            ),
        }
    }

    /// Rebuilds the scope from the stored columns.
    pub fn from_columns(
        kind: ScopeType,
        subscription: Option<i64>,
        resource_group: Option<i64>,
        management_group: Option<i64>,
    ) -> Option<AppliedScope> {
        match (kind, subscription, resource_group, management_group) {
            (ScopeType::Single, Some(subscription), Some(resource_group), _) => {
                Some(AppliedScope::ResourceGroup {
                    subscription,
                    resource_group,
                })
            }
            (ScopeType::Single, Some(subscription), None, _) => {
                Some(AppliedScope::Single { subscription })
            }
            (ScopeType::Shared, ..) => Some(AppliedScope::Shared),
            (ScopeType::ManagementGroup, _, _, Some(management_group)) => {
                Some(AppliedScope::ManagementGroup { management_group })
            }
            _ => None,
        }
    }
}

/// Longest reservation name.
pub const MAX_NAME_CHARS: usize = 64;

/// Checks a reservation name: trimmed, 1 to 64 characters, letters, digits,
/// `-`, `_`, `.` and spaces. Returns the message ID of the problem.
pub fn check_reservation_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        return Err("reservation-name-empty");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err("reservation-name-too-long");
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))
    {
        return Err("reservation-name-characters");
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> CustomerPlaces {
        CustomerPlaces {
            subscriptions: vec![1, 2],
            resource_groups: vec![(10, 1), (11, 1), (20, 2)],
            management_groups: vec![5],
        }
    }

    fn choice(
        kind: &str,
        subscription: &str,
        resource_group: &str,
        management_group: &str,
    ) -> ScopeChoice {
        ScopeChoice {
            kind: kind.into(),
            subscription: subscription.into(),
            resource_group: resource_group.into(),
            management_group: management_group.into(),
        }
    }

    #[test]
    fn resolves_only_the_customers_own_places() {
        let p = places();
        let cases = [
            (
                choice("single", "2", "", ""),
                Ok(AppliedScope::Single { subscription: 2 }),
            ),
            (
                choice("single", "3", "", ""),
                Err(ScopeProblem::Subscription),
            ),
            (
                choice("single", "", "", ""),
                Err(ScopeProblem::Subscription),
            ),
            (
                choice("resource-group", "1", "11", ""),
                Ok(AppliedScope::ResourceGroup {
                    subscription: 1,
                    resource_group: 11,
                }),
            ),
            (
                choice("resource-group", "2", "11", ""),
                Err(ScopeProblem::ResourceGroup),
            ),
            (
                choice("resource-group", "1", "99", ""),
                Err(ScopeProblem::ResourceGroup),
            ),
            (
                choice("resource-group", "9", "11", ""),
                Err(ScopeProblem::Subscription),
            ),
            (
                choice("shared", "junk", "junk", "junk"),
                Ok(AppliedScope::Shared),
            ),
            (
                choice("management-group", "", "", "5"),
                Ok(AppliedScope::ManagementGroup {
                    management_group: 5,
                }),
            ),
            (
                choice("management-group", "", "", "6"),
                Err(ScopeProblem::ManagementGroup),
            ),
            (
                choice("tenant", "1", "", ""),
                Err(ScopeProblem::UnknownKind),
            ),
            (
                choice("Single", "1", "", ""),
                Err(ScopeProblem::UnknownKind),
            ),
        ];
        for (c, expected) in cases {
            assert_eq!(AppliedScope::resolve(&c, &p), expected, "{c:?}");
        }
    }

    #[test]
    fn columns_round_trip() {
        for scope in [
            AppliedScope::Single { subscription: 1 },
            AppliedScope::ResourceGroup {
                subscription: 1,
                resource_group: 10,
            },
            AppliedScope::Shared,
            AppliedScope::ManagementGroup {
                management_group: 5,
            },
        ] {
            let (t, s, g, m) = scope.columns();
            assert_eq!(AppliedScope::from_columns(t, s, g, m), Some(scope));
        }
        assert_eq!(
            AppliedScope::from_columns(ScopeType::ManagementGroup, None, None, None),
            None
        );
    }

    #[test]
    fn reservation_names() {
        assert_eq!(
            check_reservation_name("  vm-prod_eastus.01 A "),
            Ok("vm-prod_eastus.01 A".into())
        );
        assert_eq!(check_reservation_name("   "), Err("reservation-name-empty"));
        assert_eq!(
            check_reservation_name(&"a".repeat(64)).map(|n| n.len()),
            Ok(64)
        );
        assert_eq!(
            check_reservation_name(&"a".repeat(65)),
            Err("reservation-name-too-long")
        );
        assert_eq!(
            check_reservation_name(&"a".repeat(10_000)),
            Err("reservation-name-too-long")
        );
        for bad in ["<b>", "a/b", "x;drop", "tab\there", "quote'"] {
            assert_eq!(
                check_reservation_name(bad),
                Err("reservation-name-characters"),
                "{bad}"
            );
        }
        assert_eq!(
            check_reservation_name("Relatório-São_Paulo"),
            Ok("Relatório-São_Paulo".into())
        );
    }
}
