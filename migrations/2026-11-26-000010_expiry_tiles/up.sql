-- Home's expiry tiles count reservations in force by expiry and whether
-- they renew: with `renew` in the index the count reads the index alone,
-- instead of looking up every reservation expiring within 90 days.
DROP INDEX reservations_state_expiry;
CREATE INDEX reservations_state_expiry ON reservations(provisioning_state, expiry_date, renew);
