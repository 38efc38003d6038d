DROP TABLE mail_sender;
DROP TABLE outbox;
DROP TABLE alert_preferences;
