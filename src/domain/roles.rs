//! Who signs in to the dashboard and what each role may do (DESIGN.md's
//! partner-role table, as one declaration).

use super::reservation::api_enum;

api_enum!(
    /// The role of a signed-in user.
    AgentRole {
        /// Partner administrator.
        Admin => "Admin",
        /// Sales agent.
        Sales => "Sales",
        /// Helpdesk agent.
        Helpdesk => "Helpdesk",
        /// Support agent who settles requests.
        Support => "Support",
        /// A customer's user holding roles on single reservations.
        Customer => "Customer",
    }
);

/// Something a user may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See customers, reservations and utilization.
    ViewCustomers,
    /// Change scope and configuration.
    ChangeConfiguration,
    /// Manage access (IAM).
    ManageAccess,
    /// Start refund and exchange requests.
    StartRequests,
    /// Approve or reject requests.
    SettleRequests,
    /// Look a reservation up by its IDs.
    LookUp,
    /// Manage users, settings and imports.
    Administer,
}

impl AgentRole {
    /// The partner-role table of DESIGN.md. Customer users get their rights
    /// per reservation from role assignments, not from here.
    pub fn may(&self, permission: Permission) -> bool {
        use AgentRole::*;
        use Permission::*;
        match permission {
            ViewCustomers | LookUp => matches!(self, Admin | Sales | Helpdesk | Support),
            ChangeConfiguration => matches!(self, Admin | Sales),
            ManageAccess | Administer => matches!(self, Admin),
            StartRequests => matches!(self, Admin | Helpdesk),
            SettleRequests => matches!(self, Support),
        }
    }

    /// Stable lower-case key for message IDs.
    pub fn key(&self) -> &'static str {
        match self {
            AgentRole::Admin => "admin",
            AgentRole::Sales => "sales",
            AgentRole::Helpdesk => "helpdesk",
            AgentRole::Support => "support",
            AgentRole::Customer => "customer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentRole::*;
    use Permission::*;

    #[test]
    fn matches_the_design_table() {
        // (permission, admin, sales, helpdesk, support)
        let table = [
            (ViewCustomers, true, true, true, true),
            (ChangeConfiguration, true, true, false, false),
            (ManageAccess, true, false, false, false),
            (StartRequests, true, false, true, false),
            (SettleRequests, false, false, false, true),
            (LookUp, true, true, true, true),
            (Administer, true, false, false, false),
        ];
        for (p, admin, sales, helpdesk, support) in table {
            assert_eq!(Admin.may(p), admin, "admin {p:?}");
            assert_eq!(Sales.may(p), sales, "sales {p:?}");
            assert_eq!(Helpdesk.may(p), helpdesk, "helpdesk {p:?}");
            assert_eq!(Support.may(p), support, "support {p:?}");
            assert!(!Customer.may(p), "customer {p:?}");
        }
    }
}
