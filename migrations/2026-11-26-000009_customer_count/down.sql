DROP TRIGGER customers_counted_out;
DROP TRIGGER customers_counted_in;
DROP TABLE table_counts;
