-- Staff pages list events of one kind ("account.reported"), newest first.
CREATE INDEX audit_log_action ON audit_log (action, id);
