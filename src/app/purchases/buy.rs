//! The price review and the purchase. The review prices the cart (the
//! system of record's own price when it has one, as Azure's
//! calculatePrice) and hands out a one-time token; the purchase claims
//! that token first, so that the same form sent twice, or by two tabs at
//! once, buys once. Each item becomes an order with one reservation,
//! whose Owner is the person chosen; the cart is emptied.

use rust_decimal::Decimal;

use super::record::record;
use super::{Line, cart_of, customer_to_buy_for, plan_of};
use crate::app::access::admit;
use crate::app::system::Buy;
use crate::app::{Ctx, Error, Refusal};
use crate::db::columns::DbMoney;
use crate::db::customers::Customer;
use crate::db::keys::CustomerKey;
use crate::db::purchases::{NewPurchase, Purchase};
use crate::db::subscriptions::Subscription;
use crate::db::{self};
use crate::domain::identity::Email;
use crate::domain::money::{Money, round2};
use crate::domain::purchase::{Totals, totals};
use crate::domain::remote::RemoteScope;
use crate::domain::renewal::RenewalPrice;
use crate::passwords;

/// The price review of a cart.
#[derive(Debug, Clone)]
pub struct Review {
    /// The customer.
    pub customer: Customer,
    /// Its subscriptions (which one is billed).
    pub subscriptions: Vec<Subscription>,
    /// The emails of its users (who may become Owner).
    pub people: Vec<String>,
    /// The cart, priced.
    pub lines: Vec<Line>,
    /// What it all costs.
    pub totals: Totals,
    /// The one-time token the purchase is made with.
    pub token: String,
    /// The system of record's refusal to price an item, in its words (the
    /// catalogue's price is shown for it).
    pub refusal: Option<crate::app::RemoteRefusal>,
}

/// The item of `line` as the system of record buys it, billed to `billing`.
fn buy_of(line: &Line, billing: &Subscription, today: chrono::NaiveDate) -> Buy {
    let offer = &line.item.price;
    Buy {
        resource_type: offer.resource_type,
        sku: offer.sku.clone(),
        region: offer.region.clone(),
        plan: plan_of(&line.item),
        scope: match &line.scope {
            Some(s) => RemoteScope::Single {
                subscription: s.subscription_guid,
                resource_group: None,
            },
            None => RemoteScope::Shared,
        },
        billing: billing.subscription_guid,
        display_name: format!(
            "{}_{}_{}",
            offer.resource_type.as_str(),
            today.format("%m-%d-%Y"),
            line.item.id
        ),
    }
}

/// `line`'s price when its whole commitment is `total` (the system of
/// record's own figure): the monthly payment follows.
fn priced_at(line: &Line, total: Money) -> RenewalPrice {
    let months = Decimal::from(line.item.price.term.months());
    RenewalPrice {
        total,
        monthly: line
            .price
            .monthly
            .map(|_| Money::new(round2(total.amount() / months))),
    }
}

/// The price review of the acting agent's cart for customer `id`, with a
/// new one-time token.
pub fn review(ctx: &mut Ctx<'_>, id: CustomerKey) -> Result<Review, Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let subscriptions = db::subscriptions::for_customer(ctx.conn, id)?;
    let (mut lines, _) = cart_of(ctx, id, &subscriptions)?;
    let mut refusal = None;
    if let Some(billing) = subscriptions.first() {
        let today = ctx.clock.today();
        for line in &mut lines {
            match ctx
                .system
                .price(customer.tenant_id, &buy_of(line, billing, today))
            {
                Ok(Some(theirs)) => line.price = priced_at(line, theirs),
                Ok(None) => {}
                Err(Error::Refused(Refusal::Azure(r))) => refusal = Some(r),
                Err(e) => return Err(e),
            }
        }
    }
    let totals = totals(&lines.iter().map(|l| l.price).collect::<Vec<_>>());
    Ok(Review {
        people: db::users::emails_of_customer(ctx.conn, id)?,
        customer,
        subscriptions,
        lines,
        totals,
        token: crate::app::sessions::random_token(),
        refusal,
    })
}

/// A purchase as the agent confirmed it on the review, as typed.
#[derive(Debug, Clone, Default)]
pub struct PurchaseInput {
    /// The review's one-time token.
    pub token: String,
    /// The cart items the review showed, as `id,id,…`.
    pub items: String,
    /// The subscription billed (its row).
    pub billing: String,
    /// Who becomes Owner of what is bought.
    pub owner: String,
}

