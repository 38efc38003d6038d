//! Buying in Azure: calculatePrice for the price and the order's ID, then
//! a PUT of the order under that ID, followed as a long-running operation.

use reqwest::Method;
use serde_json::{Value, json};

use super::AzureSystem;
use crate::app::Error;
use crate::app::system::{Bought, Buy};
use crate::azure::call::{Call, after_sending, scope_properties};
use crate::azure::model;
use crate::azure::operations::Outcome;
use crate::domain::ids::{TenantId, order_resource_path};
use crate::domain::money::Money;

/// A PurchaseRequest for `buy` in `tenant`.
fn purchase_request(tenant: TenantId, buy: &Buy) -> Value {
    let mut properties = scope_properties(&buy.scope, &tenant.to_string());
    properties["reservedResourceType"] = json!(buy.resource_type.as_str());
    properties["billingScopeId"] = json!(format!("/subscriptions/{}", buy.billing));
    properties["term"] = json!(buy.plan.term.as_str());
    properties["billingPlan"] = json!(buy.plan.billing_plan.as_str());
    properties["quantity"] = json!(buy.plan.quantity);
    properties["displayName"] = json!(buy.display_name);
    properties["renew"] = json!(false);
    json!({"sku": {"name": buy.sku}, "location": buy.region, "properties": properties})
}

/// What calculatePrice says the purchase costs in US dollars, to the cent
/// (the billing currency's total when it is dollars, else the pricing
/// currency's); none when neither is, and the catalogue's price stands.
fn usd_total(answer: &Value) -> Option<Money> {
    [
        "/properties/billingCurrencyTotal",
        "/properties/pricingCurrencyTotal",
    ]
    .into_iter()
    .filter_map(|pointer| model::price(answer, pointer))
    .find(|(_, currency)| currency == "USD")
    .map(|(amount, _)| amount.round2())
}

/// calculatePrice for `body`: its answer's properties, or Azure's refusal.
async fn calculate_price(call: &Call, body: &Value) -> Result<Value, Error> {
    match call
        .send(
            Method::POST,
            "/providers/Microsoft.Capacity/calculatePrice",
            body,
        )
        .await?
    {
        Outcome::Succeeded(answer) => Ok(answer),
        Outcome::Failed(message) => Err(call.refusal(message, None)),
        Outcome::Pending => Err(call.refusal(
            "Azure did not answer the price calculation in time.".into(),
            None,
        )),
    }
}

impl AzureSystem {
    /// Azure's price of `buy` (calculatePrice), in dollars.
    pub(super) fn price_of(&self, tenant: TenantId, buy: &Buy) -> Result<Option<Money>, Error> {
        let body = purchase_request(tenant, buy);
        let (client, wait) = self.calls();
        let call = Call::in_tenant(client, tenant, wait);
        self.run(async move {
            let answer = calculate_price(&call, &body).await?;
            Ok(usd_total(&answer))
        })
    }

    /// Buys `buy`: calculatePrice, then a PUT of the order under the ID it
    /// gave, followed to its end.
    pub(super) fn buy(&self, tenant: TenantId, buy: &Buy) -> Result<Bought, Error> {
        let body = purchase_request(tenant, buy);
        let (client, wait) = self.calls();
        let call = Call::in_tenant(client, tenant, wait);
        self.run(async move {
            let answer = calculate_price(&call, &body).await?;
            let price = usd_total(&answer);
            let Some(order) = answer
                .pointer("/properties/reservationOrderId")
                .and_then(Value::as_str)
                .and_then(|id| model::order_path(id).or_else(|| id.parse().ok()))
            else {
                return Err(call.refusal(
                    "Azure priced the purchase without naming its order.".into(),
                    None,
                ));
            };
            let path = order_resource_path(order);
            let bought = call
                .carry_out((Method::PUT, &path), &body, "purchase")
                .await?;
            let reservation = bought
                .pointer("/properties/reservations/0/id")
                .and_then(Value::as_str)
                .and_then(model::reservation_path)
                .map(|(_, r)| r);
            let Some(reservation) = reservation else {
                return Err(after_sending(call.refusal(
                    "Azure finished the purchase without naming the new reservation.".into(),
                    None,
                )));
            };
            Ok(Bought {
                order,
                reservation,
                price,
                receipt: call.receipt(),
            })
        })
    }
}
