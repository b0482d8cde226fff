-- A service's standard minutes may have decimals (12.5), kept to the hundredth like every other minutes
-- (V11). Whole values read back as before; the check constraint (> 0) stays.
alter table service_type alter column standard_minutes set data type numeric(8,2);
