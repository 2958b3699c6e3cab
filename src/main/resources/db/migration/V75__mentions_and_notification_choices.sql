-- @mentions and per-kind notification choices (issue 21).

-- Two more kinds of notification: a member was @mentioned in a post, and the author of a post hidden (by reports or
-- by an admin) is told why and how to appeal.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('STATUS_CHANGED', 'OFFICIAL_RESPONSE', 'COMMENT_REPLY', 'SUGGESTION_SHIPPED', 'SUGGESTIONS_SHIPPED',
                    'SUGGESTION_MERGED', 'RELEASE_PUBLISHED', 'SUGGESTION_POSTED', 'WEBHOOK_DISABLED',
                    'BETA_APPLICATION', 'MENTION', 'CONTENT_HIDDEN'));

-- Who a post has mentioned so far (and so was told once): an edit that adds a mention tells only the new one.
-- No comment: the suggestion's own text.
create table post_mention (
    suggestion_id bigint not null references suggestion (id) on delete cascade,
    comment_id    bigint references comment (id) on delete cascade,
    member_id     bigint not null references member (id) on delete cascade,
    created_at    timestamptz not null default now()
);
create unique index post_mention_once on post_mention (suggestion_id, coalesce(comment_id, 0), member_id);
create index post_mention_member on post_mention (member_id);

-- A member's notification choices that differ from the defaults (no row: the default of the category, which follows
-- their e-mail setting in notification_preference). One row per member and category.
create table notification_choice (
    member_id  bigint not null references member (id) on delete cascade,
    category   varchar(12) not null check (category in ('REPLIES', 'MENTIONS', 'FOLLOWED', 'RELEASES', 'BETA', 'MODERATION')),
    channel    varchar(10) not null check (channel in ('BELL', 'IMMEDIATE', 'WEEKLY', 'OFF')),
    updated_at timestamptz not null default now(),
    primary key (member_id, category)
);
