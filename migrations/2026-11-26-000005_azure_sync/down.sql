DROP TABLE azure_settlements;
DROP TABLE sync_customers;
DROP TABLE sync_runs;
ALTER TABLE support_requests DROP COLUMN settling_since;
ALTER TABLE audit_log DROP COLUMN correlation_id;
ALTER TABLE reservations DROP COLUMN missing_since;
ALTER TABLE reservations DROP COLUMN synced_at;
ALTER TABLE customers DROP COLUMN synced_at;
