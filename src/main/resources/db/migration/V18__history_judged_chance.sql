-- The chance the service estimate in force gave a finished service of finishing sooner when it was first counted
-- (thousandths; null = not judged): the recalibration's outcome, kept with its row so that deleting or replacing the
-- row takes back that same chance and a rebuild of the statistics counts it again (probe P5, H3).
alter table history add column judged_chance integer;
