//! Azure as the system of record: a configuration is PATCHed onto the
//! reservation, a refund is calculateRefund then return, an exchange is
//! calculateExchange then exchange, each under a correlation ID of ours
//! and each waited for on the connection's own runtime (the use case calls
//! it outside any transaction). Whatever Azure refuses comes back in its
//! own words.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::client::{CAPACITY_API, CallError, Client};
use super::connection::Connection;
use super::model;
use super::operations::Outcome;
use crate::app::system::{
    Applied, Exchanged, Figures, LocalSystem, Place, Receipt, Replacement, ReservationSystem,
    Returned, Setup,
};
use crate::app::{Error, Refusal, RemoteRefusal};
use crate::db::reservations::Reservation;
use crate::domain::ids::{order_resource_path, reservation_resource_path};
use crate::domain::policy::{ExchangeQuote, Holding, RefundQuote, Settings};
use crate::domain::remote::RemoteScope;

/// How long a page waits for a change to finish in Azure before saying it
/// is still being applied.
pub const WAIT: Duration = Duration::from_secs(60);

/// Reservations changed in Azure.
pub struct AzureSystem {
    connection: Arc<Connection>,
    wait: Duration,
}

impl AzureSystem {
    /// Azure through this connection, waiting at most `wait` for a change.
    pub fn new(connection: Arc<Connection>, wait: Duration) -> AzureSystem {
        AzureSystem { connection, wait }
    }

    /// The client and the wait, for one exchange of calls.
    fn calls(&self) -> (Arc<Client>, Duration) {
        (self.connection.client().clone(), self.wait)
    }

    /// Runs one exchange of calls with Azure on the connection's runtime.
    fn run<T: Send + 'static>(
        &self,
        work: impl std::future::Future<Output = Result<T, Error>> + Send + 'static,
    ) -> Result<T, Error> {
        self.connection
            .wait_for(work)
            .unwrap_or_else(|| Err(Error::Internal("the Azure connection has stopped".into())))
    }
}

/// A refusal in Azure's words (or the transport's, when Azure could not be
/// reached), with the correlation ID the call went under.
fn refused(e: CallError, correlation: &str) -> Error {
    let (message, code) = match e {
        CallError::Refused { code, message, .. } => (message, code),
        unreachable @ CallError::Unreachable { .. } => (unreachable.to_string(), None),
    };
    Error::Refused(Refusal::Azure(RemoteRefusal {
        message,
        code,
        correlation_id: Some(correlation.to_string()),
    }))
}

fn refusal(message: String, code: Option<String>, correlation: &str) -> Error {
    Error::Refused(Refusal::Azure(RemoteRefusal {
        message,
        code,
        correlation_id: Some(correlation.to_string()),
    }))
}

/// The first of Azure's policy errors, if any (`policyErrors` may be null).
fn policy_error(result: &Value, pointer: &str) -> Option<(String, Option<String>)> {
    let first = result.pointer(pointer)?.as_array()?.first()?;
    let message = first
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("Azure's refund policy does not allow this.")
        .to_string();
    let code = first
        .get("code")
        .and_then(Value::as_str)
        .map(str::to_string);
    Some((message, code))
}

/// The applied scope as the PATCH and purchase bodies name it.
fn scope_properties(scope: &RemoteScope, tenant: &str) -> Value {
    match scope {
        RemoteScope::Shared => json!({"appliedScopeType": "Shared"}),
        RemoteScope::Single {
            subscription,
            resource_group: None,
        } => {
            let id = format!("/subscriptions/{subscription}");
            json!({"appliedScopeType": "Single", "appliedScopes": [id],
                   "appliedScopeProperties": {"subscriptionId": id}})
        }
        RemoteScope::Single {
            subscription,
            resource_group: Some(group),
        } => {
            let id = format!("/subscriptions/{subscription}/resourceGroups/{group}");
            json!({"appliedScopeType": "Single", "appliedScopes": [id],
                   "appliedScopeProperties": {"resourceGroupId": id}})
        }
        RemoteScope::ManagementGroup { name } => json!({
            "appliedScopeType": "ManagementGroup",
            "appliedScopeProperties": {
                "tenantId": tenant,
                "managementGroupId": format!("/providers/Microsoft.Management/managementGroups/{name}")
            }
        }),
    }
}

/// A `Price` read as figures.
fn price_of(value: &Value, pointer: &str) -> Option<(crate::domain::money::Money, String)> {
    model::price(value, pointer)
}

