-- See the SQLite migration of the same name.
DROP INDEX reservations_state_expiry;
CREATE INDEX reservations_state_expiry ON reservations(provisioning_state, expiry_date, renew);
