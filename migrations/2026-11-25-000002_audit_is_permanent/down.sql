DROP INDEX users_role;
DROP INDEX audit_log_action;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
