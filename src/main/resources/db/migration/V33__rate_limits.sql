-- Actions counted for rate limits, shared by every app node. Rows older than their window are pruned as they are read.
create table rate_hit (
    bucket  varchar(20) not null,
    subject varchar(64) not null,
    at      timestamptz not null default now()
);
create index rate_hit_key on rate_hit (bucket, subject, at);
