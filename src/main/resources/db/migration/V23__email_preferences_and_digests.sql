-- How a member wants e-mail (no row: the weekly digest), and the language mail is written in
-- (the language they last used the site in).
create table notification_preference (
    member_id  bigint primary key references member (id),
    email_mode varchar(10) not null default 'WEEKLY' check (email_mode in ('OFF', 'IMMEDIATE', 'WEEKLY')),
    language   varchar(5) not null default 'zh' check (language in ('zh', 'en')),
    updated_at timestamptz not null default now()
);

-- One weekly digest per member and week: the row is the claim, so two nodes never both send it.
create table notification_digest (
    member_id  bigint not null references member (id),
    week_start date not null,
    item_count integer not null,
    sent_at    timestamptz not null,
    primary key (member_id, week_start)
);
