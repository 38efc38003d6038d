DROP TABLE exchanges;
DROP TABLE refunds;
DROP TABLE request_history;
DROP TABLE support_requests;
DROP TABLE request_drafts;
