//! The columns an import file may have: the Azure portal's reservation
//! export headings and the Reservations API's field names, recognised in
//! any case, spacing and punctuation.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The customer's Microsoft Entra tenant ID.
    Tenant,
    /// The customer's company name (needed to add a customer).
    Customer,
    /// The customer's primary domain.
    Domain,
    /// The reservation ID (a GUID or its ARM path).
    Reservation,
    /// The reservation order ID (a GUID or its ARM path).
    Order,
    /// Display name.
    Name,
    /// Reserved resource type.
    Type,
    /// SKU name.
    Sku,
    /// Region (location).
    Region,
    /// Quantity.
    Quantity,
    /// Term.
    Term,
    /// Billing plan.
    BillingPlan,
    /// Purchase date.
    PurchaseDate,
    /// Benefit start date.
    BenefitStart,
    /// Expiry date.
    Expiry,
    /// Applied scope type.
    ScopeType,
    /// Applied scope as an ARM path.
    AppliedScope,
    /// The scope's subscription.
    ScopeSubscription,
    /// The scope's resource group.
    ResourceGroup,
    /// The scope's management group.
    ManagementGroup,
    /// The subscription billed.
    BillingSubscription,
    /// Instance-size flexibility.
    Flexibility,
    /// Auto-renew.
    Renew,
    /// Provisioning state.
    Status,
    /// Purchase price.
    Price,
    /// Currency of the price.
    Currency,
}

impl Field {
    /// Every field, in the order of the template file.
    pub const ALL: [Field; 26] = [
        Field::Tenant,
        Field::Customer,
        Field::Domain,
        Field::Reservation,
        Field::Order,
        Field::Name,
        Field::Type,
        Field::Sku,
        Field::Region,
        Field::Quantity,
        Field::Term,
        Field::BillingPlan,
        Field::PurchaseDate,
        Field::BenefitStart,
        Field::Expiry,
        Field::ScopeType,
        Field::AppliedScope,
        Field::ScopeSubscription,
        Field::ResourceGroup,
        Field::ManagementGroup,
        Field::BillingSubscription,
        Field::Flexibility,
        Field::Renew,
        Field::Status,
        Field::Price,
        Field::Currency,
    ];

    /// The heading of the template file, as the portal's export has it.
    pub fn heading(self) -> &'static str {
        self.names()[0]
    }

    /// Headings taken for this field: the portal's first, then the API's
    /// and other common spellings.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Tenant => &["Customer tenant ID", "Tenant ID", "tenantId", "Tenant"],
            Field::Customer => &["Customer", "Customer name", "Company name"],
            Field::Domain => &["Customer domain", "Domain", "Primary domain"],
            Field::Reservation => &["Reservation ID", "reservationId", "Resource ID"],
            Field::Order => &["Reservation order ID", "reservationOrderId", "Order ID"],
            Field::Name => &["Name", "Display name", "displayName", "Reservation name"],
            Field::Type => &[
                "Type",
                "Reserved resource type",
                "reservedResourceType",
                "Resource type",
            ],
            Field::Sku => &["SKU", "SKU name", "skuName", "Product name"],
            Field::Region => &["Region", "Location"],
            Field::Quantity => &["Quantity"],
            Field::Term => &["Term"],
            Field::BillingPlan => &["Billing plan", "billingPlan", "Billing frequency"],
            Field::PurchaseDate => &["Purchase date", "purchaseDate", "purchaseDateTime"],
            Field::BenefitStart => &[
                "Benefit start date",
                "benefitStartTime",
                "effectiveDateTime",
                "Effective date",
            ],
            Field::Expiry => &[
                "Expiration date",
                "expiryDate",
                "expiryDateTime",
                "Expiry date",
                "Expires",
            ],
            Field::ScopeType => &[
                "Scope type",
                "appliedScopeType",
                "Applied scope type",
                "Scope",
            ],
            Field::AppliedScope => &["Applied scopes", "appliedScopes", "Applied scope"],
            Field::ScopeSubscription => &["Scope subscription", "Subscription", "Subscription ID"],
            Field::ResourceGroup => &["Scope resource group", "Resource group"],
            Field::ManagementGroup => &["Scope management group", "Management group"],
            Field::BillingSubscription => &[
                "Billing subscription",
                "billingScopeId",
                "Billing subscription ID",
            ],
            Field::Flexibility => &[
                "Instance flexibility",
                "instanceFlexibility",
                "Optimize for",
            ],
            Field::Renew => &["Auto-renew", "renew", "Renewal"],
            Field::Status => &["Status", "provisioningState", "Provisioning state"],
            Field::Price => &["Purchase price", "Price", "Amount"],
            Field::Currency => &["Currency", "currencyCode"],
        }
    }

    /// Whether a file without this column is refused (the tenant also is,
    /// unless the customer is chosen for the whole file).
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Reservation
                | Field::Name
                | Field::Type
                | Field::Sku
                | Field::Region
                | Field::Quantity
                | Field::Term
                | Field::BillingPlan
                | Field::PurchaseDate
                | Field::Expiry
        )
    }

    /// The field a heading names, if any.
    pub fn of_heading(heading: &str) -> Option<Field> {
        let wanted = squeeze(heading);
        Field::ALL
            .into_iter()
            .find(|f| f.names().iter().any(|name| squeeze(name) == wanted))
    }
}

