-- How many rows a table holds, kept by triggers, so that the customer list
-- does not count every customer on each view (a full read of an index,
-- growing with the book of business).
CREATE TABLE table_counts (
    name TEXT PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO table_counts (name, n) SELECT 'customers', COUNT(*) FROM customers;
CREATE TRIGGER customers_counted_in AFTER INSERT ON customers BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'customers';
END;
CREATE TRIGGER customers_counted_out AFTER DELETE ON customers BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'customers';
END;
