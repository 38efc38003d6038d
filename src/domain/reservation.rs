//! Reservations: their kinds, terms, plans, scopes and the status a partner
//! sees, derived from the stored state and today's date.

use chrono::NaiveDate;

use super::dates::{add_months, days_between};

/// Declares a closed set of values, each with the one spelling it is stored
/// and exchanged under (the Azure API's, where the API has the value), with
/// `as_str`, `parse` and `ALL`, and serialized by that spelling.
macro_rules! api_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored spelling.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the stored spelling (case-insensitive).
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("not a {}: {text}", stringify!($name)))
                })
            }
        }
    };
}

pub(crate) use api_enum;

api_enum!(
    /// What kind of resource a reservation covers.
    ResourceType {
        /// Virtual machines.
        VirtualMachines => "VirtualMachines",
        /// Azure SQL Database vCores.
        SqlDatabases => "SqlDatabases",
        /// Azure Cosmos DB throughput.
        CosmosDb => "CosmosDb",
        /// App Service plans.
        AppService => "AppService",
        /// Premium SSD managed disks.
        ManagedDisk => "ManagedDisk",
        /// Blob storage capacity.
        BlockBlob => "BlockBlob",
        /// Azure Cache for Redis.
        RedisCache => "RedisCache",
        /// Azure Database for MySQL.
        MySql => "MySql",
        /// Azure Database for PostgreSQL.
        PostgreSql => "PostgreSql",
        /// Dedicated hosts.
        DedicatedHost => "DedicatedHost",
        /// Databricks pre-purchase units.
        Databricks => "Databricks",
        /// Azure Synapse Analytics pre-purchase commit units.
        SynapseAnalytics => "SynapseAnalytics",
        /// SUSE Linux software plans.
        SuseLinux => "SuseLinux",
        /// Red Hat software plans.
        RedHat => "RedHat",
    }
);

impl ResourceType {
    /// Whether instance-size flexibility applies to this type.
    pub fn has_instance_flexibility(&self) -> bool {
        matches!(
            self,
            ResourceType::VirtualMachines | ResourceType::SqlDatabases
        )
    }
}

api_enum!(
    /// Commitment length.
    Term {
        /// One year.
        P1Y => "P1Y",
        /// Three years.
        P3Y => "P3Y",
        /// Five years.
        P5Y => "P5Y",
    }
);

impl Term {
    /// Length in whole years.
    pub fn years(&self) -> u32 {
        match self {
            Term::P1Y => 1,
            Term::P3Y => 3,
            Term::P5Y => 5,
        }
    }

    /// Number of monthly payments over the term.
    pub fn months(&self) -> u32 {
        12 * self.years()
    }

    /// The expiry day of a term starting on `effective`.
    pub fn expiry_from(&self, effective: NaiveDate) -> NaiveDate {
        add_months(effective, self.months())
    }

    /// The first monthly payment of a term starting on `effective` that falls
    /// due after `today` (payment k is due on `effective + k months`), if any.
    pub fn next_monthly_payment(
        &self,
        effective: NaiveDate,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        (0..self.months())
            .map(|k| add_months(effective, k))
            .find(|due| *due > today)
    }
}

api_enum!(
    /// How the reservation is paid.
    BillingPlan {
        /// All at purchase.
        Upfront => "Upfront",
        /// One payment a month over the term.
        Monthly => "Monthly",
    }
);

api_enum!(
    /// The applied scope type as the API names it; a resource-group scope is
    /// `Single` with a resource group.
    ScopeType {
        /// One subscription (or one resource group in it).
        Single => "Single",
        /// All the customer's subscriptions.
        Shared => "Shared",
        /// A management group.
        ManagementGroup => "ManagementGroup",
    }
);

api_enum!(
    /// The provisioning state stored for a reservation.
    ProvisioningState {
        /// Bought and in force (until its expiry date).
        Succeeded => "Succeeded",
        /// Returned for a refund; no longer in force.
        Cancelled => "Cancelled",
        /// Past its term (as imported); a `Succeeded` one past expiry is expired too.
        Expired => "Expired",
        /// Replaced by another reservation through an exchange.
        Exchanged => "Exchanged",
        /// Being created.
        Creating => "Creating",
        /// Creation failed.
        Failed => "Failed",
    }
);

api_enum!(
    /// What closed a reservation that is no longer in force although it
    /// was neither returned nor exchanged (Azure's `extendedStatusInfo`).
    Closure {
        /// Split in two.
        Split => "Split",
        /// Merged with others into one.
        Merged => "Merged",
    }
);

api_enum!(
    /// Instance-size flexibility.
    InstanceFlexibility {
        /// The benefit applies across sizes of the same series.
        On => "On",
        /// Only the exact size.
        Off => "Off",
    }
);

/// Days before expiry within which a reservation counts as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// The status a partner sees on badges and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// In force, more than 30 days left.
    Active,
    /// In force, 30 days or fewer left.
    Expiring,
    /// The term has ended.
    Expired,
    /// Returned for a refund; no longer in force.
    Cancelled,
    /// Exchanged for another reservation.
    Exchanged,
    /// Split in two; the two parts are in force instead.
    Split,
    /// Merged with others; the merged one is in force instead.
    Merged,
    /// Being created, or creation failed.
    Pending,
}

