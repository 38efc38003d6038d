//! The Configuration blade changes scope, name and flags safely.

mod common;

use common::*;
use diesel::prelude::*;
use partner_dashboard::db::schema::{
    audit_log, management_groups, reservation_orders, reservations, resource_groups, subscriptions,
};
use reqwest::StatusCode;

/// A reservation of customer 1 whose type has instance-size flexibility.
struct Target {
    id: i64,
    guid: String,
    version: i32,
    name: String,
}

fn target(app: &TestApp, flexible: bool) -> Target {
    let types = if flexible {
        vec!["VirtualMachines", "SqlDatabases"]
    } else {
        vec![
            "CosmosDb",
            "AppService",
            "RedisCache",
            "ManagedDisk",
            "BlockBlob",
            "MySql",
            "PostgreSql",
            "DedicatedHost",
            "Databricks",
            "SynapseAnalytics",
            "SuseLinux",
            "RedHat",
        ]
    };
    let (id, guid, version, name): (i64, String, i32, String) = reservations::table
        .filter(reservations::resource_type.eq_any(types))
        .order(reservations::customer_id)
        .select((
            reservations::id,
            reservations::reservation_guid,
            reservations::version,
            reservations::display_name,
        ))
        .first(&mut app.conn())
        .expect("reservation");
    Target {
        id,
        guid,
        version,
        name,
    }
}

fn customer_of(app: &TestApp, reservation: i64) -> i64 {
    reservations::table
        .find(reservation)
        .select(reservations::customer_id)
        .first(&mut app.conn())
        .expect("customer")
}

/// (subscription, a resource group in it, a resource group in another subscription of the customer)
fn places(app: &TestApp, customer: i64) -> (i64, i64, i64, i64) {
    let subs: Vec<i64> = subscriptions::table
        .filter(subscriptions::customer_id.eq(customer))
        .order(subscriptions::id)
        .select(subscriptions::id)
        .load(&mut app.conn())
        .expect("subs");
    let rg = |sub: i64| -> i64 {
        resource_groups::table
            .filter(resource_groups::subscription_id.eq(sub))
            .select(resource_groups::id)
            .first(&mut app.conn())
            .expect("rg")
    };
    let mg: i64 = management_groups::table
        .filter(management_groups::customer_id.eq(customer))
        .select(management_groups::id)
        .first(&mut app.conn())
        .expect("mg");
    (subs[0], rg(subs[0]), rg(subs[1]), mg)
}

/// Fields posted, the field whose message shows, and what it says.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

/// Name, scope type, subscription, resource group, flexibility, renew, version, ID.
type Stored = (
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    bool,
    i32,
    String,
);

/// The configuration form's fields.
struct Form<'a> {
    name: &'a str,
    scope: &'a str,
    sub: &'a str,
    rg: &'a str,
    mg: &'a str,
    flex: &'a str,
    renew: bool,
}

impl<'a> Form<'a> {
    fn fields(&self, version: &'a str, token: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut f = vec![
            ("csrf_token", token),
            ("name", self.name),
            ("scope", self.scope),
            ("subscription", self.sub),
            ("resource_group", self.rg),
            ("management_group", self.mg),
            ("flexibility", self.flex),
            ("version", version),
        ];
        if self.renew {
            f.push(("renew", "on"));
        }
        f
    }
}

