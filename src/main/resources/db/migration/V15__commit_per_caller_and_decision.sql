-- Idempotency keys are kept per caller (a digest of the API key's name, a line break, the key sent), so one caller's key
-- never replays or blocks another's: room for the prefix beside the 200 characters a key may have.
alter table idempotency alter column idem_key set data type varchar(300);
-- A decision commits once: its promise is looked up by decision at every commit by decisionId.
create index promise_decision on promise(decision_id);
