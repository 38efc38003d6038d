use rust_decimal::Decimal;

use crate::app::Error;
use crate::app::settings::{self, PolicySettings};
use crate::app::testing::TestStore;
use crate::db::audit::Action;

#[test]
fn saving_audits_each_changed_setting_only() {
    let mut store = TestStore::demo();
    let admin = store.actor("admin@partner.example");
    let before = store.run(&admin, settings::load).expect("settings");
    let mut wanted = before.clone();
    wanted.policy.grace_days += 1;
    wanted.underused_percent = if before.underused_percent == 50 {
        40
    } else {
        50
    };
    store
        .run(&admin, |ctx| settings::save(ctx, &wanted))
        .expect("saved");
    assert_eq!(store.run(&admin, settings::load).expect("settings"), wanted);
    assert_eq!(store.audited(Action::SettingChanged), 2);
    store
        .run(&admin, |ctx| settings::save(ctx, &wanted))
        .expect("saved again");
    assert_eq!(store.audited(Action::SettingChanged), 2, "nothing changed");
}

#[test]
fn only_admins_change_the_policy() {
    let mut store = TestStore::demo();
    let support = store.actor("support@partner.example");
    let admin = store.actor("admin@partner.example");
    assert!(matches!(
        store.run(&support, settings::load),
        Err(Error::Forbidden)
    ));
    let before = store.run(&admin, settings::load).expect("settings");
    let wanted = PolicySettings {
        policy: crate::domain::policy::Settings {
            fee_rate: Decimal::ZERO,
            ..before.policy.clone()
        },
        ..before.clone()
    };
    let refused = store.run(&support, |ctx| settings::save(ctx, &wanted));
    assert!(matches!(refused, Err(Error::Forbidden)));
    assert_eq!(store.run(&admin, settings::load).expect("settings"), before);
}
