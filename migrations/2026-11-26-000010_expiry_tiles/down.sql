DROP INDEX reservations_state_expiry;
CREATE INDEX reservations_state_expiry ON reservations(provisioning_state, expiry_date);
