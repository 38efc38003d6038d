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
    /// Buy reservations for a customer.
    Purchase,
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
            ChangeConfiguration | Purchase => matches!(self, Admin | Sales),
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

api_enum!(
    /// A role on one reservation (Access control).
    ReservationRole {
        /// Full control, including access.
        Owner => "Owner",
        /// Manages the reservation and who has access.
        Administrator => "ReservationsAdministrator",
        /// Manages the reservation, not access.
        Contributor => "ReservationsContributor",
        /// Reads only.
        Reader => "ReservationsReader",
    }
);

impl ReservationRole {
    /// Message ID of the role's name.
    pub fn message_id(&self) -> &'static str {
        match self {
            ReservationRole::Owner => "reservation-role-owner",
            ReservationRole::Administrator => "reservation-role-administrator",
            ReservationRole::Contributor => "reservation-role-contributor",
            ReservationRole::Reader => "reservation-role-reader",
        }
    }
}

/// Something one may do to one reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// See it, its utilization, configuration and who has access.
    Read,
    /// Change scope, name, flexibility, renewal.
    Configure,
    /// Add and remove role assignments.
    ManageAccess,
    /// Start refund and exchange requests.
    Request,
}

impl Right {
    /// The partner permission that gives an agent this right on every reservation.
    pub fn agent_permission(&self) -> Permission {
        match self {
            Right::Read => Permission::ViewCustomers,
            Right::Configure => Permission::ChangeConfiguration,
            Right::ManageAccess => Permission::ManageAccess,
            Right::Request => Permission::StartRequests,
        }
    }
}

/// What one user may do to one reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rights {
    /// See it.
    pub read: bool,
    /// Change its configuration.
    pub configure: bool,
    /// Manage its access.
    pub manage_access: bool,
    /// Start refunds and exchanges.
    pub request: bool,
}

impl Rights {
    /// An agent's rights, from the partner-role table.
    pub fn of_agent(role: AgentRole) -> Rights {
        let has = |right: Right| role.may(right.agent_permission());
        Rights {
            read: has(Right::Read),
            configure: has(Right::Configure),
            manage_access: has(Right::ManageAccess),
            request: has(Right::Request),
        }
    }

    /// A customer user's rights, from the roles they hold on the reservation:
    /// Reader reads; Contributor also configures; Administrator and Owner
    /// also manage access and start requests.
    pub fn of_roles(roles: &[ReservationRole]) -> Rights {
        use ReservationRole::*;
        let any = |wanted: &[ReservationRole]| roles.iter().any(|r| wanted.contains(r));
        Rights {
            read: !roles.is_empty(),
            configure: any(&[Owner, Administrator, Contributor]),
            manage_access: any(&[Owner, Administrator]),
            request: any(&[Owner, Administrator]),
        }
    }

    /// Whether these rights include `right`.
    pub fn has(&self, right: Right) -> bool {
        match right {
            Right::Read => self.read,
            Right::Configure => self.configure,
            Right::ManageAccess => self.manage_access,
            Right::Request => self.request,
        }
    }
}

/// Whether removing an assignment leaves the reservation an Owner:
/// `owners` counts the Owner assignments before the removal.
pub fn leaves_an_owner(owners: i64, removing: ReservationRole) -> bool {
    removing != ReservationRole::Owner || owners > 1
}

/// Why a role cannot be given to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantRefusal {
    /// The person signs in for another customer, or their address is at
    /// another customer's domain.
    OtherCustomer,
    /// A customer user reached outside their own organisation (an agent,
    /// or an address not at their customer's domain).
    OutsideOrganisation,
}

/// A person who already signs in, as the tenant rule sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPerson {
    /// Their role.
    pub role: AgentRole,
    /// The customer a customer user signs in for.
    pub customer: Option<i64>,
}

