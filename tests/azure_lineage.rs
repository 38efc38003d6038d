//! A split and a renewal made in the Azure portal: the sync links the
//! reservations as a split or renewal made here does, on both Overviews,
//! once however often it runs.

mod common;

use common::azure_world::{self, tenant_with};
use common::{spawn_connected, sync_now};
use serde_json::json;

#[tokio::test]
async fn a_split_and_a_renewal_made_in_the_portal_are_linked_by_the_sync() {
    let (tenant, mut t) = tenant_with(1, "Northwind Traders", 1, 3, common::today());
    // In the portal: the first reservation was split into a part, and the
    // second was renewed as the third.
    let source = t.reservations[0]["id"].as_str().expect("id").to_string();
    let renewed = t.reservations[1]["id"].as_str().expect("id").to_string();
    let order_path = source[..source
        .to_ascii_lowercase()
        .find("/reservations/")
        .expect("path")]
        .to_string();
    let part_id = azure_world::guid(0x0c0c0000, 1);
    let mut part = t.reservations[0].clone();
    part["id"] = json!(format!("{order_path}/reservations/{part_id}"));
    part["name"] = json!(part_id);
    part["properties"]["displayName"] = json!("portal-part");
    part["properties"]["splitProperties"] = json!({"splitSource": source});
    t.reservations[0]["properties"]["provisioningState"] = json!("Cancelled");
    t.reservations[0]["properties"]["extendedStatusInfo"] = json!({"statusCode": "Split"});
    t.reservations[2]["properties"]["renewSource"] = json!(renewed);
    t.reservations.push(part);
    let (base, _world) = azure_world::start(vec![(tenant, t)]);
    let app = spawn_connected(&base);
    app.sign_in("admin@partner.example").await;
    sync_now(&app, 1).await;
    sync_now(&app, 2).await;

    let guid_of = |id: &str| id.rsplit('/').next().expect("guid").to_ascii_lowercase();
    let whole = app
        .get(&format!("/reservations/{}", guid_of(&source)))
        .await;
    assert_eq!(whole.status, 200);
    let lineage = whole.text("#lineage");
    assert!(lineage.contains("portal-part"), "{lineage}");
    assert_eq!(whole.count("#lineage li"), 1, "linked once over two syncs");
    let piece = app.get(&format!("/reservations/{part_id}")).await;
    assert!(
        piece.text("#lineage").contains("Split from"),
        "{}",
        piece.text("#lineage")
    );
    let old = app
        .get(&format!("/reservations/{}", guid_of(&renewed)))
        .await;
    assert!(
        old.text("#lineage").contains("Renewed as"),
        "{}",
        old.text("#lineage")
    );
}
