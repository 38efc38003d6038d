DROP TRIGGER expiry_counted_again ON reservations;
DROP TRIGGER expiry_counted ON reservations;
DROP FUNCTION count_expiry_days();
DROP TABLE expiry_day_counts;
