-- The customer search finds any part of a name, domain or tenant ID
-- (ILIKE '%…%'): trigram indexes serve it instead of reading every
-- customer. pg_trgm ships with PostgreSQL and is trusted, so the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_search_company ON customers USING gin (company_name gin_trgm_ops);
CREATE INDEX customers_search_domain ON customers USING gin (domain gin_trgm_ops);
CREATE INDEX customers_search_tenant ON customers USING gin (tenant_id gin_trgm_ops);
