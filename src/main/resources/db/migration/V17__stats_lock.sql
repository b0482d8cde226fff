-- One row that writers of the statistics lock on H2 (PostgreSQL uses advisory locks instead): a rebuild from the raw
-- history must not interleave with another rebuild or with writes that add to the statistics.
create table stats_lock (
    id integer primary key
);
insert into stats_lock (id) values (1);
