-- A member follows a board (told of new suggestions there).
create table board_follow (
    board_id   bigint not null references board (id),
    member_id  bigint not null references member (id),
    created_at timestamptz not null default now(),
    primary key (board_id, member_id)
);
create index board_follow_member on board_follow (member_id, created_at desc);

-- A member follows a release channel (told of every release published on it).
create table channel_follow (
    channel    varchar(10) not null check (channel in ('DEV', 'STABLE')),
    member_id  bigint not null references member (id),
    created_at timestamptz not null default now(),
    primary key (channel, member_id)
);
create index channel_follow_member on channel_follow (member_id);
