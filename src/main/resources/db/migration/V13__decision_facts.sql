-- The facts each decision met (capacity, stock, bookings, statistics it read), enough to replay it: stored once per
-- distinct content (hash = SHA-256 of the canonical JSON) and referenced from the decision, so a thousand answers on
-- the same lane share one snapshot. last_used is the latest decision time known to reference it: retention deletes
-- a snapshot only when no decision references it and it has not been used within the retention.
create table decision_facts (
    hash       varchar(64) primary key,
    last_used  timestamp with time zone not null,
    facts      varchar(10000000) not null
);
create index decision_facts_used on decision_facts(last_used);
alter table decision add column facts_hash varchar(64);
create index decision_facts_ref on decision(facts_hash);