impl ReservationSystem for AzureSystem {
    fn is_remote(&self) -> bool {
        true
    }

    fn refund_quote(
        &self,
        holding: &Holding,
        today: chrono::NaiveDate,
        settings: &Settings,
    ) -> RefundQuote {
        LocalSystem.refund_quote(holding, today, settings)
    }

    fn apply_configuration(&self, place: &Place, wanted: &Setup) -> Result<Applied, Error> {
        let place = place.clone();
        let wanted = wanted.clone();
        let (client, wait) = self.calls();
        self.run(async move {
            let arm = client.settings().endpoints.arm.clone();
            let tenant = place.tenant.to_string();
            let scope = client.arm_scope();
            let url = format!(
                "{arm}{}?api-version={CAPACITY_API}",
                reservation_resource_path(place.order, place.reservation)
            );
            let mut properties = scope_properties(&wanted.scope, &tenant);
            properties["name"] = json!(wanted.display_name);
            properties["renew"] = json!(wanted.renew);
            if let Some(flexibility) = wanted.flexibility {
                properties["instanceFlexibility"] = json!(flexibility.as_str());
            }
            let correlation = uuid::Uuid::new_v4().to_string();
            let receipt = Receipt {
                correlation_id: Some(correlation.clone()),
            };
            match client
                .change_as(
                    &arm,
                    (Method::PATCH, &url),
                    (&tenant, &scope),
                    &json!({ "properties": properties }),
                    wait,
                    &correlation,
                )
                .await
            {
                Ok(Outcome::Succeeded(_)) => Ok(Applied::Done(receipt)),
                Ok(Outcome::Pending) => Ok(Applied::Pending(receipt)),
                Ok(Outcome::Failed(message)) => Err(refusal(message, None, &correlation)),
                Err(e) => Err(refused(e, &correlation)),
            }
        })
    }

