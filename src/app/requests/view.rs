//! Reading a request: its page shows the request, its history, the
//! reservation it is about and, to those who may approve a refund, what
//! approving it would refund today.

use crate::app::{Ctx, Error, access, quoting};
use crate::db::orders::Order;
use crate::db::request_history::Event;
use crate::db::requests::Request;
use crate::db::reservations::Reservation;
use crate::db::{self};
use crate::domain::money::Money;
use crate::domain::roles::{AgentRole, Permission};
use crate::domain::support::RequestKind;

/// A request and what its page shows around it.
pub struct Detail {
    /// The request.
    pub request: Request,
    /// Its history, oldest first.
    pub events: Vec<Event>,
    /// The reservation it is about.
    pub reservation: Reservation,
    /// Its order.
    pub order: Order,
    /// The customer's company name.
    pub company: String,
    /// For those who may settle a refund: what approving it would refund
    /// today (the approval quotes again).
    pub live_refund: Option<Money>,
    /// What Azure answered when the request was settled there.
    pub settlement: Option<crate::db::azure_settlements::Settlement>,
    /// The refund the dashboard booked for it.
    pub booked_refund: Option<Money>,
    /// For those who may settle an open refund, when connected: Azure's own
    /// refund today (calculateRefund), or why Azure would refuse it.
    pub azure_quote: Option<Result<crate::app::system::Figures, String>>,
    /// What Azure said when it last refused a change to its reservation
    /// (agents only; the page shows it right after a refused approval).
    pub azure_refusal: Option<String>,
}

/// Request `number`, for agents who see customers and for customer users
/// with a role on its reservation (to anyone else it does not exist).
pub fn detail(ctx: &mut Ctx<'_>, number: &str) -> Result<Detail, Error> {
    let request = db::requests::find_by_number(ctx.conn, number)?;
    let reservation = db::reservations::find(ctx.conn, request.reservation_id)?;
    let allowed = if ctx.actor.role == AgentRole::Customer {
        access::rights_on(ctx, &reservation)?.read
    } else {
        ctx.actor.role.may(Permission::ViewCustomers)
    };
    if !allowed {
        return Err(Error::NotFound);
    }
    let order = db::orders::find(ctx.conn, reservation.order_id)?;
    let company = db::customers::find(ctx.conn, request.customer_id)?.company_name;
    let settles = ctx.actor.role.may(Permission::SettleRequests);
    let live_refund = if settles && request.kind == RequestKind::Refund {
        let settings = db::settings::load(ctx.conn)?;
        let holding = quoting::holding(ctx.conn, &reservation, &order)?;
        Some(
            ctx.system
                .refund_quote(&holding, ctx.clock.today(), &settings)
                .refund,
        )
    } else {
        None
    };
    let azure_quote = if live_refund.is_some()
        && request.status == crate::domain::support::RequestStatus::Open
        && ctx.system.is_remote()
    {
        let place =
            crate::app::reservations::record::load_record(ctx.conn, reservation.reservation_guid)?
                .place();
        match ctx.system.refund_figures(&place, reservation.quantity) {
            Ok(figures) => figures.map(Ok),
            Err(Error::Refused(crate::app::Refusal::Azure(refusal))) => Some(Err(refusal.message)),
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let azure_refusal = if ctx.actor.role == AgentRole::Customer {
        None
    } else {
        db::audit::last_refusal(
            ctx.conn,
            "reservation",
            &reservation.reservation_guid.to_string(),
        )?
    };
    Ok(Detail {
        azure_quote,
        settlement: db::azure_settlements::for_request(ctx.conn, request.id)?,
        booked_refund: db::ledger::refund_of_request(ctx.conn, request.id)?,
        azure_refusal,
        events: db::request_history::for_request(ctx.conn, request.id)?,
        request,
        reservation,
        order,
        company,
        live_refund,
    })
}

/// One page (`offset`, `limit`) of the queue across customers, of `status`
/// when given, matching `search`; and how many match.
pub fn queue(
    ctx: &mut Ctx<'_>,
    status: Option<crate::domain::support::RequestStatus>,
    search: crate::db::requests::Search,
    (offset, limit): (i64, i64),
) -> Result<(Vec<crate::db::requests::RequestRow>, i64), Error> {
    ctx.actor.require(Permission::ViewCustomers)?;
    Ok(db::requests::list(
        ctx.conn,
        &crate::db::requests::ListQuery {
            status,
            customer_id: None,
            search,
            offset,
            limit,
        },
    )?)
}
