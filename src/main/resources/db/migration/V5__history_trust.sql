-- History you can trust: a row far outside its key's spread is stored but kept out of the statistics
-- (outlier = why) until ops confirm it (confirmed_at). Rows already stored that no import would
-- accept any more (completed in the future, or later than any sane lead time) are flagged the same
-- way; the statistics are rebuilt from history at the next start (PerformanceStats fingerprint v3).
alter table history add column outlier varchar(1000);
alter table history add column confirmed_at timestamp with time zone;
create index history_outlier on history(outlier);

update history set outlier = 'completedAt lies in the future (flagged when upgrading)'
where completed_at is not null and completed_at > current_timestamp + interval '5' minute;
update history set outlier = 'completedAt is more than 365 days after orderedAt (flagged when upgrading)'
where outlier is null and completed_at is not null and completed_at > ordered_at + interval '365' day;
