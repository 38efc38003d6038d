-- How a reservation set to renew is renewed: the successor's term, billing
-- plan and quantity (none: the same as now).
ALTER TABLE reservations ADD COLUMN renew_term TEXT CHECK (renew_term IN ('P1Y', 'P3Y', 'P5Y'));
ALTER TABLE reservations ADD COLUMN renew_billing_plan TEXT CHECK (renew_billing_plan IN ('Upfront', 'Monthly'));
ALTER TABLE reservations ADD COLUMN renew_quantity INTEGER CHECK (renew_quantity > 0);
-- A reservation is renewed once, however many times or nodes try.
CREATE UNIQUE INDEX reservation_links_one_renewal ON reservation_links(source_id) WHERE kind = 'Renewal';
