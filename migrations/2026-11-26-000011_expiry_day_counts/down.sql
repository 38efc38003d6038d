DROP TRIGGER expiry_counted_again;
DROP TRIGGER expiry_counted_out;
DROP TRIGGER expiry_counted_in;
DROP TABLE expiry_day_counts;
