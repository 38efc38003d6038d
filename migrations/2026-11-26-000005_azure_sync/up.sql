-- The connection to Azure: what each sync did, when each customer and
-- reservation was last synced, reservations Azure no longer lists, and what
-- Azure answered when a request was settled there.

PRAGMA foreign_keys = OFF;
BEGIN;

-- A management group's name is unique within its customer's tenant only
-- (every tenant may have a "Production" group).
CREATE TABLE management_groups_new (
    id INTEGER PRIMARY KEY NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    group_name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    UNIQUE (customer_id, group_name)
);
INSERT INTO management_groups_new (id, customer_id, group_name, display_name)
    SELECT id, customer_id, group_name, display_name FROM management_groups;
DROP TABLE management_groups;
ALTER TABLE management_groups_new RENAME TO management_groups;
CREATE INDEX management_groups_customer ON management_groups(customer_id);

ALTER TABLE customers ADD COLUMN synced_at TIMESTAMP;
ALTER TABLE reservations ADD COLUMN synced_at TIMESTAMP;
-- Set when a sync no longer finds the reservation in Azure; it is kept.
ALTER TABLE reservations ADD COLUMN missing_since TIMESTAMP;
-- The ARM correlation ID of the call an audited change made, if any.
ALTER TABLE audit_log ADD COLUMN correlation_id TEXT;
-- Set while an approval is carried out in Azure: a second approval of the
-- same request waits for the first (or for this to grow old, if the server
-- stopped midway).
ALTER TABLE support_requests ADD COLUMN settling_since TIMESTAMP;



-- One run of the sync (scheduled, asked for on the Data source page, or
-- the sync command). A running one keeps its heartbeat fresh; one whose
-- heartbeat is old was interrupted.
CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY NOT NULL,
    started_at TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    started_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('Running', 'Finished', 'Failed', 'Interrupted')),
    customers_total INTEGER NOT NULL DEFAULT 0,
    customers_done INTEGER NOT NULL DEFAULT 0,
    customers_failed INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX sync_runs_state ON sync_runs(state, heartbeat_at);

-- What one run did for one customer tenant.
CREATE TABLE sync_customers (
    id INTEGER PRIMARY KEY NOT NULL,
    run_id INTEGER NOT NULL REFERENCES sync_runs(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    utilization_days INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX sync_customers_customer ON sync_customers(customer_id, id);
CREATE INDEX sync_customers_run ON sync_customers(run_id, id);

-- What Azure answered when a refund or exchange was carried out there.
CREATE TABLE azure_settlements (
    id INTEGER PRIMARY KEY NOT NULL,
    request_id INTEGER NOT NULL UNIQUE REFERENCES support_requests(id),
    session_id TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    consumed_refunds_total TEXT,
    max_refund_limit TEXT,
    correlation_id TEXT,
    recorded_at TIMESTAMP NOT NULL
);

PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
