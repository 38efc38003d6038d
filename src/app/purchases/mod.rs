//! Buying reservations for a customer (Admin and Sales agents): the
//! catalogue filtered by type, region, term and plan with its prices, the
//! agent's cart for that customer, the price review and the purchase
//! itself (see [`buy`]).

pub mod buy;
pub mod record;

use crate::app::{Ctx, Error};
use crate::db::cart::{CartItem, NewCartItem};
use crate::db::catalogue::CataloguePrice;
use crate::db::customers::Customer;
use crate::db::keys::CustomerKey;
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::purchase::{Totals, totals};
use crate::domain::renewal::{MAX_QUANTITY, RenewalPlan, RenewalPrice, price};
use crate::domain::reservation::{BillingPlan, ResourceType, Term};
use crate::domain::roles::Permission;

/// How many catalogue rows a page shows at most.
pub const SHOWN: usize = 150;

/// What the catalogue is filtered by; none: any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Reserved resource type.
    pub resource_type: Option<ResourceType>,
    /// Region.
    pub region: Option<String>,
    /// Term.
    pub term: Option<Term>,
    /// How it is paid (prices are shown for it).
    pub plan: BillingPlan,
}

/// An item of the cart, priced.
#[derive(Debug, Clone)]
pub struct Line {
    /// The item.
    pub item: CartItem,
    /// The subscription it applies to; none: shared.
    pub scope: Option<Subscription>,
    /// What it costs.
    pub price: RenewalPrice,
}

/// The catalogue page: what it offers under the filter, and the cart.
#[derive(Debug, Clone)]
pub struct Shop {
    /// The customer.
    pub customer: Customer,
    /// Its subscriptions (the scopes an item can apply to).
    pub subscriptions: Vec<Subscription>,
    /// Every region of the catalogue.
    pub regions: Vec<String>,
    /// The catalogue rows under the filter, at most [`SHOWN`].
    pub offers: Vec<CataloguePrice>,
    /// How many rows the filter matches in all.
    pub matching: usize,
    /// The agent's cart for this customer.
    pub cart: Vec<Line>,
    /// What the cart costs.
    pub totals: Totals,
}

/// The customer `id`, for an agent who may buy for it.
fn customer_to_buy_for(ctx: &mut Ctx<'_>, id: CustomerKey) -> Result<Customer, Error> {
    ctx.actor.require(Permission::Purchase)?;
    Ok(db::customers::find(ctx.conn, id)?)
}

/// The plan of a cart item.
pub fn plan_of(item: &CartItem) -> RenewalPlan {
    RenewalPlan {
        term: item.price.term,
        billing_plan: item.billing_plan,
        quantity: item.quantity,
    }
}

/// `item` priced from the catalogue, with its scope among `subscriptions`.
fn line_of(item: CartItem, subscriptions: &[Subscription]) -> Line {
    Line {
        scope: item
            .scope_subscription_id
            .and_then(|s| subscriptions.iter().find(|x| x.id == s).cloned()),
        price: price(item.price.unit_price, &plan_of(&item)),
        item,
    }
}

/// The acting agent's cart for customer `id`, priced from the catalogue.
fn cart_of(
    ctx: &mut Ctx<'_>,
    id: CustomerKey,
    subscriptions: &[Subscription],
) -> Result<(Vec<Line>, Totals), Error> {
    let Some(user) = ctx.actor.user_id else {
        return Ok((Vec::new(), Totals::default()));
    };
    let lines: Vec<Line> = db::cart::of(ctx.conn, user, id)?
        .into_iter()
        .map(|item| line_of(item, subscriptions))
        .collect();
    let t = totals(&lines.iter().map(|l| l.price).collect::<Vec<_>>());
    Ok((lines, t))
}

/// The catalogue for customer `id` under `filter`, and the cart.
pub fn shop(ctx: &mut Ctx<'_>, id: CustomerKey, filter: &Filter) -> Result<Shop, Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let subscriptions = db::subscriptions::for_customer(ctx.conn, id)?;
    let mut offers = db::catalogue::filtered(
        ctx.conn,
        filter.resource_type,
        filter.region.as_deref(),
        filter.term,
    )?;
    let matching = offers.len();
    offers.truncate(SHOWN);
    let (cart, totals) = cart_of(ctx, id, &subscriptions)?;
    Ok(Shop {
        customer,
        regions: db::catalogue::regions(ctx.conn)?,
        subscriptions,
        offers,
        matching,
        cart,
        totals,
    })
}

/// An item as the agent asked to add it, as typed.
#[derive(Debug, Clone, Default)]
pub struct AddInput {
    /// The catalogue row.
    pub price_id: String,
    /// `Upfront` or `Monthly`.
    pub plan: String,
    /// How many units.
    pub quantity: String,
    /// A subscription's row, or `shared`.
    pub scope: String,
}

/// Adds an item to the acting agent's cart for customer `id`. A bad
/// quantity or scope is refused with the message of its field.
pub fn add(ctx: &mut Ctx<'_>, id: CustomerKey, input: &AddInput) -> Result<(), Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let user = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    let price_id: i64 = input
        .price_id
        .trim()
        .parse()
        .map_err(|_| Error::Invalid("purchase-item-unknown"))?;
    let Some(_offer) = db::catalogue::by_id(ctx.conn, price_id)? else {
        return Err(Error::Invalid("purchase-item-unknown"));
    };
    let plan =
        BillingPlan::parse(input.plan.trim()).ok_or(Error::Invalid("purchase-plan-invalid"))?;
    let quantity = match input.quantity.trim().parse::<i32>() {
        Ok(q) if (1..=MAX_QUANTITY).contains(&q) => q,
        _ => return Err(Error::Invalid("purchase-quantity-invalid")),
    };
    let scope = match input.scope.trim() {
        "" | "shared" => None,
        text => {
            let row: i64 = text
                .parse()
                .map_err(|_| Error::Invalid("purchase-scope-invalid"))?;
            let subscriptions = db::subscriptions::for_customer(ctx.conn, customer.id)?;
            if !subscriptions.iter().any(|s| s.id == row) {
                return Err(Error::Invalid("purchase-scope-invalid"));
            }
            Some(row)
        }
    };
    let now = ctx.clock.now();
    db::cart::insert(
        ctx.conn,
        &NewCartItem {
            user_id: user,
            customer_id: customer.id,
            price_id,
            billing_plan: plan,
            quantity,
            scope_subscription_id: scope,
            added_at: now,
        },
    )?;
    Ok(())
}

/// Takes item `item` out of the acting agent's cart for customer `id`
/// (nothing when it is gone already).
pub fn remove(ctx: &mut Ctx<'_>, id: CustomerKey, item: i64) -> Result<(), Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let user = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    db::cart::remove(ctx.conn, user, customer.id, item)?;
    Ok(())
}