    fn return_reservation(
        &self,
        place: &Place,
        quantity: i32,
        _quote: &RefundQuote,
    ) -> Result<Returned, Error> {
        let place = place.clone();
        let (client, wait) = self.calls();
        self.run(async move {
            let arm = client.settings().endpoints.arm.clone();
            let tenant = place.tenant.to_string();
            let scope = client.arm_scope();
            let order = order_resource_path(place.order);
            let to_return = json!({
                "reservationId": reservation_resource_path(place.order, place.reservation),
                "quantity": quantity
            });
            let correlation = uuid::Uuid::new_v4().to_string();
            let calculated = client
                .change_as(
                    &arm,
                    (
                        Method::POST,
                        &format!("{arm}{order}/calculateRefund?api-version={CAPACITY_API}"),
                    ),
                    (&tenant, &scope),
                    &json!({"id": order, "properties": {"scope": "Reservation", "reservationToReturn": to_return}}),
                    wait,
                    &correlation,
                )
                .await
                .map_err(|e| refused(e, &correlation))?;
            let Outcome::Succeeded(result) = calculated else {
                return Err(refusal(
                    "Azure did not answer the refund calculation in time.".into(),
                    None,
                    &correlation,
                ));
            };
            if let Some((message, code)) =
                policy_error(&result, "/properties/policyResult/properties/policyErrors")
            {
                return Err(refusal(message, code, &correlation));
            }
            let session = result
                .pointer("/properties/sessionId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let returned = client
                .change_as(
                    &arm,
                    (
                        Method::POST,
                        &format!("{arm}{order}/return?api-version={CAPACITY_API}"),
                    ),
                    (&tenant, &scope),
                    &json!({"properties": {
                        "sessionId": session,
                        "scope": "Reservation",
                        "reservationToReturn": to_return,
                        "returnReason": "Approved support request"
                    }}),
                    wait,
                    &correlation,
                )
                .await
                .map_err(|e| refused(e, &correlation))?;
            if let Outcome::Failed(message) = returned {
                return Err(refusal(message, None, &correlation));
            }
            let figures = price_of(&result, "/properties/billingRefundAmount").map(
                |(amount, currency)| Figures {
                    session_id: session.clone(),
                    amount,
                    currency,
                    consumed_refunds_total: price_of(
                        &result,
                        "/properties/policyResult/properties/consumedRefundsTotal",
                    )
                    .map(|(m, _)| m),
                    max_refund_limit: price_of(
                        &result,
                        "/properties/policyResult/properties/maxRefundLimit",
                    )
                    .map(|(m, _)| m),
                },
            );
            Ok(Returned {
                receipt: Receipt {
                    correlation_id: Some(correlation),
                },
                figures,
            })
        })
    }

    fn exchange(
        &self,
        place: &Place,
        old: &Reservation,
        replacement: &Replacement,
        _quote: &ExchangeQuote,
    ) -> Result<Exchanged, Error> {
        let place = place.clone();
        let purchase = {
            let mut properties = scope_properties(&place.scope, &place.tenant.to_string());
            properties["reservedResourceType"] = json!(old.resource_type.as_str());
            properties["billingScopeId"] = json!(format!("/subscriptions/{}", place.billing));
            properties["term"] = json!(replacement.wanted.term.as_str());
            properties["billingPlan"] = json!("Upfront");
            properties["quantity"] = json!(replacement.wanted.quantity);
            properties["displayName"] = json!(old.display_name);
            properties["renew"] = json!(old.renew);
            if let Some(flexibility) = &old.instance_flexibility {
                properties["reservedResourceProperties"] =
                    json!({"instanceFlexibility": flexibility});
            }
            json!({"sku": {"name": replacement.sku}, "location": replacement.region, "properties": properties})
        };
        let returned_quantity = old.quantity;
        let (client, wait) = self.calls();
        self.run(async move {
            let arm = client.settings().endpoints.arm.clone();
            let tenant = place.tenant.to_string();
            let scope = client.arm_scope();
            let capacity = format!("{arm}/providers/Microsoft.Capacity");
            let correlation = uuid::Uuid::new_v4().to_string();
            let calculated = client
                .change_as(
                    &arm,
                    (
                        Method::POST,
                        &format!("{capacity}/calculateExchange?api-version={CAPACITY_API}"),
                    ),
                    (&tenant, &scope),
                    &json!({"properties": {
                        "reservationsToPurchase": [purchase],
                        "reservationsToExchange": [{
                            "reservationId": reservation_resource_path(place.order, place.reservation),
                            "quantity": returned_quantity
                        }]
                    }}),
                    wait,
                    &correlation,
                )
                .await
                .map_err(|e| refused(e, &correlation))?;
            let result = match calculated {
                Outcome::Succeeded(result) => result,
                Outcome::Failed(message) => return Err(refusal(message, None, &correlation)),
                Outcome::Pending => {
                    return Err(refusal(
                        "Azure did not answer the exchange calculation in time.".into(),
                        None,
                        &correlation,
                    ));
                }
            };
            if let Some((message, code)) =
                policy_error(&result, "/properties/policyResult/policyErrors")
            {
                return Err(refusal(message, code, &correlation));
            }
            let session = result
                .pointer("/properties/sessionId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let done = client
                .change_as(
                    &arm,
                    (
                        Method::POST,
                        &format!("{capacity}/exchange?api-version={CAPACITY_API}"),
                    ),
                    (&tenant, &scope),
                    &json!({"properties": {"sessionId": session}}),
                    wait,
                    &correlation,
                )
                .await
                .map_err(|e| refused(e, &correlation))?;
            let answer = match done {
                Outcome::Succeeded(answer) => answer,
                Outcome::Failed(message) => return Err(refusal(message, None, &correlation)),
                Outcome::Pending => {
                    return Err(refusal(
                        "Azure is still carrying out the exchange; the next sync shows its result."
                            .into(),
                        None,
                        &correlation,
                    ));
                }
            };
            let bought = answer
                .pointer("/properties/reservationsToPurchase/0")
                .cloned()
                .unwrap_or_default();
            let text = |name: &str| bought.get(name).and_then(Value::as_str).unwrap_or_default();
            let order = model::order_path(text("reservationOrderId"))
                .or_else(|| text("reservationOrderId").parse().ok());
            let reservation = model::reservation_path(text("reservationId"))
                .map(|(_, r)| r)
                .or_else(|| text("reservationId").parse().ok());
            let (Some(order), Some(reservation)) = (order, reservation) else {
                return Err(refusal(
                    "Azure finished the exchange without naming the new reservation.".into(),
                    None,
                    &correlation,
                ));
            };
            let figures = price_of(&result, "/properties/netPayable").map(|(amount, currency)| {
                Figures {
                    session_id: session.clone(),
                    amount,
                    currency,
                    consumed_refunds_total: None,
                    max_refund_limit: None,
                }
            });
            Ok(Exchanged {
                order,
                reservation,
                receipt: Receipt {
                    correlation_id: Some(correlation),
                },
                figures,
            })
        })
    }
}
