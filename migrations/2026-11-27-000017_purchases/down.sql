DROP TABLE purchase_reservations;
DROP TABLE cart_items;
DROP TABLE purchases;
