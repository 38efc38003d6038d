-- See the SQLite migration of the same name.
CREATE TABLE expiry_day_counts (
    expiry_date DATE NOT NULL,
    renew BOOLEAN NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (expiry_date, renew)
);
INSERT INTO expiry_day_counts (expiry_date, renew, n)
    SELECT expiry_date, renew, COUNT(*) FROM reservations
    WHERE provisioning_state = 'Succeeded' GROUP BY expiry_date, renew;
CREATE FUNCTION count_expiry_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.provisioning_state = 'Succeeded' THEN
        UPDATE expiry_day_counts SET n = n - 1
            WHERE expiry_date = OLD.expiry_date AND renew = OLD.renew;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.provisioning_state = 'Succeeded' THEN
        INSERT INTO expiry_day_counts (expiry_date, renew, n) VALUES (NEW.expiry_date, NEW.renew, 1)
            ON CONFLICT (expiry_date, renew) DO UPDATE SET n = expiry_day_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER expiry_counted AFTER INSERT OR DELETE ON reservations
    FOR EACH ROW EXECUTE FUNCTION count_expiry_days();
CREATE TRIGGER expiry_counted_again AFTER UPDATE OF provisioning_state, expiry_date, renew ON reservations
    FOR EACH ROW
    WHEN (OLD.provisioning_state IS DISTINCT FROM NEW.provisioning_state
        OR OLD.expiry_date IS DISTINCT FROM NEW.expiry_date OR OLD.renew IS DISTINCT FROM NEW.renew)
    EXECUTE FUNCTION count_expiry_days();
