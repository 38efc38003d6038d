//! `partner-dashboard azure check`: the settings tried end to end, each step
//! said in words an admin can act on.

use super::client::{CAPACITY_API, CallError, Client};
use crate::domain::ids::TenantId;

/// One step of the check and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What was tried.
    pub what: String,
    /// How it went: what was found, or what failed and what to do.
    pub outcome: Result<String, String>,
}

/// What to do about a refusal, where the service's code says.
fn advice(e: &CallError) -> Option<&'static str> {
    let CallError::Refused { code, status, .. } = e else {
        return Some("check the address, the proxy and the firewall");
    };
    Some(match (code.as_deref(), status) {
        (Some("AADSTS7000215" | "AADSTS7000222"), _) => {
            "the client secret is wrong or expired: create a new one under App registrations → Certificates & secrets"
        }
        (Some("AADSTS700016"), _) => {
            "the application ID is not known in that tenant: check it, and in a customer tenant grant consent"
        }
        (Some("AADSTS90002" | "AADSTS900023"), _) => "the tenant ID is not known: check it",
        (Some("AuthorizationFailed"), _) | (_, 403) => {
            "the application has no role there: give it Reservations Reader (or higher) in that tenant"
        }
        (_, 401) => "the token was refused: check the application's API permissions and consent",
        _ => return None,
    })
}

fn failed(e: &CallError) -> String {
    match advice(e) {
        Some(hint) => format!("{e}; {hint}"),
        None => e.to_string(),
    }
}

/// Tries the settings: a token for the partner tenant, Partner Center's
/// customers, and one customer tenant's reservation orders. Stops at the
/// first step the others depend on.
pub async fn run(client: &Client) -> Vec<Step> {
    let settings = client.settings();
    let mut steps = Vec::new();
    let partner = settings.tenant.to_string();
    let pc_scope = client.partner_center_scope();
    let token = client.token(&partner, &pc_scope).await;
    steps.push(Step {
        what: format!("token for the partner tenant {partner}"),
        outcome: token.as_ref().map(|_| "issued".to_string()).map_err(failed),
    });
    if token.is_err() {
        return steps;
    }
    let pc = &settings.endpoints.partner_center;
    let customers = client
        .read(
            pc,
            &format!("{pc}/v1/customers?size=5"),
            (&partner, &pc_scope),
        )
        .await;
    let first_customer = customers.as_ref().ok().and_then(|json| {
        // Only a tenant ID (a GUID) goes into the token request's path.
        json.get("items")?.as_array()?.iter().find_map(|c| {
            let tenant = c.pointer("/companyProfile/tenantId")?.as_str()?;
            Some(tenant.parse::<TenantId>().ok()?.to_string())
        })
    });
    steps.push(Step {
        what: format!("Partner Center at {pc}"),
        outcome: match &customers {
            Ok(json) => {
                let total = json
                    .get("totalCount")
                    .and_then(serde_json::Value::as_i64)
                    .map_or_else(|| "some".to_string(), |n| n.to_string());
                Ok(format!("reachable; {total} customers"))
            }
            Err(e) => Err(failed(e)),
        },
    });
    let Some(customer) = first_customer else {
        if customers.is_ok() {
            steps.push(Step {
                what: "a customer tenant".into(),
                outcome: Err("Partner Center lists no customer with a tenant ID to try".into()),
            });
        }
        return steps;
    };
    let arm = &settings.endpoints.arm;
    let arm_scope = client.arm_scope();
    let reached = match client.token(&customer, &arm_scope).await {
        Err(e) => Err(failed(&e)),
        Ok(_) => client
            .read(
                arm,
                &format!("{arm}/providers/Microsoft.Capacity/reservationOrders?api-version={CAPACITY_API}"),
                (&customer, &arm_scope),
            )
            .await
            .map(|json| {
                let orders = json
                    .get("value")
                    .and_then(serde_json::Value::as_array)
                    .map_or(0, Vec::len);
                let more = json
                    .get("nextLink")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|l| !l.is_empty());
                format!(
                    "reachable; {orders}{} reservation orders",
                    if more { " or more" } else { "" }
                )
            })
            .map_err(|e| failed(&e)),
    };
    steps.push(Step {
        what: format!("the customer tenant {customer} through Resource Manager at {arm}"),
        outcome: reached,
    });
    steps
}
