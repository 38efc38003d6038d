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

use super::call::{Call, after_sending, figures_of, scope_properties, to_return};
use super::client::Client;
use super::connection::Connection;
use super::model;
use super::operations::Outcome;
use crate::app::Error;
use crate::app::system::{
    Applied, Bought, Buy, Exchanged, Figures, LocalSystem, Place, Receipt, Replacement,
    ReservationSystem, Reshaped, Returned, Setup,
};
use crate::db::reservations::Reservation;
use crate::domain::ids::{ReservationId, TenantId, order_resource_path, reservation_resource_path};
use crate::domain::money::Money;
use crate::domain::policy::{ExchangeQuote, Holding, RefundQuote, Settings};

/// How long a page waits for a change to finish in Azure before saying it
/// is still being applied.
pub const WAIT: Duration = Duration::from_secs(60);

mod buy;

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

impl AzureSystem {
    /// A split or a merge: POSTs `body` to `url` and reads the new
    /// reservations from the answer (every one that is not a source and is
    /// not closed), matched to the `wanted` quantities.
    fn reshape(
        &self,
        place: &Place,
        url: String,
        body: Value,
        sources: &[ReservationId],
        wanted: Vec<i32>,
    ) -> Result<Reshaped, Error> {
        let sources = sources.to_vec();
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            let answer = match call.send(Method::POST, &url, &body).await? {
                Outcome::Succeeded(answer) => answer,
                Outcome::Failed(message) => return Err(call.refusal(message, None)),
                Outcome::Pending => {
                    return Err(after_sending(call.refusal(
                        "Azure is still carrying out the change; the next sync shows it.".into(),
                        None,
                    )));
                }
            };
            let items = answer
                .as_array()
                .or_else(|| answer.get("value").and_then(Value::as_array))
                .cloned()
                .unwrap_or_default();
            let made = model::made_by_reshape(&items, &sources, &wanted);
            if made.len() != wanted.len() {
                return Err(after_sending(call.refusal(
                    "Azure finished without naming the new reservations.".into(),
                    None,
                )));
            }
            Ok(Reshaped {
                made,
                receipt: call.receipt(),
            })
        })
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
        if let Some(renewal) = &wanted.renewal {
            // What Azure buys at expiry: a PurchaseRequest like the one
            // that bought it, with the plan's term, billing plan and quantity.
            let mut buy = scope_properties(&wanted.scope, &place.tenant.to_string());
            buy["reservedResourceType"] = json!(renewal.resource_type.as_str());
            buy["billingScopeId"] = json!(format!("/subscriptions/{}", place.billing));
            buy["term"] = json!(renewal.plan.term.as_str());
            buy["billingPlan"] = json!(renewal.plan.billing_plan.as_str());
            buy["quantity"] = json!(renewal.plan.quantity);
            buy["displayName"] = json!(wanted.display_name);
            buy["renew"] = json!(false);
            properties["renewProperties"] = json!({"purchaseProperties": {
                "sku": {"name": renewal.sku},
                "location": renewal.region,
                "properties": buy
            }});
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

    fn price(&self, tenant: TenantId, buy: &Buy) -> Result<Option<Money>, Error> {
        self.price_of(tenant, buy)
    }

    fn purchase(&self, tenant: TenantId, buy: &Buy) -> Result<Bought, Error> {
        self.buy(tenant, buy)
    }

    fn set_archived(&self, place: &Place, archived: bool) -> Result<Receipt, Error> {
        let path = reservation_resource_path(place.order, place.reservation);
        let verb = if archived { "archive" } else { "unarchive" };
        let (client, wait) = self.calls();
        let call = Call::new(client, place, wait);
        self.run(async move {
            match call
                .send(Method::POST, &format!("{path}/{verb}"), &json!({}))
                .await?
            {
                Outcome::Succeeded(_) => Ok(call.receipt()),
                Outcome::Pending => Err(call.refusal(
                    format!(
                        "Azure did not finish the {verb} in time; the next sync shows the outcome."
                    ),
                    None,
                )),
                Outcome::Failed(message) => Err(call.refusal(message, None)),
            }
        })
    }

    fn split(&self, place: &Place, quantities: [i32; 2]) -> Result<Reshaped, Error> {
        let body = json!({"properties": {
            "quantities": quantities,
            "reservationId": reservation_resource_path(place.order, place.reservation),
        }});
        let url = format!("{}/split", order_resource_path(place.order));
        self.reshape(place, url, body, &[place.reservation], quantities.to_vec())
    }

    fn merge(
        &self,
        place: &Place,
        sources: &[ReservationId],
        quantity: i32,
    ) -> Result<Reshaped, Error> {
        let paths: Vec<String> = sources
            .iter()
            .map(|s| reservation_resource_path(place.order, *s))
            .collect();
        let body = json!({"properties": {"sources": paths}});
        let url = format!("{}/merge", order_resource_path(place.order));
        self.reshape(place, url, body, sources, vec![quantity])
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
            let answer = call
                .carry_out(
                    (Method::POST, &format!("{capacity}/exchange")),
                    &json!({"properties": {"sessionId": session}}),
                    "exchange",
                )
                .await?;
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
                model::price(&result, "/properties/netPayable").map(|(amount, currency)| Figures {
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
