DROP TABLE purchase_reservations;
DROP TABLE purchases;
DROP TABLE cart_items;
