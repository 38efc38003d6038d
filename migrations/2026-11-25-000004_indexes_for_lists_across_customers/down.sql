DROP INDEX reservation_utilization_day;
DROP INDEX refunds_booked_on;
DROP INDEX reservations_state_expiry;