/// The tenant rule for giving a role on a reservation of `customer`: a
/// person belongs to one customer. A customer user grants only within their
/// own organisation (an address at their customer's domain, or someone who
/// already signs in for it), never to an agent; an agent grants to anyone
/// but another customer's people. `domain_customers` are the customers whose
/// domain the person's address is at.
pub fn may_grant(
    by_customer_user: bool,
    customer: i64,
    existing: Option<KnownPerson>,
    domain_customers: &[i64],
) -> Result<(), GrantRefusal> {
    let ours = |p: &KnownPerson| p.role == AgentRole::Customer && p.customer == Some(customer);
    if by_customer_user {
        let inside = match &existing {
            Some(person) => ours(person),
            None => domain_customers.contains(&customer),
        };
        if !inside {
            return Err(GrantRefusal::OutsideOrganisation);
        }
    }
    let elsewhere = match &existing {
        Some(person) => person.role == AgentRole::Customer && !ours(person),
        None => domain_customers.iter().any(|c| *c != customer),
    };
    if elsewhere {
        Err(GrantRefusal::OtherCustomer)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenant_rule() {
        let ours = Some(KnownPerson {
            role: AgentRole::Customer,
            customer: Some(1),
        });
        let theirs = Some(KnownPerson {
            role: AgentRole::Customer,
            customer: Some(2),
        });
        let agent = Some(KnownPerson {
            role: AgentRole::Sales,
            customer: None,
        });
        use GrantRefusal::{OtherCustomer, OutsideOrganisation};
        // (by a customer user, existing, domain customers, outcome)
        let cases = [
            (true, ours, vec![], Ok(())),
            (true, None, vec![1], Ok(())),
            (true, theirs, vec![], Err(OutsideOrganisation)),
            (true, agent, vec![], Err(OutsideOrganisation)),
            (true, None, vec![], Err(OutsideOrganisation)),
            (true, None, vec![2], Err(OutsideOrganisation)),
            (false, ours, vec![], Ok(())),
            (false, agent, vec![], Ok(())),
            (false, None, vec![], Ok(())),
            (false, None, vec![1], Ok(())),
            (false, theirs, vec![], Err(OtherCustomer)),
            (false, None, vec![2], Err(OtherCustomer)),
        ];
        for (by_customer, existing, domains, expected) in cases {
            assert_eq!(
                may_grant(by_customer, 1, existing, &domains),
                expected,
                "{by_customer} {existing:?} {domains:?}"
            );
        }
    }
    use AgentRole::*;
    use Permission::*;

    #[test]
    fn reservation_roles_grant_rights() {
        use ReservationRole as R;
        let table = [
            (vec![R::Reader], (true, false, false, false)),
            (vec![R::Contributor], (true, true, false, false)),
            (vec![R::Administrator], (true, true, true, true)),
            (vec![R::Owner], (true, true, true, true)),
            (vec![R::Reader, R::Contributor], (true, true, false, false)),
            (vec![], (false, false, false, false)),
        ];
        for (roles, (read, configure, manage, request)) in table {
            let r = Rights::of_roles(&roles);
            assert_eq!(
                (r.read, r.configure, r.manage_access, r.request),
                (read, configure, manage, request),
                "{roles:?}"
            );
        }
        let sales = Rights::of_agent(Sales);
        assert!(sales.read && sales.configure && !sales.manage_access && !sales.request);
        let support = Rights::of_agent(Support);
        assert!(support.read && !support.configure && !support.manage_access);
        assert_eq!(Rights::of_agent(Customer), Rights::default());
        assert_eq!(
            ReservationRole::parse("ReservationsReader"),
            Some(ReservationRole::Reader)
        );
        assert_eq!(ReservationRole::parse("Superuser"), None);
    }

    #[test]
    fn the_last_owner_stays() {
        assert!(!leaves_an_owner(1, ReservationRole::Owner));
        assert!(leaves_an_owner(2, ReservationRole::Owner));
        assert!(leaves_an_owner(1, ReservationRole::Reader));
    }

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
