-- The decision log you can read (GET /api/v1/decisions): what a decision was (kind), whom and where it concerned
-- (rep, site) and the reason codes of its answer as ",CODE_A,CODE_B," (filtered with LIKE '%,CODE,%'), so a list
-- filters on columns without reading the JSON. created_at is the answer's evaluatedAt.
alter table decision add column kind varchar(16) default 'VALIDATE' not null;
alter table decision add column site varchar(64);
alter table decision add column rep varchar(128);
alter table decision add column codes varchar(2000);
-- Newest first, per filter; the time index also serves retention's purge.
create index decision_time on decision(created_at);
create index decision_verdict_time on decision(verdict, created_at);
create index decision_site_time on decision(site, created_at);
create index decision_rep_time on decision(rep, created_at);
