//! The price review and the purchase. The review prices the cart (the
//! system of record's own price when it has one, as Azure's
//! calculatePrice) and hands out a one-time token; the purchase claims
//! that token first, so that the same form sent twice, or by two tabs at
//! once, buys once. Each item becomes an order with one reservation,
//! whose Owner is the person chosen; the cart is emptied.

use chrono::NaiveDateTime;

use super::{Line, cart_of, customer_to_buy_for, plan_of};
use crate::app::access::{admit, make_customer_user};
use crate::app::reservations::reshape;
use crate::app::system::{Bought, Buy, Receipt};
use crate::app::{Ctx, Error, Refusal};
use crate::db::audit::Action;
use crate::db::columns::DbMoney;
use crate::db::customers::Customer;
use crate::db::keys::{CustomerKey, OrderKey, ReservationKey};
use crate::db::orders::NewOrder;
use crate::db::purchases::{NewPurchase, Purchase};
use crate::db::reservations::{NewReservation, Reservation};
use crate::db::role_assignments::NewAssignment;
use crate::db::subscriptions::Subscription;
use crate::db::{self, Table};
use crate::domain::identity::Email;
use crate::domain::money::{Money, round2};
use crate::domain::purchase::{Totals, totals};
use crate::domain::remote::RemoteScope;
use crate::domain::renewal::RenewalPrice;
use crate::domain::reservation::{InstanceFlexibility, ProvisioningState, ScopeType};
use crate::domain::roles::ReservationRole;
use crate::passwords;
use rust_decimal::Decimal;

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
            "{}_{}",
            offer.resource_type.as_str(),
            today.format("%m-%d-%Y")
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

