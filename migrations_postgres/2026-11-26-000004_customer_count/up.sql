-- See the SQLite migration of the same name.
CREATE TABLE table_counts (
    name TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO table_counts (name, n) SELECT 'customers', COUNT(*) FROM customers;
CREATE FUNCTION count_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE table_counts SET n = n + 1 WHERE name = 'customers';
    ELSE
        UPDATE table_counts SET n = n - 1 WHERE name = 'customers';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_counted AFTER INSERT OR DELETE ON customers
    FOR EACH ROW EXECUTE FUNCTION count_customers();
