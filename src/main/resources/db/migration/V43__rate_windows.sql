-- Requests counted for the limits on reading (search, hints, feeds, pages) and sign-in: one counter per
-- bucket, subject (member or address) and window, so a busy subject costs one row per window, not one per request.
create table rate_window (
    bucket  varchar(20) not null,
    subject varchar(80) not null,
    -- the window's start, in epoch milliseconds
    slot    bigint      not null,
    hits    integer     not null,
    primary key (bucket, subject, slot)
);
create index rate_window_slot on rate_window (bucket, slot);