/// How a purchase came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchased {
    /// Its token: the page that shows it.
    pub token: String,
    /// When the Owner had no account and got one: its first password,
    /// shown once.
    pub new_password: Option<String>,
}

/// The first password of an Owner who has no account yet, and its hash.
#[derive(Debug, Clone)]
pub struct NewOwner {
    /// The password, to show once.
    pub password: String,
    /// Its hash, to store.
    pub hash: String,
}

/// The first password (hashed) that `input`'s Owner gets with the
/// purchase, when they have no account yet and the token is unused: the
/// slow part of a purchase, apart, so that the caller can bound how many
/// run at once.
pub fn new_owner(
    ctx: &mut Ctx<'_>,
    id: CustomerKey,
    input: &PurchaseInput,
) -> Result<Option<NewOwner>, Error> {
    customer_to_buy_for(ctx, id)?;
    let Ok(owner) = Email::parse(&input.owner) else {
        return Ok(None);
    };
    if db::purchases::find(ctx.conn, input.token.trim())?.is_some()
        || db::users::find_by_email(ctx.conn, &owner.to_string())?.is_some()
    {
        return Ok(None);
    }
    let password = passwords::generate();
    let hash = passwords::hash(&password).map_err(Error::internal)?;
    Ok(Some(NewOwner { password, hash }))
}

/// The cart item IDs of `text` (`id,id,…`), or a refusal.
fn item_ids(text: &str) -> Result<Vec<i64>, Error> {
    let ids: Option<Vec<i64>> = text
        .split(',')
        .map(|t| t.trim().parse::<i64>().ok())
        .collect();
    match ids {
        Some(ids) if !ids.is_empty() && ids.len() <= 100 => Ok(ids),
        _ => Err(Error::Invalid("purchase-cart-changed")),
    }
}

/// Buys the items of the acting agent's cart for customer `id` that the
/// review showed. Bad input is refused with the message of its field; a
/// token used already gives its purchase back unchanged; items another
/// purchase took, or a cart changed since the review, are refused. Each
/// item is recorded as soon as the system of record bought it.
pub fn purchase(
    ctx: &mut Ctx<'_>,
    id: CustomerKey,
    input: &PurchaseInput,
    owner_secret: Option<NewOwner>,
) -> Result<Purchased, Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let user = ctx.actor.user_id.ok_or(Error::Forbidden)?;
    let token = input.token.trim().to_string();
    if token.is_empty()
        || token.len() > 64
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::Invalid("purchase-token-invalid"));
    }
    let done = Purchased {
        token: token.clone(),
        new_password: None,
    };
    if db::purchases::find(ctx.conn, &token)?.is_some() {
        return Ok(done);
    }
    let subscriptions = db::subscriptions::for_customer(ctx.conn, id)?;
    let billing = input
        .billing
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|row| subscriptions.iter().find(|s| s.id == row).cloned())
        .ok_or(Error::Invalid("purchase-billing-invalid"))?;
    let owner = Email::parse(&input.owner)
        .map_err(|_| Error::Invalid("purchase-owner-invalid"))?
        .to_string();
    let items = item_ids(&input.items)?;
    let (reviewed, cost) = cart_of(ctx, id, &subscriptions)?;
    let now = ctx.clock.now();
    let claimed = ctx.transaction(|ctx| {
        admit(ctx, customer.id, &owner).map_err(|e| match e {
            Error::Refused(Refusal::Grant(why)) => Error::Invalid(why.message_id()),
            other => other,
        })?;
        let purchase = NewPurchase {
            token: token.clone(),
            customer_id: customer.id,
            user_id: user,
            state: "Pending".into(),
            total: DbMoney(cost.total),
            owner_email: owner.clone(),
            created_at: now,
        };
        if !db::purchases::claim(ctx.conn, &purchase)? {
            return Ok(None);
        }
        let purchase = db::purchases::find(ctx.conn, &token)?.ok_or(Error::NotFound)?;
        // Exactly what the review showed, and nothing another purchase took.
        let taken = db::cart::take(ctx.conn, (user, customer.id), &items, purchase.id)?;
        if taken != items.len() || reviewed.len() != items.len() {
            return Err(Error::Invalid("purchase-cart-changed"));
        }
        // A scope that is no longer the customer's is not bought as shared.
        if reviewed
            .iter()
            .any(|l| l.item.scope_subscription_id.is_some() && l.scope.is_none())
        {
            return Err(Error::Invalid("purchase-scope-invalid"));
        }
        Ok(Some(purchase))
    })?;
    let Some(purchase) = claimed else {
        return Ok(done);
    };
    // The system of record buys outside any transaction, item by item; each
    // item is recorded as soon as it is bought. Whatever happens, the
    // purchase is finished: the items it did not buy go back to the cart.
    let today = ctx.clock.today();
    let mut outcome = Outcome::default();
    let lines = match lines_of(ctx, purchase.id, &subscriptions) {
        Ok(lines) => lines,
        Err(e) => {
            outcome.failure = Some(e);
            Vec::new()
        }
    };
    for line in &lines {
        let buy = buy_of(line, &billing, today);
        let bought = match ctx.system.purchase(customer.tenant_id, &buy) {
            Ok(bought) => bought,
            Err(e) => {
                // A refusal in Azure's words is plain; anything else from a
                // remote system (a stopped connection) may hide a purchase.
                let unsure = match &e {
                    Error::Refused(Refusal::Azure(r)) => r.uncertain,
                    Error::Refused(_) | Error::Invalid(_) => false,
                    _ => ctx.system.is_remote(),
                };
                outcome.uncertain = unsure.then_some(line.item.id);
                outcome.failure = Some(e);
                break;
            }
        };
        let recorded = ctx.transaction(|ctx| {
            record(
                ctx,
                (&customer, &purchase, &billing),
                (line, &bought, &buy.display_name),
                owner_secret.as_ref().map(|s| s.hash.as_str()),
                now,
            )
        });
        match recorded {
            Ok(made_owner) => {
                if made_owner {
                    outcome.new_password = owner_secret.as_ref().map(|s| s.password.clone());
                }
                outcome.bought += 1;
                outcome.paid = outcome.paid + bought.price.unwrap_or(line.price.total);
            }
            // Bought but not recorded here: it leaves the cart, and the
            // next sync brings it.
            Err(e) => {
                outcome.uncertain = Some(line.item.id);
                outcome.failure = Some(e);
                break;
            }
        }
    }
    finish(ctx, &customer, &purchase, outcome, done)
}

