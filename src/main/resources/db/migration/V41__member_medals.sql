-- 勋章: each medal once per member, with the day it came; racing awards meet the primary key.
create table member_medal (
    member_id  bigint not null references member (id),
    medal      varchar(20) not null
               check (medal in ('FIRST_SUGGESTION', 'FIRST_ADOPTED', 'FIRST_SHIPPED', 'TEN_SHIPPED', 'TOP_WEEKLY', 'ONE_YEAR')),
    awarded_at timestamptz not null,
    primary key (member_id, medal)
);

-- A closed week of the contributor board: claimed by inserting its row, so one node closes it once.
create table honour_week (
    week_start    date primary key,
    top_member_id bigint references member (id),
    top_points    integer,
    closed_at     timestamptz not null
);

-- The "shipped from fans" wall, newest first.
create index suggestion_shipped_wall on suggestion (status_changed_at desc, id desc) where status = 'SHIPPED' and not hidden;
