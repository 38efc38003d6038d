-- Lists across customers (home page tiles, expiring and under-used lists,
-- customers near their refund limit) search by state and day, not by
-- customer.
CREATE INDEX reservations_state_expiry ON reservations(provisioning_state, expiry_date);
CREATE INDEX refunds_booked_on ON refunds(booked_on);
CREATE INDEX reservation_utilization_day ON reservation_utilization(day, reservation_id, permille);
