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
    refusal(message, code, correlation)
}

fn refusal(message: String, code: Option<String>, correlation: &str) -> Error {
    Error::Refused(Refusal::Azure(RemoteRefusal {
        message,
        code,
        correlation_id: Some(correlation.to_string()),
        uncertain: false,
    }))
}

/// After a change was sent: anything but a plain refusal of the request
/// (a 4xx, or the operation ending `Failed`) leaves it unknown whether
/// Azure carried it out.
fn after_sending(e: Error) -> Error {
    match e {
        Error::Refused(Refusal::Azure(mut r)) => {
            let plain = r.code.is_some() && !r.message.starts_with("cannot reach");
            if !plain {
                r.uncertain = true;
                r.message = format!(
                    "{} Azure may have carried the change out; the next sync shows it.",
                    r.message
                );
            }
            Error::Refused(Refusal::Azure(r))
        }
        other => other,
    }
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

/// The order's path, and what a refund returns of the reservation.
fn to_return(place: &Place, quantity: i32) -> (String, Value) {
    (
        order_resource_path(place.order),
        json!({
            "reservationId": reservation_resource_path(place.order, place.reservation),
            "quantity": quantity
        }),
    )
}

/// A RefundResult's figures.
fn figures_of(result: &Value, session: String) -> Option<Figures> {
    let policy = "/properties/policyResult/properties";
    price_of(result, "/properties/billingRefundAmount").map(|(amount, currency)| Figures {
        session_id: session,
        amount,
        currency,
        consumed_refunds_total: price_of(result, &format!("{policy}/consumedRefundsTotal"))
            .map(|(m, _)| m),
        max_refund_limit: price_of(result, &format!("{policy}/maxRefundLimit")).map(|(m, _)| m),
    })
}

/// One exchange of calls with Resource Manager for one customer tenant,
/// under one correlation ID.
struct Call {
    client: Arc<Client>,
    tenant: String,
    wait: Duration,
    correlation: String,
}

impl Call {
    fn new(client: Arc<Client>, place: &Place, wait: Duration) -> Call {
        Call {
            client,
            tenant: place.tenant.to_string(),
            wait,
            correlation: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// `{arm}{path}?api-version=…`.
    fn url(&self, path: &str) -> String {
        let arm = &self.client.settings().endpoints.arm;
        format!("{arm}{path}?api-version={CAPACITY_API}")
    }

    /// Sends a change and follows it; a refusal in Azure's words.
    async fn send(&self, method: Method, path: &str, body: &Value) -> Result<Outcome, Error> {
        let arm = self.client.settings().endpoints.arm.clone();
        let scope = self.client.arm_scope();
        self.client
            .change_as(
                &arm,
                (method, &self.url(path)),
                (&self.tenant, &scope),
                body,
                self.wait,
                &self.correlation,
            )
            .await
            .map_err(|e| refused(e, &self.correlation))
    }

    /// A calculation (calculateRefund, calculateExchange): its result and
    /// session, or Azure's refusal (a failure, a policy error, no answer in
    /// time).
    async fn quote(
        &self,
        path: &str,
        body: &Value,
        policy_errors: &str,
    ) -> Result<(Value, String), Error> {
        let result = match self.send(Method::POST, path, body).await? {
            Outcome::Succeeded(result) => result,
            Outcome::Failed(message) => return Err(self.refusal(message, None)),
            Outcome::Pending => {
                return Err(
                    self.refusal("Azure did not answer the calculation in time.".into(), None)
                );
            }
        };
        if let Some((message, code)) = policy_error(&result, policy_errors) {
            return Err(self.refusal(message, code));
        }
        let session = result
            .pointer("/properties/sessionId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        Ok((result, session))
    }

    /// calculateRefund for returning `to_return` of `order` (its path).
    async fn calculate_refund(
        &self,
        order: &str,
        to_return: &Value,
    ) -> Result<(Value, String), Error> {
        self.quote(
            &format!("{order}/calculateRefund"),
            &json!({"id": order, "properties": {"scope": "Reservation", "reservationToReturn": to_return}}),
            "/properties/policyResult/properties/policyErrors",
        )
        .await
    }

    fn refusal(&self, message: String, code: Option<String>) -> Error {
        refusal(message, code, &self.correlation)
    }

    fn receipt(&self) -> Receipt {
        Receipt {
            correlation_id: Some(self.correlation.clone()),
        }
    }
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

    fn refund_figures(&self, place: &Place, quantity: i32) -> Result<Option<Figures>, Error> {
        let (order, to_return) = to_return(place, quantity);
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            let (result, session) = call.calculate_refund(&order, &to_return).await?;
            Ok(figures_of(&result, session))
        })
    }

    fn apply_configuration(&self, place: &Place, wanted: &Setup) -> Result<Applied, Error> {
        let path = reservation_resource_path(place.order, place.reservation);
        let mut properties = scope_properties(&wanted.scope, &place.tenant.to_string());
        properties["name"] = json!(wanted.display_name);
        properties["renew"] = json!(wanted.renew);
        if let Some(flexibility) = wanted.flexibility {
            properties["instanceFlexibility"] = json!(flexibility.as_str());
        }
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            match call
                .send(Method::PATCH, &path, &json!({ "properties": properties }))
                .await?
            {
                Outcome::Succeeded(_) => Ok(Applied::Done(call.receipt())),
                Outcome::Pending => Ok(Applied::Pending(call.receipt())),
                Outcome::Failed(message) => Err(call.refusal(message, None)),
            }
        })
    }

    fn return_reservation(
        &self,
        place: &Place,
        quantity: i32,
        _quote: &RefundQuote,
    ) -> Result<Returned, Error> {
        let (order, to_return) = to_return(place, quantity);
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            let (result, session) = call.calculate_refund(&order, &to_return).await?;
            let returned = call
                .send(
                    Method::POST,
                    &format!("{order}/return"),
                    &json!({"properties": {
                        "sessionId": session,
                        "scope": "Reservation",
                        "reservationToReturn": to_return,
                        "returnReason": "Approved support request"
                    }}),
                )
                .await
                .map_err(after_sending)?;
            if let Outcome::Failed(message) = returned {
                return Err(call.refusal(message, None));
            }
            let figures = figures_of(&result, session);
            Ok(Returned {
                receipt: call.receipt(),
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
        let exchange = json!({"properties": {
            "reservationsToPurchase": [purchase],
            "reservationsToExchange": [{
                "reservationId": reservation_resource_path(place.order, place.reservation),
                "quantity": old.quantity
            }]
        }});
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            let capacity = "/providers/Microsoft.Capacity";
            let (result, session) = call
                .quote(
                    &format!("{capacity}/calculateExchange"),
                    &exchange,
                    "/properties/policyResult/policyErrors",
                )
                .await?;
            let answer = match call
                .send(
                    Method::POST,
                    &format!("{capacity}/exchange"),
                    &json!({"properties": {"sessionId": session}}),
                )
                .await
                .map_err(after_sending)?
            {
                Outcome::Succeeded(answer) => answer,
                Outcome::Failed(message) => return Err(call.refusal(message, None)),
                Outcome::Pending => {
                    return Err(after_sending(
                        call.refusal("Azure is still carrying out the exchange.".into(), None),
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
                return Err(after_sending(call.refusal(
                    "Azure finished the exchange without naming the new reservation.".into(),
                    None,
                )));
            };
            let figures =
                price_of(&result, "/properties/netPayable").map(|(amount, currency)| Figures {
                    session_id: session.clone(),
                    amount,
                    currency,
                    consumed_refunds_total: None,
                    max_refund_limit: None,
                });
            Ok(Exchanged {
                order,
                reservation,
                receipt: call.receipt(),
                figures,
            })
        })
    }
}
