-- Exports as of a time: an open history row remembers when it was known open (open_as_of, the import's
-- asOf) and is counted as open for that long, never aged against the clock; one already older than the
-- planning horizon then is counted as lost (open_too_old) and left out of the lead-time estimate.
-- Rows stored earlier keep open_as_of null: they are aged as before (to the statistics' latest day).
alter table history add column open_as_of timestamp with time zone;
alter table history add column open_too_old boolean;

-- Open orders with a fixed age (days open at their export's asOf), weighted like outcomes by the day they were known.
create table perf_censored (
    scope   varchar(16)  not null,
    skey    varchar(200) not null,
    val     integer      not null,
    n       bigint       not null,
    weight  double precision not null,
    weight2 double precision not null,
    primary key (scope, skey, val)
);
