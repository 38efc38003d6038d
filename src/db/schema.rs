//! Diesel's view of the tables, kept by hand in step with `migrations/`
//! (the `schema_matches_migrations` test catches drift).

#![expect(
    missing_docs,
    reason = "the table! macro generates undocumented modules"
)]
diesel::table! {
    customers (id) {
        id -> BigInt,
        tenant_id -> Text,
        company_name -> Text,
        domain -> Text,
        country -> Text,
        created_at -> Timestamp,
        synced_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        subscription_guid -> Text,
        customer_id -> BigInt,
        display_name -> Text,
    }
}

diesel::table! {
    resource_groups (id) {
        id -> BigInt,
        subscription_id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    management_groups (id) {
        id -> BigInt,
        customer_id -> BigInt,
        group_name -> Text,
        display_name -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    catalogue_prices (id) {
        id -> BigInt,
        resource_type -> Text,
        sku -> Text,
        sku_description -> Text,
        region -> Text,
        term -> Text,
        unit_price -> Amount,
    }
}

diesel::table! {
    reservation_orders (id) {
        id -> BigInt,
        order_guid -> Text,
        customer_id -> BigInt,
        display_name -> Text,
        term -> Text,
        billing_plan -> Text,
        original_quantity -> Integer,
        purchase_date -> Date,
        benefit_start_date -> Date,
        expiry_date -> Date,
        currency -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    reservations (id) {
        id -> BigInt,
        reservation_guid -> Text,
        order_id -> BigInt,
        customer_id -> BigInt,
        display_name -> Text,
        resource_type -> Text,
        sku -> Text,
        sku_description -> Text,
        region -> Text,
        quantity -> Integer,
        scope_type -> Text,
        scope_subscription_id -> Nullable<BigInt>,
        scope_resource_group_id -> Nullable<BigInt>,
        scope_management_group_id -> Nullable<BigInt>,
        billing_subscription_id -> BigInt,
        instance_flexibility -> Nullable<Text>,
        renew -> Bool,
        purchase_date -> Date,
        effective_date -> Date,
        expiry_date -> Date,
        provisioning_state -> Text,
        purchase_price -> Amount,
        version -> Integer,
        updated_at -> Timestamp,
        synced_at -> Nullable<Timestamp>,
        missing_since -> Nullable<Timestamp>,
        archived -> Bool,
        closed_by -> Nullable<Text>,
        renew_term -> Nullable<Text>,
        renew_billing_plan -> Nullable<Text>,
        renew_quantity -> Nullable<Integer>,
    }
}

diesel::table! {
    reservation_utilization (reservation_id, day) {
        reservation_id -> BigInt,
        day -> Date,
        permille -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        customer_id -> Nullable<BigInt>,
        disabled -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Nullable<BigInt>,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    table_counts (name) {
        name -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    expiry_day_counts (expiry_date, renew) {
        expiry_date -> Date,
        renew -> Bool,
        n -> BigInt,
    }
}

diesel::table! {
    session_changes (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        token_hash -> Nullable<Text>,
    }
}

diesel::table! {
    role_assignments (id) {
        id -> BigInt,
        reservation_id -> BigInt,
        principal_email -> Text,
        role -> Text,
        assigned_by -> Text,
        assigned_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_user_id -> Nullable<BigInt>,
        actor_email -> Text,
        action -> Text,
        object_type -> Text,
        object_id -> Text,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        client_address -> Nullable<Text>,
        correlation_id -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    request_drafts (id) {
        id -> BigInt,
        token -> Text,
        user_id -> BigInt,
        reservation_id -> BigInt,
        kind -> Text,
        data -> Text,
        request_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    support_requests (id) {
        id -> BigInt,
        number -> Text,
        draft_id -> BigInt,
        reservation_id -> BigInt,
        customer_id -> BigInt,
        kind -> Text,
        status -> Text,
        title -> Text,
        details -> Text,
        quote -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
        settling_since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    request_history (id) {
        id -> BigInt,
        request_id -> BigInt,
        at -> Timestamp,
        actor_email -> Text,
        event -> Text,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    refunds (id) {
        id -> BigInt,
        request_id -> BigInt,
        customer_id -> BigInt,
        reservation_id -> BigInt,
        booked_on -> Date,
        cancelled_commitment -> Amount,
        fee -> Amount,
        refund -> Amount,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    exchanges (id) {
        id -> BigInt,
        request_id -> BigInt,
        customer_id -> BigInt,
        old_reservation_id -> BigInt,
        new_reservation_id -> BigInt,
        booked_on -> Date,
        value_returned -> Amount,
        new_commitment -> Amount,
    }
}

diesel::table! {
    sync_runs (id) {
        id -> BigInt,
        started_at -> Timestamp,
        heartbeat_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        started_by -> Text,
        state -> Text,
        customers_total -> Integer,
        customers_done -> Integer,
        customers_failed -> Integer,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    sync_customers (id) {
        id -> BigInt,
        run_id -> BigInt,
        customer_id -> BigInt,
        started_at -> Timestamp,
        finished_at -> Timestamp,
        added -> Integer,
        changed -> Integer,
        missing -> Integer,
        utilization_days -> Integer,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    azure_settlements (id) {
        id -> BigInt,
        request_id -> BigInt,
        session_id -> Text,
        amount -> Amount,
        currency -> Text,
        consumed_refunds_total -> Nullable<Amount>,
        max_refund_limit -> Nullable<Amount>,
        correlation_id -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_attempts (id) {
        id -> BigInt,
        attempt -> Text,
        key -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    reservation_links (id) {
        id -> BigInt,
        source_id -> BigInt,
        destination_id -> BigInt,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    recommendation_dismissals (id) {
        id -> BigInt,
        reservation_id -> BigInt,
        kind -> Text,
        dismissed_by -> Text,
        dismissed_at -> Timestamp,
    }
}

diesel::table! {
    reservation_revisions (reservation_id, version) {
        reservation_id -> BigInt,
        version -> Integer,
        changed_at -> Timestamp,
        display_name -> Text,
        sku -> Text,
        region -> Text,
        quantity -> Integer,
        scope_type -> Text,
        scope_subscription_id -> Nullable<BigInt>,
        scope_resource_group_id -> Nullable<BigInt>,
        scope_management_group_id -> Nullable<BigInt>,
        instance_flexibility -> Nullable<Text>,
        renew -> Bool,
        renew_term -> Nullable<Text>,
        renew_billing_plan -> Nullable<Text>,
        renew_quantity -> Nullable<Integer>,
        archived -> Bool,
        provisioning_state -> Text,
        closed_by -> Nullable<Text>,
        effective_date -> Date,
        expiry_date -> Date,
    }
}

diesel::table! {
    cart_items (id) {
        id -> BigInt,
        user_id -> BigInt,
        customer_id -> BigInt,
        price_id -> BigInt,
        billing_plan -> Text,
        quantity -> Integer,
        scope_subscription_id -> Nullable<BigInt>,
        purchase_id -> Nullable<BigInt>,
        added_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::columns::Amount;
    purchases (id) {
        id -> BigInt,
        token -> Text,
        customer_id -> BigInt,
        user_id -> BigInt,
        state -> Text,
        total -> Amount,
        owner_email -> Text,
        error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    purchase_reservations (purchase_id, reservation_id) {
        purchase_id -> BigInt,
        reservation_id -> BigInt,
    }
}

diesel::table! {
    alert_preferences (user_id) {
        user_id -> BigInt,
        expiry_days -> Text,
        underused -> Bool,
        new_requests -> Bool,
        settled -> Bool,
        language -> Text,
        chosen -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        dedupe_key -> Text,
        kind -> Text,
        user_id -> Nullable<BigInt>,
        recipient -> Text,
        language -> Text,
        payload -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mail_sender (id) {
        id -> BigInt,
        node -> Text,
        lease_until -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        prefix -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_idempotency (user_id, idempotency_key) {
        user_id -> BigInt,
        idempotency_key -> Text,
        body_hash -> Text,
        request_number -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    imports (id) {
        id -> BigInt,
        user_id -> BigInt,
        file_name -> Text,
        chosen_tenant -> Nullable<Text>,
        body -> Text,
        rows_total -> Integer,
        preview -> Text,
        state -> Text,
        added -> Integer,
        changed -> Integer,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(sync_customers -> sync_runs (run_id));
diesel::joinable!(sync_customers -> customers (customer_id));
diesel::joinable!(azure_settlements -> support_requests (request_id));
diesel::joinable!(subscriptions -> customers (customer_id));
diesel::joinable!(support_requests -> reservations (reservation_id));
diesel::joinable!(request_history -> support_requests (request_id));
diesel::joinable!(resource_groups -> subscriptions (subscription_id));
diesel::joinable!(management_groups -> customers (customer_id));
diesel::joinable!(reservation_orders -> customers (customer_id));
diesel::joinable!(reservations -> reservation_orders (order_id));
diesel::joinable!(reservations -> customers (customer_id));
diesel::joinable!(cart_items -> catalogue_prices (price_id));
diesel::joinable!(purchase_reservations -> reservations (reservation_id));
diesel::joinable!(reservation_utilization -> reservations (reservation_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(imports -> users (user_id));
diesel::joinable!(session_changes -> users (user_id));
diesel::joinable!(role_assignments -> reservations (reservation_id));

diesel::allow_tables_to_appear_in_same_query!(
    customers,
    subscriptions,
    resource_groups,
    management_groups,
    catalogue_prices,
    reservation_orders,
    reservations,
    reservation_utilization,
    reservation_links,
    reservation_revisions,
    recommendation_dismissals,
    cart_items,
    purchases,
    purchase_reservations,
    users,
    sessions,
    session_changes,
    table_counts,
    expiry_day_counts,
    role_assignments,
    audit_log,
    settings,
    request_drafts,
    support_requests,
    request_history,
    refunds,
    exchanges,
    sync_runs,
    sync_customers,
    azure_settlements,
    sign_in_attempts,
    alert_preferences,
    outbox,
    mail_sender,
    api_tokens,
    api_idempotency,
    imports,
);
