-- See the SQLite migration of the same name.
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
CREATE FUNCTION record_reservation_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM reservation_revisions WHERE reservation_id = OLD.id;
    ELSIF TG_OP = 'INSERT' OR NEW.version IS DISTINCT FROM OLD.version THEN
        INSERT INTO reservation_revisions (reservation_id, version, changed_at, display_name, sku, region, quantity, scope_type, scope_subscription_id, scope_resource_group_id, scope_management_group_id, instance_flexibility, renew, renew_term, renew_billing_plan, renew_quantity, archived, provisioning_state, closed_by, effective_date, expiry_date)
            VALUES (NEW.id, NEW.version, NEW.updated_at, NEW.display_name, NEW.sku, NEW.region, NEW.quantity, NEW.scope_type, NEW.scope_subscription_id, NEW.scope_resource_group_id, NEW.scope_management_group_id, NEW.instance_flexibility, NEW.renew, NEW.renew_term, NEW.renew_billing_plan, NEW.renew_quantity, NEW.archived, NEW.provisioning_state, NEW.closed_by, NEW.effective_date, NEW.expiry_date)
            ON CONFLICT (reservation_id, version) DO UPDATE SET changed_at = EXCLUDED.changed_at, display_name = EXCLUDED.display_name, sku = EXCLUDED.sku, region = EXCLUDED.region, quantity = EXCLUDED.quantity, scope_type = EXCLUDED.scope_type, scope_subscription_id = EXCLUDED.scope_subscription_id, scope_resource_group_id = EXCLUDED.scope_resource_group_id, scope_management_group_id = EXCLUDED.scope_management_group_id, instance_flexibility = EXCLUDED.instance_flexibility, renew = EXCLUDED.renew, renew_term = EXCLUDED.renew_term, renew_billing_plan = EXCLUDED.renew_billing_plan, renew_quantity = EXCLUDED.renew_quantity, archived = EXCLUDED.archived, provisioning_state = EXCLUDED.provisioning_state, closed_by = EXCLUDED.closed_by, effective_date = EXCLUDED.effective_date, expiry_date = EXCLUDED.expiry_date;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER reservation_revised AFTER INSERT OR UPDATE OR DELETE ON reservations
    FOR EACH ROW EXECUTE FUNCTION record_reservation_revision();
