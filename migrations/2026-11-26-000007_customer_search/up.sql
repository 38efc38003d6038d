-- The customer search finds any part of a name, domain or tenant ID: a
-- trigram index (FTS5) serves it instead of reading every customer. It
-- holds no data of its own (the rows stay in customers) and triggers keep
-- it in step.
CREATE VIRTUAL TABLE customer_search USING fts5(
    company_name, domain, tenant_id,
    content = 'customers', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO customer_search (rowid, company_name, domain, tenant_id)
    SELECT id, company_name, domain, tenant_id FROM customers;

CREATE TRIGGER customer_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (rowid, company_name, domain, tenant_id)
        VALUES (new.id, new.company_name, new.domain, new.tenant_id);
END;

CREATE TRIGGER customer_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customer_search (customer_search, rowid, company_name, domain, tenant_id)
        VALUES ('delete', old.id, old.company_name, old.domain, old.tenant_id);
END;

CREATE TRIGGER customer_search_update AFTER UPDATE OF company_name, domain, tenant_id ON customers BEGIN
    INSERT INTO customer_search (customer_search, rowid, company_name, domain, tenant_id)
        VALUES ('delete', old.id, old.company_name, old.domain, old.tenant_id);
    INSERT INTO customer_search (rowid, company_name, domain, tenant_id)
        VALUES (new.id, new.company_name, new.domain, new.tenant_id);
END;
