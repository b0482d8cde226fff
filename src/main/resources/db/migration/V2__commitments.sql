-- Committed promises, holds and idempotency records. Everything here is acknowledged to a caller,
-- so it is written in the transaction that consumes the capacity.

create table promise (
    id                 varchar(40)  primary key,
    status             varchar(16)  not null,   -- HELD, OPEN, AT_RISK, KEPT, BROKEN, CANCELLED, EXPIRED
    kind               varchar(16)  not null,   -- DELIVERY or SERVICE
    decision_id        varchar(40),
    quote_id           varchar(200),
    rep                varchar(128),
    customer           varchar(200),
    site_code          varchar(64)  not null,
    region_code        varchar(64),
    service_type       varchar(64),
    ordered_at         timestamp with time zone not null,
    release_day        date,
    dispatch_day       date,
    promised_by        date,
    start_at           timestamp with time zone,
    promised_minutes   integer,
    booked_minutes     integer,                 -- bay time held: the realistic minutes, at least the promised ones
    target_confidence  double precision not null,
    confidence         double precision not null,
    current_confidence double precision,
    risk_reason        varchar(2000),
    risk_recommended   varchar(4000),
    checked_at         timestamp with time zone,
    hold_expires_at    timestamp with time zone,
    completed_at       timestamp with time zone,
    actual_minutes     integer,
    request            varchar(1000000) not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create index promise_status on promise(status, checked_at);
create index promise_hold on promise(status, hold_expires_at);

create table promise_line (
    promise_id  varchar(40)  not null references promise(id) on delete cascade,
    sku         varchar(128) not null,
    quantity    integer      not null check (quantity > 0),
    primary key (promise_id, sku)
);

-- The orders capacity a booking was checked against is kept on the row, so the check constraint
-- is a backstop even if ops change the site's capacity later.
alter table site_day_load add column capacity integer;
alter table site_day_load add constraint site_day_load_within check (capacity is null or orders <= capacity);

create table idempotency (
    idem_key      varchar(200) primary key,
    request_hash  varchar(64)  not null,
    state         varchar(16)  not null,   -- IN_PROGRESS or DONE
    status_code   integer,
    response      varchar(1000000),
    promise_id    varchar(40),
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);
create index idempotency_expiry on idempotency(expires_at);

-- Whether each finished promise in the history was kept, and by how much it missed (days late for
-- a delivery, minutes over for a service), computed once at import in the site's time zone, so the
-- mastery score is a plain aggregate.
alter table history add column kept boolean;
alter table history add column late_by integer;
create index history_rep on history(rep);
