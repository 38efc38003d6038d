-- Audit entries are permanent: the database itself refuses to change or
-- remove them, whatever code runs against it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log entries cannot be deleted');
END;

CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX users_role ON users(role, disabled);
