-- A rep's key lists only that rep's promises (GET /api/v1/promises), newest first.
create index promise_rep on promise(rep, created_at);
