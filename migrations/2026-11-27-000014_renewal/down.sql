DROP INDEX reservation_links_one_renewal;
ALTER TABLE reservations DROP COLUMN renew_quantity;
ALTER TABLE reservations DROP COLUMN renew_billing_plan;
ALTER TABLE reservations DROP COLUMN renew_term;