#[tokio::test]
async fn a_sales_agent_changes_scope_name_and_flags_and_sees_what_changed() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let t = target(&app, true);
    let customer = customer_of(&app, t.id);
    let (sub, rg, _, _) = places(&app, customer);
    let before: (partner_dashboard::domain::money::Money, String, i32) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::id.eq(t.id))
        .select((
            reservations::purchase_price,
            reservation_orders::term,
            reservations::quantity,
        ))
        .first(&mut app.conn())
        .expect("before");
    let token = app.csrf(&sales).await;
    let (sub_s, rg_s, version) = (sub.to_string(), rg.to_string(), t.version.to_string());
    let path = format!("/reservations/{}/configuration", t.guid);
    let response = app
        .post_form(
            &sales,
            &path,
            &Form {
                name: "vm-renamed 01",
                scope: "resource-group",
                sub: &sub_s,
                rg: &rg_s,
                mg: "",
                flex: "Off",
                renew: true,
            }
            .fields(&version, &token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.expect("body");
    let changes = texts(&body, ".alert-success li").join(" | ");
    assert!(
        changes.contains("Name:") && changes.contains("vm-renamed 01"),
        "{changes}"
    );
    assert!(changes.contains("Scope:"), "{changes}");
    let stored: Stored = reservations::table
        .find(t.id)
        .select((
            reservations::display_name,
            reservations::scope_type,
            reservations::scope_subscription_id,
            reservations::scope_resource_group_id,
            reservations::instance_flexibility,
            reservations::renew,
            reservations::version,
            reservations::reservation_guid,
        ))
        .first(&mut app.conn())
        .expect("stored");
    assert_eq!(stored.0, "vm-renamed 01");
    assert_eq!(
        (stored.1.as_str(), stored.2, stored.3),
        ("Single", Some(sub), Some(rg))
    );
    assert_eq!(stored.4.as_deref(), Some("Off"));
    assert!(stored.5);
    assert_eq!(stored.6, t.version + 1);
    assert_eq!(stored.7, t.guid, "IDs never change");
    let after: (partner_dashboard::domain::money::Money, String, i32) = reservations::table
        .inner_join(reservation_orders::table)
        .filter(reservations::id.eq(t.id))
        .select((
            reservations::purchase_price,
            reservation_orders::term,
            reservations::quantity,
        ))
        .first(&mut app.conn())
        .expect("after");
    assert_eq!(before, after, "term, price and quantity never change");
    let audited: Vec<(String, Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::object_id.eq(&t.guid))
        .select((
            audit_log::action,
            audit_log::before_value,
            audit_log::after_value,
        ))
        .load(&mut app.conn())
        .expect("audit");
    let renamed = audited
        .iter()
        .find(|a| a.0 == "reservation-renamed")
        .expect("rename audited");
    assert_eq!(
        (renamed.1.as_deref(), renamed.2.as_deref()),
        (Some(t.name.as_str()), Some("vm-renamed 01"))
    );
    assert!(audited.iter().any(|a| {
        a.0 == "scope-changed"
            && a.2
                .as_deref()
                .is_some_and(|v| v.contains("Single resource group"))
    }));
    // The Activity log shows them, newest first.
    let activity = app
        .get_with(&sales, &format!("/reservations/{}/activity", t.guid), &[])
        .await;
    let items = activity.texts("ol.activity li");
    assert!(items.len() >= 3, "{items:?}");
    assert!(
        items
            .iter()
            .any(|i| i.contains("Renamed") && i.contains("vm-renamed 01"))
    );
    // Saving the same again changes nothing, even from the old form.
    let again = app
        .post_form(
            &sales,
            &path,
            &Form {
                name: "vm-renamed 01",
                scope: "resource-group",
                sub: &sub_s,
                rg: &rg_s,
                mg: "",
                flex: "Off",
                renew: true,
            }
            .fields(&version, &token),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert!(
        texts(&again.text().await.expect("body"), ".alert-success")
            .join(" ")
            .contains("Nothing to change")
    );
}

#[tokio::test]
async fn bad_configuration_input_is_refused_next_to_the_field_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let t = target(&app, false);
    let customer = customer_of(&app, t.id);
    let (sub, rg, other_rg, mg) = places(&app, customer);
    let (_, foreign_rg, _, foreign_mg) = places(&app, if customer == 1 { 2 } else { 1 });
    let token = app.csrf(&admin).await;
    let path = format!("/reservations/{}/configuration", t.guid);
    let version = t.version.to_string();
    let long = "n".repeat(10_000);
    let (sub, rg, other_rg, mg, foreign_rg, foreign_mg) = (
        sub.to_string(),
        rg.to_string(),
        other_rg.to_string(),
        mg.to_string(),
        foreign_rg.to_string(),
        foreign_mg.to_string(),
    );
    let cases: Vec<Case> = vec![
        (
            Form {
                name: "ok-name",
                scope: "single",
                sub: "999999",
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#subscription-error",
            "subscriptions",
        ),
        (
            Form {
                name: "ok-name",
                scope: "resource-group",
                sub: &sub,
                rg: &other_rg,
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#resource-group-error",
            "resource group of the chosen subscription",
        ),
        (
            Form {
                name: "ok-name",
                scope: "resource-group",
                sub: &sub,
                rg: &foreign_rg,
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#resource-group-error",
            "resource group",
        ),
        (
            Form {
                name: "ok-name",
                scope: "management-group",
                sub: "",
                rg: "",
                mg: &foreign_mg,
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#management-group-error",
            "management groups",
        ),
        (
            Form {
                name: "ok-name",
                scope: "tenant",
                sub: &sub,
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#scope-error",
            "one of the four",
        ),
        (
            Form {
                name: "ok-name",
                scope: "single",
                sub: &sub,
                rg: "",
                mg: "",
                flex: "On",
                renew: false,
            }
            .fields(&version, &token),
            "#flexibility-error",
            "does not apply",
        ),
        (
            Form {
                name: &long,
                scope: "shared",
                sub: "",
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#name-error",
            "at most 64",
        ),
        (
            Form {
                name: "<b>bold</b>",
                scope: "shared",
                sub: "",
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#name-error",
            "letters, digits",
        ),
        (
            Form {
                name: "",
                scope: "management-group",
                sub: "",
                rg: "",
                mg: &mg,
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
            "#name-error",
            "Enter a name",
        ),
    ];
    let _ = rg;
    for (fields, field, message) in cases {
        let response = app.post_form(&admin, &path, &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let body = response.text().await.expect("body");
        let shown = texts(&body, field).join(" ");
        assert!(shown.contains(message), "{field}: {shown}");
        let typed_name = fields
            .iter()
            .find(|(k, _)| *k == "name")
            .map(|(_, v)| *v)
            .unwrap_or_default();
        assert_eq!(
            attr(&body, "#name", "value").as_deref(),
            Some(typed_name),
            "name kept as typed"
        );
        assert!(!body.contains("<b>bold</b>"), "escaped");
    }
    let (name, version_now): (String, i32) = reservations::table
        .find(t.id)
        .select((reservations::display_name, reservations::version))
        .first(&mut app.conn())
        .expect("stored");
    assert_eq!((name, version_now), (t.name, t.version), "nothing changed");
    let changes: i64 = audit_log::table
        .filter(audit_log::object_id.eq(&t.guid))
        .count()
        .get_result(&mut app.conn())
        .expect("audit");
    assert_eq!(changes, 0);
}

#[tokio::test]
async fn resource_groups_follow_the_chosen_subscription() {
    let app = spawn_app().await;
    let sales = app.client_as(SALES).await;
    let t = target(&app, true);
    let customer = customer_of(&app, t.id);
    let (sub, _, _, _) = places(&app, customer);
    let expected: Vec<String> = resource_groups::table
        .filter(resource_groups::subscription_id.eq(sub))
        .order(resource_groups::name)
        .select(resource_groups::name)
        .load(&mut app.conn())
        .expect("rgs");
    let fragment = app
        .get_with(
            &sales,
            &format!(
                "/reservations/{}/configuration/resource-groups?subscription={sub}",
                t.guid
            ),
            &[("HX-Request", "true")],
        )
        .await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(!fragment.body.contains("<html"));
    assert_eq!(
        fragment.texts("#resource-group option[value]:not([value=''])"),
        expected
    );
    // Without JavaScript the page lists every resource group of the customer, by subscription.
    let all: i64 = resource_groups::table
        .inner_join(subscriptions::table)
        .filter(subscriptions::customer_id.eq(customer))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    let page = app
        .get_with(
            &sales,
            &format!("/reservations/{}/configuration", t.guid),
            &[],
        )
        .await;
    let shown = page.count("#resource-group optgroup option");
    // The current scope's subscription narrows the list; with none chosen all show.
    assert!(shown as i64 <= all && shown > 0);
    let foreign = app
        .get_with(
            &sales,
            &format!(
                "/reservations/{}/configuration/resource-groups?subscription=999999",
                t.guid
            ),
            &[("HX-Request", "true")],
        )
        .await;
    assert_eq!(
        foreign.count("#resource-group optgroup option") as i64,
        all,
        "an unknown subscription shows only this customer's groups"
    );
}

#[tokio::test]
async fn a_save_over_a_newer_change_is_refused_with_the_newer_values() {
    let app = spawn_app().await;
    let admin = app.client_as(ADMIN).await;
    let sales = app.client_as(SALES).await;
    let t = target(&app, false);
    let version = t.version.to_string();
    let path = format!("/reservations/{}/configuration", t.guid);
    // Both load the form at the same version.
    let admin_token = app.csrf(&admin).await;
    let sales_token = app.csrf(&sales).await;
    let first = app
        .post_form(
            &admin,
            &path,
            &Form {
                name: "first-save",
                scope: "shared",
                sub: "",
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &admin_token),
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = app
        .post_form(
            &sales,
            &path,
            &Form {
                name: "second-save",
                scope: "shared",
                sub: "",
                rg: "",
                mg: "",
                flex: "",
                renew: true,
            }
            .fields(&version, &sales_token),
        )
        .await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let body = second.text().await.expect("body");
    let alert = texts(&body, ".alert-error").join(" ");
    assert!(
        alert.contains("newer change") && alert.contains("first-save"),
        "{alert}"
    );
    assert_eq!(
        attr(&body, "#name", "value").as_deref(),
        Some("second-save"),
        "what was typed is kept"
    );
    assert_eq!(
        attr(&body, "input[name=version]", "value"),
        Some((t.version + 1).to_string()),
        "the next save goes over the newer version"
    );
    let name: String = reservations::table
        .find(t.id)
        .select(reservations::display_name)
        .first(&mut app.conn())
        .expect("name");
    assert_eq!(name, "first-save");
}

#[tokio::test]
async fn roles_without_the_right_read_the_configuration_but_cannot_save() {
    let app = spawn_app().await;
    let helpdesk = app.client_as(HELPDESK).await;
    let t = target(&app, false);
    let page = app
        .get_with(
            &helpdesk,
            &format!("/reservations/{}/configuration", t.guid),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("form.config-form fieldset[disabled]"), 1);
    assert_eq!(page.count("form.config-form button[type=submit]"), 0);
    let token = app.csrf(&helpdesk).await;
    let version = t.version.to_string();
    let r = app
        .post_form(
            &helpdesk,
            &format!("/reservations/{}/configuration", t.guid),
            &Form {
                name: "x",
                scope: "shared",
                sub: "",
                rg: "",
                mg: "",
                flex: "",
                renew: false,
            }
            .fields(&version, &token),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