/// A heading or value reduced to its lower-case letters and digits.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where each recognised field is in the file, and the headings as typed.
#[derive(Debug, Clone)]
pub struct Columns {
    index: HashMap<Field, usize>,
    headings: Vec<String>,
    /// Commas are decimal separators (a file written with semicolons).
    pub decimal_comma: bool,
}

/// Why a file's headings cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeadingProblem {
    /// Columns the import needs and the file lacks (their template headings).
    Missing(Vec<String>),
    /// Two columns name the same field (the second heading as typed).
    Twice(String),
}

impl Columns {
    /// Reads the heading row; `tenant_chosen` when the whole file is for one
    /// customer chosen on the form (the tenant column is then optional).
    pub fn of(headings: &[&str], tenant_chosen: bool) -> Result<Columns, HeadingProblem> {
        let mut index = HashMap::new();
        for (at, heading) in headings.iter().enumerate() {
            // The portal's file starts with a byte-order mark.
            let heading = heading.trim_start_matches('\u{feff}');
            if let Some(field) = Field::of_heading(heading)
                && index.insert(field, at).is_some()
            {
                return Err(HeadingProblem::Twice(super::shown(heading.trim())));
            }
        }
        let missing: Vec<String> = Field::ALL
            .into_iter()
            .filter(|f| f.required() || (*f == Field::Tenant && !tenant_chosen))
            .filter(|f| !index.contains_key(f))
            .map(|f| f.heading().to_string())
            .collect();
        if !missing.is_empty() {
            return Err(HeadingProblem::Missing(missing));
        }
        Ok(Columns {
            index,
            // Headings are repeated by each problem: a long one is cut.
            headings: headings
                .iter()
                .map(|h| super::shown(h.trim_start_matches('\u{feff}').trim()))
                .collect(),
            decimal_comma: false,
        })
    }

    /// The cell of `field` in `cells`, trimmed (empty when the file has no
    /// such column or the row is short).
    pub fn cell<'a>(&self, cells: &[&'a str], field: Field) -> &'a str {
        self.index
            .get(&field)
            .and_then(|at| cells.get(*at))
            .map_or("", |c| c.trim())
    }

    /// The heading of `field` as the file has it.
    pub fn heading(&self, field: Field) -> String {
        self.index
            .get(&field)
            .and_then(|at| self.headings.get(*at))
            .cloned()
            .unwrap_or_else(|| field.heading().to_string())
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: Field) -> bool {
        self.index.contains_key(&field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_in_any_spelling() {
        assert_eq!(
            Field::of_heading("Reservation Id"),
            Some(Field::Reservation)
        );
        assert_eq!(Field::of_heading("reservationId"), Some(Field::Reservation));
        assert_eq!(
            Field::of_heading(" RESERVATION_ORDER_ID "),
            Some(Field::Order)
        );
        assert_eq!(Field::of_heading("Expiration date"), Some(Field::Expiry));
        assert_eq!(Field::of_heading("Utilization (%)"), None);
    }

    #[test]
    fn missing_columns_are_named_and_the_tenant_may_be_chosen_instead() {
        let portal = [
            "\u{feff}Name",
            "Reservation Id",
            "Reservation order Id",
            "Type",
            "SKU",
            "Region",
            "Quantity",
            "Term",
            "Billing plan",
            "Purchase date",
            "Expiration date",
        ];
        let Err(HeadingProblem::Missing(missing)) = Columns::of(&portal, false) else {
            panic!("the tenant is needed");
        };
        assert_eq!(missing, ["Customer tenant ID"]);
        let columns = Columns::of(&portal, true).expect("read");
        assert_eq!(columns.heading(Field::Name), "Name");
        assert_eq!(columns.cell(&["  Web ", "x"], Field::Name), "Web");
        assert!(!columns.has(Field::Renew));
        assert_eq!(columns.cell(&["a"], Field::Renew), "");
        let twice = Columns::of(&["Region", "Location"], true);
        assert_eq!(twice.err(), Some(HeadingProblem::Twice("Location".into())));
    }
}
