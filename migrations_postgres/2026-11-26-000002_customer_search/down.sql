DROP INDEX customers_search_tenant;
DROP INDEX customers_search_domain;
DROP INDEX customers_search_company;
