//! Exchanges: the same type, a bigger commitment, and the cut-off for
//! savings-plan types.

use super::*;

#[test]
fn exchanges_keep_the_type_and_need_a_bigger_commitment() {
    let s = Settings::default();
    let today = day(2026, 7, 2);
    let h = upfront("1000.00", None, day(2026, 1, 1), Term::P1Y);
    let wanted = |t: ResourceType, unit: &str, quantity: i32| Wanted {
        resource_type: t,
        unit_price: money(unit),
        quantity,
        term: Term::P3Y,
    };
    // Value returned: prorated, no fee: 1000 × 183 / 365 = 501.37.
    let q = exchange_quote(
        &h,
        true,
        &wanted(ResourceType::VirtualMachines, "250.00", 3),
        today,
        &s,
    )
    .expect("qualifies");
    assert_eq!(q.value_returned, money("501.37"));
    assert_eq!(q.new_commitment, money("750.00"));
    assert_eq!(q.difference, money("248.63"));
    assert_eq!((q.new_effective, q.new_expiry), (today, day(2029, 7, 2)));
    let exact = exchange_quote(
        &h,
        true,
        &wanted(ResourceType::VirtualMachines, "501.37", 1),
        today,
        &s,
    );
    assert_eq!(
        exact.map(|q| q.difference),
        Ok(Money::ZERO),
        "equal is enough"
    );
    assert_eq!(
        exchange_quote(
            &h,
            true,
            &wanted(ResourceType::VirtualMachines, "501.36", 1),
            today,
            &s
        ),
        Err(Refusal::TooSmall)
    );
    assert_eq!(
        exchange_quote(
            &h,
            true,
            &wanted(ResourceType::CosmosDb, "9999.00", 1),
            today,
            &s
        ),
        Err(Refusal::OtherType)
    );
    assert_eq!(
        exchange_quote(
            &h,
            false,
            &wanted(ResourceType::VirtualMachines, "9999.00", 1),
            today,
            &s
        ),
        Err(Refusal::NotInForce)
    );
}

#[test]
fn the_exchange_cutoff_stops_savings_plan_types_bought_after_it() {
    let s = Settings::default();
    let wanted = |t: ResourceType| Wanted {
        resource_type: t,
        unit_price: money("99999.00"),
        quantity: 1,
        term: Term::P1Y,
    };
    let cases = [
        (ResourceType::VirtualMachines, day(2027, 1, 31), Ok(())),
        (
            ResourceType::VirtualMachines,
            day(2027, 2, 1),
            Err(Refusal::PastCutoff),
        ),
        (
            ResourceType::AppService,
            day(2027, 3, 1),
            Err(Refusal::PastCutoff),
        ),
        (ResourceType::CosmosDb, day(2027, 3, 1), Ok(())),
    ];
    for (t, bought, expected) in cases {
        let h = Holding {
            resource_type: t,
            ..upfront("1000.00", None, bought, Term::P1Y)
        };
        let today = bought + chrono::Days::new(30);
        let got = exchange_quote(&h, true, &wanted(t), today, &s).map(|_| ());
        assert_eq!(got, expected, "{t} bought {bought}");
    }
}
