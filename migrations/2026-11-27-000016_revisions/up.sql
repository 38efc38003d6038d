-- Every change to a reservation is a revision: the reservation as it was
-- at each version, kept by triggers, so that it can be viewed as it was.
CREATE TABLE reservation_revisions (
    reservation_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    display_name TEXT NOT NULL,
    sku TEXT NOT NULL,
    region TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    scope_type TEXT NOT NULL,
    scope_subscription_id BIGINT,
    scope_resource_group_id BIGINT,
    scope_management_group_id BIGINT,
    instance_flexibility TEXT,
    renew BOOLEAN NOT NULL,
    renew_term TEXT,
    renew_billing_plan TEXT,
    renew_quantity INTEGER,
    archived BOOLEAN NOT NULL,
    provisioning_state TEXT NOT NULL,
    closed_by TEXT,
    effective_date DATE NOT NULL,
    expiry_date DATE NOT NULL,
    PRIMARY KEY (reservation_id, version)
);
INSERT INTO reservation_revisions (reservation_id, version, changed_at, display_name, sku, region, quantity, scope_type, scope_subscription_id, scope_resource_group_id, scope_management_group_id, instance_flexibility, renew, renew_term, renew_billing_plan, renew_quantity, archived, provisioning_state, closed_by, effective_date, expiry_date)
    SELECT r.id, r.version, r.updated_at, r.display_name, r.sku, r.region, r.quantity, r.scope_type, r.scope_subscription_id, r.scope_resource_group_id, r.scope_management_group_id, r.instance_flexibility, r.renew, r.renew_term, r.renew_billing_plan, r.renew_quantity, r.archived, r.provisioning_state, r.closed_by, r.effective_date, r.expiry_date FROM reservations r;
CREATE TRIGGER reservation_revision_added AFTER INSERT ON reservations BEGIN
    INSERT OR REPLACE INTO reservation_revisions (reservation_id, version, changed_at, display_name, sku, region, quantity, scope_type, scope_subscription_id, scope_resource_group_id, scope_management_group_id, instance_flexibility, renew, renew_term, renew_billing_plan, renew_quantity, archived, provisioning_state, closed_by, effective_date, expiry_date)
        VALUES (new.id, new.version, new.updated_at, new.display_name, new.sku, new.region, new.quantity, new.scope_type, new.scope_subscription_id, new.scope_resource_group_id, new.scope_management_group_id, new.instance_flexibility, new.renew, new.renew_term, new.renew_billing_plan, new.renew_quantity, new.archived, new.provisioning_state, new.closed_by, new.effective_date, new.expiry_date);
END;
CREATE TRIGGER reservation_revised AFTER UPDATE ON reservations
WHEN new.version IS NOT old.version BEGIN
    INSERT OR REPLACE INTO reservation_revisions (reservation_id, version, changed_at, display_name, sku, region, quantity, scope_type, scope_subscription_id, scope_resource_group_id, scope_management_group_id, instance_flexibility, renew, renew_term, renew_billing_plan, renew_quantity, archived, provisioning_state, closed_by, effective_date, expiry_date)
        VALUES (new.id, new.version, new.updated_at, new.display_name, new.sku, new.region, new.quantity, new.scope_type, new.scope_subscription_id, new.scope_resource_group_id, new.scope_management_group_id, new.instance_flexibility, new.renew, new.renew_term, new.renew_billing_plan, new.renew_quantity, new.archived, new.provisioning_state, new.closed_by, new.effective_date, new.expiry_date);
END;
CREATE TRIGGER reservation_revisions_removed AFTER DELETE ON reservations BEGIN
    DELETE FROM reservation_revisions WHERE reservation_id = old.id;
END;
