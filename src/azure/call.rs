//! One exchange of calls with Resource Manager for a change to a
//! reservation, under one correlation ID: sending and following the change,
//! the quotes (calculateRefund, calculateExchange) and their policy
//! errors, and Azure's refusals in its own words.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::client::{CAPACITY_API, CallError, Client};
use super::model;
use super::operations::Outcome;
use crate::app::system::{Figures, Place, Receipt};
use crate::app::{Error, Refusal, RemoteRefusal};
use crate::domain::ids::{TenantId, order_resource_path, reservation_resource_path};
use crate::domain::remote::RemoteScope;

/// A refusal in Azure's words (or the transport's, when Azure could not be
/// reached), with the correlation ID the call went under.
pub(super) fn refused(e: CallError, correlation: &str) -> Error {
    let (message, code) = match e {
        CallError::Refused { code, message, .. } => (message, code),
        unreachable @ CallError::Unreachable { .. } => (unreachable.to_string(), None),
    };
    refusal(message, code, correlation)
}

pub(super) fn refusal(message: String, code: Option<String>, correlation: &str) -> Error {
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
pub(super) fn after_sending(e: Error) -> Error {
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
pub(super) fn policy_error(result: &Value, pointer: &str) -> Option<(String, Option<String>)> {
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
pub(super) fn scope_properties(scope: &RemoteScope, tenant: &str) -> Value {
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

/// The order's path, and what a refund returns of the reservation.
pub(super) fn to_return(place: &Place, quantity: i32) -> (String, Value) {
    (
        order_resource_path(place.order),
        json!({
            "reservationId": reservation_resource_path(place.order, place.reservation),
            "quantity": quantity
        }),
    )
}

/// A RefundResult's figures.
pub(super) fn figures_of(result: &Value, session: String) -> Option<Figures> {
    let policy = "/properties/policyResult/properties";
    model::price(result, "/properties/billingRefundAmount").map(|(amount, currency)| Figures {
        session_id: session,
        amount,
        currency,
        consumed_refunds_total: model::price(result, &format!("{policy}/consumedRefundsTotal"))
            .map(|(m, _)| m),
        max_refund_limit: model::price(result, &format!("{policy}/maxRefundLimit")).map(|(m, _)| m),
    })
}

/// One exchange of calls with Resource Manager for one customer tenant,
/// under one correlation ID.
pub(super) struct Call {
    client: Arc<Client>,
    tenant: String,
    wait: Duration,
    correlation: String,
}

impl Call {
    pub(super) fn new(client: Arc<Client>, place: &Place, wait: Duration) -> Call {
        Call::in_tenant(client, place.tenant, wait)
    }

    /// Calls in the customer's `tenant` that name no reservation yet (a
    /// purchase).
    pub(super) fn in_tenant(client: Arc<Client>, tenant: TenantId, wait: Duration) -> Call {
        Call {
            client,
            tenant: tenant.to_string(),
            wait,
            correlation: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// `{arm}{path}?api-version=…`.
    pub(super) fn url(&self, path: &str) -> String {
        let arm = &self.client.settings().endpoints.arm;
        format!("{arm}{path}?api-version={CAPACITY_API}")
    }

    /// Sends a change and follows it; a refusal in Azure's words.
    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<Outcome, Error> {
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

    /// Sends a change that buys (an exchange, a purchase) and waits for its
    /// end: Azure's final answer, or its refusal. Past the sending, a
    /// failure may hide a change Azure carried out, and says so; `what`
    /// names the change in the message of one still running.
    pub(super) async fn carry_out(
        &self,
        (method, path): (Method, &str),
        body: &Value,
        what: &str,
    ) -> Result<Value, Error> {
        match self.send(method, path, body).await.map_err(after_sending)? {
            Outcome::Succeeded(answer) => Ok(answer),
            Outcome::Failed(message) => Err(self.refusal(message, None)),
            Outcome::Pending => Err(after_sending(
                self.refusal(format!("Azure is still carrying out the {what}."), None),
            )),
        }
    }

    /// A calculation (calculateRefund, calculateExchange): its result and
    /// session, or Azure's refusal (a failure, a policy error, no answer in
    /// time).
    pub(super) async fn quote(
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
    pub(super) async fn calculate_refund(
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

    pub(super) fn refusal(&self, message: String, code: Option<String>) -> Error {
        refusal(message, code, &self.correlation)
    }

    pub(super) fn receipt(&self) -> Receipt {
        Receipt {
            correlation_id: Some(self.correlation.clone()),
        }
    }
}
