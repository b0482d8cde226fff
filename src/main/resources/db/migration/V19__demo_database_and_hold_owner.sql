-- Set once, when the demo data set is loaded into an empty database: only such a database accepts the public demo keys
-- (demo mode without PROMISE_API_KEYS); a database that holds other data makes that start refuse instead.
create table demo_database (
    id         integer primary key,
    marked_at  timestamp with time zone not null
);
-- Databases that got the demo data before this table existed: the demo's history rows are named DEMO-D-1, DEMO-D-2, ...
insert into demo_database (id, marked_at) select 1, current_timestamp from history where reference = 'DEMO-D-1';

-- Who took a hold (the API key's name): the open holds of one key are bounded (promise.holds.max-open-per-key).
alter table promise add column held_by varchar(64);
create index promise_held_by on promise(held_by, status);
-- One row per key that ever held: a hold locks its key's row while it counts the key's open holds, so concurrent holds
-- of one key (other threads, other instances) never pass the bound together.
create table hold_owner (
    key_name  varchar(64) primary key,
    taken     bigint not null
);
