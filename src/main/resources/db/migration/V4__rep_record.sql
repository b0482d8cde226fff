-- Each rep's running record of finished promises (kept, and how late the broken ones were), kept in
-- step with the history so instances load a few rows instead of aggregating the whole history.
create table rep_record (
    rep       varchar(128) primary key,
    n         bigint not null,
    kept      bigint not null,
    lateness  double precision not null
);

insert into rep_record (rep, n, kept, lateness)
select rep, count(*), sum(case when kept then 1 else 0 end),
       sum(case when kept then 0 when kind = 'DELIVERY' then least(1.0, late_by / 7.0) else least(1.0, late_by / 60.0) end)
from history where kept is not null and rep is not null group by rep;