impl Status {
    /// Whether a reservation of this status may be archived: it has ended
    /// (expired, cancelled, exchanged, split or merged), so nothing more
    /// happens to it.
    pub fn archivable(&self) -> bool {
        matches!(
            self,
            Status::Expired
                | Status::Cancelled
                | Status::Exchanged
                | Status::Split
                | Status::Merged
        )
    }

    /// Whether the reservation is in force: its benefit applies, and a
    /// refund or an exchange may be asked for.
    pub fn in_force(&self) -> bool {
        matches!(self, Status::Active | Status::Expiring)
    }

    /// The statuses a list can be filtered by, in display order.
    pub const FILTERABLE: &'static [Status] = &[
        Status::Active,
        Status::Expiring,
        Status::Expired,
        Status::Cancelled,
        Status::Exchanged,
        Status::Split,
        Status::Merged,
    ];

    /// Stable lower-case key, used in URLs, CSS classes and message IDs.
    pub fn key(&self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Expiring => "expiring",
            Status::Expired => "expired",
            Status::Cancelled => "cancelled",
            Status::Exchanged => "exchanged",
            Status::Split => "split",
            Status::Merged => "merged",
            Status::Pending => "pending",
        }
    }

    /// Parses a key as produced by [`Status::key`].
    pub fn from_key(key: &str) -> Option<Status> {
        Status::FILTERABLE.iter().copied().find(|s| s.key() == key)
    }

    /// The status of a reservation in `state` expiring on `expiry`, on `today`.
    /// The benefit ends on the expiry day, so that day counts as expired.
    pub fn of(state: ProvisioningState, expiry: NaiveDate, today: NaiveDate) -> Status {
        match state {
            ProvisioningState::Cancelled => Status::Cancelled,
            ProvisioningState::Exchanged => Status::Exchanged,
            ProvisioningState::Expired => Status::Expired,
            ProvisioningState::Creating | ProvisioningState::Failed => Status::Pending,
            ProvisioningState::Succeeded => {
                let left = days_between(today, expiry);
                if left <= 0 {
                    Status::Expired
                } else if left <= EXPIRING_WITHIN_DAYS {
                    Status::Expiring
                } else {
                    Status::Active
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn status_follows_state_and_days_left() {
        let today = day(2026, 11, 25);
        let cases = [
            (
                ProvisioningState::Succeeded,
                day(2027, 11, 25),
                Status::Active,
            ),
            (
                ProvisioningState::Succeeded,
                day(2026, 12, 26),
                Status::Active,
            ),
            (
                ProvisioningState::Succeeded,
                day(2026, 12, 25),
                Status::Expiring,
            ),
            (
                ProvisioningState::Succeeded,
                day(2026, 11, 26),
                Status::Expiring,
            ),
            (
                ProvisioningState::Succeeded,
                day(2026, 11, 25),
                Status::Expired,
            ),
            (
                ProvisioningState::Succeeded,
                day(2025, 1, 1),
                Status::Expired,
            ),
            (ProvisioningState::Expired, day(2025, 1, 1), Status::Expired),
            (
                ProvisioningState::Cancelled,
                day(2027, 1, 1),
                Status::Cancelled,
            ),
            (
                ProvisioningState::Exchanged,
                day(2027, 1, 1),
                Status::Exchanged,
            ),
            (
                ProvisioningState::Creating,
                day(2027, 1, 1),
                Status::Pending,
            ),
        ];
        for (state, expiry, expected) in cases {
            assert_eq!(
                Status::of(state, expiry, today),
                expected,
                "{state} {expiry}"
            );
        }
    }

    #[test]
    fn api_spellings_round_trip() {
        for t in ResourceType::ALL {
            assert_eq!(ResourceType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Term::parse("p3y"), Some(Term::P3Y));
        assert_eq!(BillingPlan::parse("Quarterly"), None);
        assert_eq!(ScopeType::parse("ResourceGroup"), None);
        for s in Status::FILTERABLE {
            assert_eq!(Status::from_key(s.key()), Some(*s));
        }
        assert_eq!(Status::from_key("Active"), None);
    }

    #[test]
    fn terms_end_on_the_same_calendar_day() {
        assert_eq!(Term::P1Y.expiry_from(day(2024, 2, 29)), day(2025, 2, 28));
        assert_eq!(Term::P3Y.expiry_from(day(2026, 3, 1)), day(2029, 3, 1));
        assert_eq!(Term::P5Y.months(), 60);
    }

    #[test]
    fn monthly_payments_fall_on_the_clamped_day() {
        let start = day(2026, 1, 31);
        let cases = [
            (day(2026, 1, 30), Some(day(2026, 1, 31))),
            (day(2026, 1, 31), Some(day(2026, 2, 28))),
            (day(2026, 3, 15), Some(day(2026, 3, 31))),
            (day(2026, 12, 31), None),
        ];
        for (today, expected) in cases {
            assert_eq!(
                Term::P1Y.next_monthly_payment(start, today),
                expected,
                "{today}"
            );
        }
    }
}
