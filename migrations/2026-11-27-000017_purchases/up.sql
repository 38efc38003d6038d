-- Buying reservations for a customer: each purchase, claimed by the
-- one-time token of its price review before anything is bought (so that a
-- form sent twice buys once), each agent's cart per customer (catalogue
-- items with plan, quantity and scope; an item a purchase is buying is
-- taken by it, so that two purchases never buy the same item), and the
-- reservations each purchase bought.
CREATE TABLE purchases (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('Pending', 'Done', 'Failed')),
    total TEXT NOT NULL,
    owner_email TEXT NOT NULL,
    error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX purchases_by_customer ON purchases (customer_id);

CREATE TABLE cart_items (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    price_id BIGINT NOT NULL REFERENCES catalogue_prices(id),
    billing_plan TEXT NOT NULL CHECK (billing_plan IN ('Upfront', 'Monthly')),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    scope_subscription_id BIGINT REFERENCES subscriptions(id),
    purchase_id BIGINT REFERENCES purchases(id),
    added_at TIMESTAMP NOT NULL
);
CREATE INDEX cart_items_by_agent ON cart_items (user_id, customer_id);
CREATE INDEX cart_items_by_purchase ON cart_items (purchase_id);

CREATE TABLE purchase_reservations (
    purchase_id BIGINT NOT NULL REFERENCES purchases(id),
    reservation_id BIGINT NOT NULL REFERENCES reservations(id),
    PRIMARY KEY (purchase_id, reservation_id)
);
CREATE INDEX purchase_reservations_by_reservation ON purchase_reservations (reservation_id);
