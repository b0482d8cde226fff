-- The last rule set activated clean (compiled, through the policy gate and its scenario tests), file by file: a start
-- whose rules directory holds a broken file runs this set instead of none, and reports the directory's error.
create table last_good_rule_file (
    name      varchar(200) primary key,
    version   varchar(64) not null,
    saved_at  timestamp with time zone not null,
    content   varchar(10000000) not null
);
