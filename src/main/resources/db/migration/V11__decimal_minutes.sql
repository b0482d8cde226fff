-- Service minutes may have decimals (41.9): kept to the hundredth of a minute. late_by is days late
-- (deliveries, whole) or minutes over (services, decimals). Bay bookings (starts_at/ends_at) and
-- booked_minutes stay whole minutes: a 12.5-minute job holds a bay for 13. standard_minutes is an
-- ops planning value in whole minutes. The stored service statistics are rebuilt at the next start
-- (PerformanceStats fingerprint v4 bins service minutes per tenth of a minute).
alter table history alter column promised_minutes set data type numeric(10,2);
alter table history alter column actual_minutes set data type numeric(10,2);
alter table history alter column late_by set data type numeric(12,2);
alter table promise alter column promised_minutes set data type numeric(10,2);
alter table promise alter column actual_minutes set data type numeric(10,2);
