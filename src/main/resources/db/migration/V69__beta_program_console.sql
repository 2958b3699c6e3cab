-- Closed beta programs (issue 20), the PM's console: when a tester was first accepted and whether they completed the
-- program (still accepted when it closed), for the tester score's "past programs"; the notification fans get when
-- their application changes; the medal for completing a program; the participation count on a private board.

alter table beta_application add column accepted_at timestamptz;
alter table beta_application add column completed_at timestamptz;
-- Past programs of a member, for the score: one index entry per program they were ever accepted in.
create index beta_application_member_past on beta_application (member_id) where accepted_at is not null;

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('STATUS_CHANGED', 'OFFICIAL_RESPONSE', 'COMMENT_REPLY', 'SUGGESTION_SHIPPED', 'SUGGESTIONS_SHIPPED',
                    'SUGGESTION_MERGED', 'RELEASE_PUBLISHED', 'SUGGESTION_POSTED', 'WEBHOOK_DISABLED', 'BETA_APPLICATION'));

alter table member_medal drop constraint member_medal_medal_check;
alter table member_medal add constraint member_medal_medal_check
    check (medal in ('FIRST_SUGGESTION', 'FIRST_ADOPTED', 'FIRST_SHIPPED', 'TEN_SHIPPED', 'TOP_WEEKLY', 'ONE_YEAR', 'BETA_TESTER'));

-- A tester's posts on the program's board this week (the console's participation column).
create index suggestion_board_author on suggestion (board_id, author_id, created_at);