/// Buys the acting agent's cart for customer `id`. Bad input is refused
/// with the message of its field; a token used already gives its purchase
/// back unchanged.
pub fn purchase(
    ctx: &mut Ctx<'_>,
    id: CustomerKey,
    input: &PurchaseInput,
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
    if db::purchases::find(ctx.conn, &token)?.is_some() {
        return Ok(Purchased {
            token,
            new_password: None,
        });
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
    let (lines, cost) = cart_of(ctx, id, &subscriptions)?;
    if lines.is_empty() {
        return Err(Error::Invalid("purchase-cart-empty"));
    }
    // Hashed before any transaction: it is slow on purpose.
    let password = passwords::generate();
    let hash = passwords::hash(&password).map_err(Error::internal)?;
    let now = ctx.clock.now();
    let claimed = ctx.transaction(|ctx| {
        let known = admit(ctx, customer.id, &owner).map_err(|e| match e {
            Error::Refused(Refusal::Grant(why)) => Error::Invalid(why.message_id()),
            other => other,
        })?;
        let won = db::purchases::claim(
            ctx.conn,
            &NewPurchase {
                token: token.clone(),
                customer_id: customer.id,
                user_id: user,
                state: "Pending".into(),
                total: DbMoney(cost.total),
                owner_email: owner.clone(),
                created_at: now,
            },
        )?;
        Ok((won, known))
    })?;
    let (won, known) = claimed;
    if !won {
        return Ok(Purchased {
            token,
            new_password: None,
        });
    }
    let purchase = db::purchases::find(ctx.conn, &token)?.ok_or(Error::NotFound)?;
    // The system of record buys outside any transaction, item by item.
    let today = ctx.clock.today();
    let mut bought = Vec::new();
    let mut failure = None;
    for line in &lines {
        match ctx
            .system
            .purchase(customer.tenant_id, &buy_of(line, &billing, today))
        {
            Ok(b) => bought.push((line, b)),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let made_user = !known && !bought.is_empty();
    let error_text = failure.as_ref().map(ToString::to_string);
    let paid: Money = bought
        .iter()
        .map(|(line, b)| b.price.unwrap_or(line.price.total))
        .sum();
    ctx.transaction(|ctx| {
        for (line, b) in &bought {
            record(ctx, (&customer, &purchase, &billing), line, b, now)?;
        }
        if made_user {
            make_customer_user(ctx, customer.id, &owner, &hash)?;
        }
        for (line, _) in &bought {
            db::cart::remove(ctx.conn, user, customer.id, line.item.id)?;
        }
        db::purchases::finish(ctx.conn, purchase.id, paid, error_text.as_deref())?;
        Ok(())
    })?;
    if let Some(e) = failure {
        if let Error::Refused(Refusal::Azure(refusal)) = &e {
            crate::app::remote::audit_refusal(ctx, &customer.tenant_id.to_string(), refusal)?;
        }
        if bought.is_empty() {
            return Err(e);
        }
    }
    Ok(Purchased {
        token,
        new_password: made_user.then_some(password),
    })
}

/// Writes what the system of record bought for `line`: its order, its
/// reservation, its Owner, the purchase's link to it and the audit entry.
fn record(
    ctx: &mut Ctx<'_>,
    (customer, purchase, billing): (&Customer, &Purchase, &Subscription),
    line: &Line,
    bought: &Bought,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let offer = &line.item.price;
    let plan = plan_of(&line.item);
    let paid = bought.price.unwrap_or(line.price.total);
    let today = now.date();
    let expiry = plan.term.expiry_from(today);
    let name = format!(
        "{}_{}",
        offer.resource_type.as_str(),
        today.format("%m-%d-%Y")
    );
    let order_row = match db::orders::find_by_guid(ctx.conn, bought.order) {
        Ok(known) => known.id,
        Err(diesel::result::Error::NotFound) => {
            let row = OrderKey(db::max_id(ctx.conn, Table::Orders)? + 1);
            db::orders::insert_all(
                ctx.conn,
                &[NewOrder {
                    id: row,
                    order_guid: bought.order.to_string(),
                    customer_id: customer.id,
                    display_name: name.clone(),
                    term: plan.term,
                    billing_plan: plan.billing_plan,
                    original_quantity: plan.quantity,
                    purchase_date: today,
                    benefit_start_date: today,
                    expiry_date: expiry,
                    currency: "USD".into(),
                    created_at: now,
                }],
            )?;
            row
        }
        Err(e) => return Err(e.into()),
    };
    let row = match db::reservations::find_by_guid(ctx.conn, bought.reservation) {
        Ok(known) => known.id,
        Err(diesel::result::Error::NotFound) => {
            let row = ReservationKey(db::max_id(ctx.conn, Table::Reservations)? + 1);
            db::reservations::insert_all(
                ctx.conn,
                &[NewReservation {
                    id: row,
                    reservation_guid: bought.reservation.to_string(),
                    order_id: order_row,
                    customer_id: customer.id,
                    display_name: name.clone(),
                    resource_type: offer.resource_type,
                    sku: offer.sku.clone(),
                    sku_description: offer.sku_description.clone(),
                    region: offer.region.clone(),
                    quantity: plan.quantity,
                    scope_type: if line.scope.is_some() {
                        ScopeType::Single
                    } else {
                        ScopeType::Shared
                    },
                    scope_subscription_id: line.scope.as_ref().map(|s| s.id),
                    scope_resource_group_id: None,
                    scope_management_group_id: None,
                    billing_subscription_id: billing.id,
                    instance_flexibility: offer
                        .resource_type
                        .has_instance_flexibility()
                        .then(|| InstanceFlexibility::On.as_str().to_string()),
                    renew: false,
                    archived: false,
                    closed_by: None,
                    renew_term: None,
                    renew_billing_plan: None,
                    renew_quantity: None,
                    purchase_date: today,
                    effective_date: today,
                    expiry_date: expiry,
                    provisioning_state: ProvisioningState::Succeeded,
                    purchase_price: DbMoney(paid),
                    updated_at: now,
                }],
            )?;
            row
        }
        Err(e) => return Err(e.into()),
    };
    db::role_assignments::insert(
        ctx.conn,
        &NewAssignment {
            reservation_id: row,
            principal_email: purchase.owner_email.clone(),
            role: ReservationRole::Owner,
            assigned_by: ctx.actor.email.clone(),
            assigned_at: now,
        },
    )?;
    db::purchases::add_reservation(ctx.conn, purchase.id, row)?;
    let receipt = Receipt {
        correlation_id: bought.receipt.correlation_id.clone(),
    };
    let entry = reshape::entry(
        ctx,
        (Action::ReservationPurchased, bought.reservation.to_string()),
        now,
        &receipt,
    )
    .change(
        "",
        format!(
            "{} · {} · {} · {} · {} ({})",
            offer.sku,
            offer.region,
            plan.audit_text(),
            purchase.owner_email,
            paid,
            purchase.token
        ),
    );
    ctx.audit(&entry)?;
    Ok(())
}

/// A purchase and what it bought.
#[derive(Debug, Clone)]
pub struct Made {
    /// The customer.
    pub customer: Customer,
    /// The purchase.
    pub purchase: Purchase,
    /// The reservations it bought.
    pub reservations: Vec<Reservation>,
}

/// The purchase made for customer `id` with `token`, for an agent who may
/// buy for it.
pub fn made(ctx: &mut Ctx<'_>, id: CustomerKey, token: &str) -> Result<Made, Error> {
    let customer = customer_to_buy_for(ctx, id)?;
    let purchase = db::purchases::find(ctx.conn, token)?
        .filter(|p| p.customer_id == customer.id)
        .ok_or(Error::NotFound)?;
    let mut reservations = Vec::new();
    for row in db::purchases::reservations_of(ctx.conn, purchase.id)? {
        reservations.push(db::reservations::find(ctx.conn, row)?);
    }
    Ok(Made {
        customer,
        purchase,
        reservations,
    })
}
