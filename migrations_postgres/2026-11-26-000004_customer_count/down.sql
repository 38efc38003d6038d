DROP TRIGGER customers_counted ON customers;
DROP FUNCTION count_customers();
DROP TABLE table_counts;