/// How buying the items went.
#[derive(Default)]
struct Outcome {
    bought: usize,
    paid: Money,
    new_password: Option<String>,
    failure: Option<Error>,
    /// The item the system of record may have bought after all.
    uncertain: Option<i64>,
}

/// Records how the purchase ended: the items it did not buy go back to the
/// cart (one the system of record may have bought leaves it, for the next
/// sync to show), and a refusal is audited and, when nothing was bought,
/// passed on.
fn finish(
    ctx: &mut Ctx<'_>,
    customer: &Customer,
    purchase: &Purchase,
    outcome: Outcome,
    done: Purchased,
) -> Result<Purchased, Error> {
    let state = match (&outcome.failure, outcome.uncertain) {
        (None, _) => "Done",
        (Some(_), Some(_)) => "Pending",
        (Some(_), None) => "Failed",
    };
    // Azure's own words are kept; anything else only as a fact.
    let error_text = outcome.failure.as_ref().map(|e| match e {
        Error::Refused(Refusal::Azure(r)) => r.message.clone(),
        _ => "The purchase stopped before every item was bought.".to_string(),
    });
    ctx.transaction(|ctx| {
        if let Some(item) = outcome.uncertain {
            db::cart::delete(ctx.conn, item)?;
        }
        db::cart::release(ctx.conn, purchase.id)?;
        db::purchases::finish(
            ctx.conn,
            purchase.id,
            (state, outcome.paid),
            error_text.as_deref(),
        )?;
        Ok(())
    })?;
    if let Some(e) = outcome.failure {
        if let Error::Refused(Refusal::Azure(refusal)) = &e {
            crate::app::remote::audit_refusal(ctx, &customer.tenant_id.to_string(), refusal)?;
        }
        if outcome.bought == 0 {
            return Err(e);
        }
    }
    Ok(Purchased {
        new_password: outcome.new_password,
        ..done
    })
}

/// The items purchase `purchase` took, priced.
fn lines_of(
    ctx: &mut Ctx<'_>,
    purchase: i64,
    subscriptions: &[Subscription],
) -> Result<Vec<Line>, Error> {
    Ok(db::cart::taken_by(ctx.conn, purchase)?
        .into_iter()
        .map(|item| super::line_of(item, subscriptions))
        .collect())
}
