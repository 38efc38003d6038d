-- Partner Dashboard: the foundation schema.
-- Money is stored as TEXT holding an exact decimal (never REAL/NUMERIC).
-- Dates are UTC calendar days as 'YYYY-MM-DD'; timestamps are UTC 'YYYY-MM-DD HH:MM:SS'.

CREATE TABLE customers (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL UNIQUE,
    company_name TEXT NOT NULL,
    domain TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX customers_company_name ON customers(company_name COLLATE NOCASE, id);
CREATE INDEX customers_domain ON customers(domain, id);
CREATE INDEX customers_country ON customers(country, id);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY NOT NULL,
    subscription_guid TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    display_name TEXT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions(customer_id);

CREATE TABLE resource_groups (
    id INTEGER PRIMARY KEY NOT NULL,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    name TEXT NOT NULL,
    UNIQUE (subscription_id, name)
);

CREATE TABLE management_groups (
    id INTEGER PRIMARY KEY NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    group_name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL
);
CREATE INDEX management_groups_customer ON management_groups(customer_id);

CREATE TABLE catalogue_prices (
    id INTEGER PRIMARY KEY NOT NULL,
    resource_type TEXT NOT NULL,
    sku TEXT NOT NULL,
    sku_description TEXT NOT NULL,
    region TEXT NOT NULL,
    term TEXT NOT NULL CHECK (term IN ('P1Y', 'P3Y', 'P5Y')),
    unit_price TEXT NOT NULL,
    UNIQUE (resource_type, sku, region, term)
);

CREATE TABLE reservation_orders (
    id INTEGER PRIMARY KEY NOT NULL,
    order_guid TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    display_name TEXT NOT NULL,
    term TEXT NOT NULL CHECK (term IN ('P1Y', 'P3Y', 'P5Y')),
    billing_plan TEXT NOT NULL CHECK (billing_plan IN ('Upfront', 'Monthly')),
    original_quantity INTEGER NOT NULL CHECK (original_quantity > 0),
    purchase_date DATE NOT NULL,
    benefit_start_date DATE NOT NULL,
    expiry_date DATE NOT NULL,
    currency TEXT NOT NULL DEFAULT 'USD',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reservation_orders_customer ON reservation_orders(customer_id);

CREATE TABLE reservations (
    id INTEGER PRIMARY KEY NOT NULL,
    reservation_guid TEXT NOT NULL UNIQUE,
    order_id INTEGER NOT NULL REFERENCES reservation_orders(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    display_name TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    sku TEXT NOT NULL,
    sku_description TEXT NOT NULL,
    region TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    scope_type TEXT NOT NULL CHECK (scope_type IN ('Single', 'Shared', 'ManagementGroup')),
    scope_subscription_id INTEGER REFERENCES subscriptions(id),
    scope_resource_group_id INTEGER REFERENCES resource_groups(id),
    scope_management_group_id INTEGER REFERENCES management_groups(id),
    billing_subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    instance_flexibility TEXT CHECK (instance_flexibility IN ('On', 'Off')),
    renew BOOLEAN NOT NULL DEFAULT 0,
    purchase_date DATE NOT NULL,
    effective_date DATE NOT NULL,
    expiry_date DATE NOT NULL,
    provisioning_state TEXT NOT NULL
        CHECK (provisioning_state IN ('Succeeded', 'Cancelled', 'Expired', 'Exchanged', 'Creating', 'Failed')),
    purchase_price TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    CHECK (expiry_date > effective_date),
    CHECK (scope_type <> 'Single' OR scope_subscription_id IS NOT NULL),
    CHECK (scope_type <> 'ManagementGroup' OR scope_management_group_id IS NOT NULL)
);
CREATE INDEX reservations_order ON reservations(order_id);
CREATE INDEX reservations_customer_state_expiry ON reservations(customer_id, provisioning_state, expiry_date);
CREATE INDEX reservations_customer_name ON reservations(customer_id, display_name);

-- One row per reservation per UTC day; utilization in tenths of a percent (0..1000).
CREATE TABLE reservation_utilization (
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    day DATE NOT NULL,
    permille INTEGER NOT NULL CHECK (permille BETWEEN 0 AND 1000),
    PRIMARY KEY (reservation_id, day)
) WITHOUT ROWID;

CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('Admin', 'Sales', 'Helpdesk', 'Support', 'Customer')),
    customer_id INTEGER REFERENCES customers(id),
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

-- Roles principals hold on one reservation (Access control blade).
CREATE TABLE role_assignments (
    id INTEGER PRIMARY KEY NOT NULL,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    principal_email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('Owner', 'ReservationsAdministrator', 'ReservationsContributor', 'ReservationsReader')),
    assigned_by TEXT NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    UNIQUE (reservation_id, principal_email, role)
);
CREATE INDEX role_assignments_principal ON role_assignments(principal_email);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_email TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT,
    client_address TEXT
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
