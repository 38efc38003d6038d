use serde_json::json;

use super::*;
use crate::domain::reservation::ProvisioningState;

#[test]
fn dates_take_zero_to_seven_fractional_digits_with_or_without_zone() {
    let want = NaiveDate::from_ymd_opt(2017, 9, 22).expect("day");
    for text in [
        "2017-09-22",
        "2017-09-22T22:46:32Z",
        "2017-09-22T22:46:32.7Z",
        "2017-09-22T22:46:32.7632798Z",
        "2017-09-22T22:46:32.7632798",
        "2017-09-22T22:46:32",
        "2017-09-23T01:46:32.76+03:00",
    ] {
        assert_eq!(day_of(text), Some(want), "{text}");
    }
    assert_eq!(day_of("22/09/2017"), None);
}

#[test]
fn ids_are_read_in_any_case() {
    let order = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    let id = "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B";
    let path = format!("/providers/microsoft.capacity/RESERVATIONORDERS/{order}/Reservations/{id}");
    let (o, r) = reservation_path(&path).expect("parsed");
    assert_eq!(o.to_string(), order);
    assert_eq!(r.to_string(), id.to_ascii_lowercase());
    assert_eq!(
        order_path(&format!(
            "/providers/Microsoft.Capacity/reservationOrders/{order}"
        )),
        Some(o)
    );
    assert_eq!(
        subscription_of("/SUBSCRIPTIONS/11111111-2222-4333-8444-555555555555/resourceGroups/rg"),
        "11111111-2222-4333-8444-555555555555".parse().ok()
    );
}

fn sample() -> Value {
    json!({
        "id": "/providers/Microsoft.Capacity/reservationOrders/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/reservations/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
        "etag": 7,
        "location": "WestEurope",
        "sku": {"name": "Standard_D2s_v5"},
        "somethingNew": {"nested": [1, 2]},
        "properties": {
            "reservedResourceType": "VirtualMachines",
            "displayName": "vm-prod",
            "quantity": 3,
            "appliedScopeType": "Single",
            "appliedScopeProperties": {
                "resourceGroupId": "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/Prod-RG"
            },
            "billingScopeId": "/subscriptions/11111111-2222-4333-8444-555555555555",
            "instanceFlexibility": "On",
            "renew": true,
            "provisioningState": "Succeeded",
            "displayProvisioningState": "Succeeded",
            "extendedStatusInfo": {"statusCode": "PaymentDeclined", "message": null},
            "effectiveDateTime": "2025-01-10T08:00:00.1234567Z",
            "purchaseDateTime": "2025-01-10T07:59:00Z",
            "expiryDateTime": "2026-01-10T08:00:00Z"
        }
    })
}

#[test]
fn a_reservation_is_read_ignoring_what_is_unknown() {
    let r = reservation(&sample()).expect("read");
    assert_eq!(r.display_name, "vm-prod");
    assert_eq!(r.region, "westeurope");
    assert_eq!(r.quantity, 3);
    assert_eq!(r.flexibility, Some(InstanceFlexibility::On));
    assert!(r.renew);
    assert_eq!(r.state, Some(ProvisioningState::Succeeded));
    assert_eq!(
        r.scope,
        RemoteScope::Single {
            subscription: "11111111-2222-4333-8444-555555555555"
                .parse()
                .expect("guid"),
            resource_group: Some("Prod-RG".into())
        }
    );
    assert_eq!(
        r.effective_date,
        NaiveDate::from_ymd_opt(2025, 1, 10).expect("day")
    );
}

#[test]
fn a_reservation_of_an_unknown_type_or_without_dates_is_left_out_with_why() {
    let mut item = sample();
    item["properties"]["reservedResourceType"] = json!("VMwareCloudSimple");
    let why = reservation(&item).expect_err("left out");
    assert!(why.contains("VMwareCloudSimple"), "{why}");
    let mut item = sample();
    item["properties"]["expiryDateTime"] = Value::Null;
    assert!(reservation(&item).expect_err("left out").contains("expiry"));
}

#[test]
fn prices_are_exact() {
    let item = json!({"p": {"currencyCode": "eur", "amount": 1234.57}});
    let (money, currency) = price(&item, "/p").expect("price");
    assert_eq!(money.amount().to_string(), "1234.57");
    assert_eq!(currency, "EUR");
}

#[test]
fn utilization_percentages_become_tenths() {
    let item = json!({"properties": {
        "reservationId": "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B",
        "usageDate": "2026-11-20T00:00:00.0000000Z",
        "avgUtilizationPercentage": 87.46
    }});
    let d = utilization_day(&item).expect("day");
    assert_eq!(d.permille, 875);
    assert_eq!(d.day, NaiveDate::from_ymd_opt(2026, 11, 20).expect("day"));
}

#[test]
fn a_split_answer_gives_the_new_reservations_matched_to_the_quantities_asked() {
    let order = "11111111-1111-4111-8111-111111111111";
    let path = |r: &str| {
        format!("/providers/microsoft.capacity/reservationOrders/{order}/reservations/{r}")
    };
    let source = "22222222-2222-4222-8222-222222222222";
    let (a, b) = (
        "33333333-3333-4333-8333-333333333333",
        "44444444-4444-4444-8444-444444444444",
    );
    let items = vec![
        json!({"id": path(source), "properties": {"quantity": 5, "provisioningState": "Cancelled"}}),
        json!({"id": path(b), "properties": {"quantity": 3, "provisioningState": "Succeeded"}}),
        json!({"id": path(a), "properties": {"quantity": 2, "provisioningState": "Succeeded"}}),
    ];
    let sources = [source.parse().expect("id")];
    let made = made_by_reshape(&items, &sources, &[2, 3]);
    assert_eq!(
        made,
        vec![(a.parse().expect("id"), 2), (b.parse().expect("id"), 3)]
    );
    // An answer that names only one of them is short.
    assert_eq!(made_by_reshape(&items[..2], &sources, &[2, 3]).len(), 1);
}
