-- A small Chinook-like schema for the catalog tests: integer, bigint, numeric(10,2), varchar(n), text,
-- date, timestamp, boolean, uuid; a composite primary key and a composite foreign key whose column order
-- differs from the key's; a self reference; a unique constraint; a view.
CREATE TABLE artist (
    artist_id integer PRIMARY KEY,
    name      varchar(120)
);
CREATE TABLE album (
    album_id  integer PRIMARY KEY,
    title     varchar(160) NOT NULL,
    artist_id integer NOT NULL REFERENCES artist (artist_id),
    released  date
);
CREATE TABLE track (
    track_id     bigint PRIMARY KEY,
    name         text NOT NULL,
    album_id     integer REFERENCES album (album_id),
    unit_price   numeric(10, 2) NOT NULL DEFAULT 0.99,
    milliseconds integer
);
CREATE TABLE employee (
    employee_id integer PRIMARY KEY,
    last_name   varchar(20) NOT NULL,
    reports_to  integer REFERENCES employee (employee_id),
    hired_at    timestamp,
    active      boolean NOT NULL DEFAULT true,
    badge       uuid CONSTRAINT employee_badge_key UNIQUE
);
CREATE TABLE warehouse (
    region char(2),
    code   integer,
    name   varchar(40),
    PRIMARY KEY (region, code)
);
CREATE TABLE stock (
    stock_id       serial PRIMARY KEY,
    warehouse_code integer NOT NULL,
    region         char(2) NOT NULL,
    track_id       bigint NOT NULL REFERENCES track (track_id),
    quantity       integer,
    CONSTRAINT stock_warehouse_fk FOREIGN KEY (warehouse_code, region) REFERENCES warehouse (code, region),
    UNIQUE (region, warehouse_code, track_id)
);
CREATE VIEW album_titles AS
    SELECT a.album_id, a.title, ar.name AS artist FROM album a JOIN artist ar USING (artist_id);

INSERT INTO artist VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith'), (4, NULL);
INSERT INTO album VALUES (1, 'For Those About To Rock', 1, '1981-11-23'), (2, 'Balls to the Wall', 2, NULL),
    (3, 'Restless and Wild', 2, '1982-09-01');
INSERT INTO track VALUES (1, 'For Those About To Rock (We Salute You)', 1, 0.99, 343719),
    (2, 'Balls to the Wall', 2, 1.99, 342562), (3, 'Fast As a Shark', 3, 0.99, 230619),
    (4, 'Restless and Wild', 3, 0.99, NULL), (5, 'Loose track', NULL, 12345678.50, 1000);
INSERT INTO employee VALUES (1, 'Adams', NULL, '2002-08-14 00:00:00', true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    (2, 'Edwards', 1, '2002-05-01 08:30:00', true, NULL), (3, 'Peacock', 2, '2002-04-01 00:00:00', false, NULL);
INSERT INTO warehouse VALUES ('DE', 10, 'Berlin'), ('FR', 10, 'Paris');
INSERT INTO stock (warehouse_code, region, track_id, quantity) VALUES (10, 'DE', 1, 5), (10, 'FR', 1, 7), (10, 'FR', 2, NULL);
