-- Rows that have no life without their suggestion or comment go with it, so a purge is one delete
-- (plus its audit row, which has no foreign key and stays). Honour ledger rows have no foreign keys
-- either: the purge revokes them itself. The audit log is never cascaded.

-- Votes and follows of a suggestion, also those a merge moved or copied.
alter table vote drop constraint vote_suggestion_id_fkey,
    add constraint vote_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table vote drop constraint vote_cast_on_id_fkey,
    add constraint vote_cast_on_id_fkey foreign key (cast_on_id) references suggestion (id) on delete cascade;
alter table suggestion_follow drop constraint suggestion_follow_suggestion_id_fkey,
    add constraint suggestion_follow_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table suggestion_follow drop constraint suggestion_follow_via_merge_of_fkey,
    add constraint suggestion_follow_via_merge_of_fkey foreign key (via_merge_of) references suggestion (id) on delete cascade;

-- Comments of a suggestion and replies of a comment; the official answer pointer is cleared.
alter table comment drop constraint comment_suggestion_id_fkey,
    add constraint comment_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table comment drop constraint comment_parent_id_fkey,
    add constraint comment_parent_id_fkey foreign key (parent_id) references comment (id) on delete cascade;
alter table suggestion drop constraint suggestion_official_comment_id_fkey,
    add constraint suggestion_official_comment_id_fkey foreign key (official_comment_id) references comment (id)
        on delete set null;

-- Revisions and reports of a suggestion or comment.
alter table revision drop constraint revision_suggestion_id_fkey,
    add constraint revision_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table revision drop constraint revision_comment_id_fkey,
    add constraint revision_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade;
alter table report drop constraint report_suggestion_id_fkey,
    add constraint report_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table report drop constraint report_comment_id_fkey,
    add constraint report_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade;

-- The status timeline: a suggestion's own entries go; another suggestion's entry naming it keeps its row.
alter table status_change drop constraint status_change_suggestion_id_fkey,
    add constraint status_change_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table status_change drop constraint status_change_related_suggestion_id_fkey,
    add constraint status_change_related_suggestion_id_fkey foreign key (related_suggestion_id) references suggestion (id)
        on delete set null;

-- Domain events about a suggestion or comment, their audiences and the notifications made from them.
alter table domain_event drop constraint domain_event_suggestion_id_fkey,
    add constraint domain_event_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table domain_event drop constraint domain_event_comment_id_fkey,
    add constraint domain_event_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade;
alter table domain_event_audience drop constraint domain_event_audience_event_id_fkey,
    add constraint domain_event_audience_event_id_fkey foreign key (event_id) references domain_event (id) on delete cascade;
alter table notification drop constraint notification_event_id_fkey,
    add constraint notification_event_id_fkey foreign key (event_id) references domain_event (id) on delete cascade;
alter table notification drop constraint notification_suggestion_id_fkey,
    add constraint notification_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id) on delete cascade;
alter table notification drop constraint notification_comment_id_fkey,
    add constraint notification_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade;

-- A release's credit of a suggestion and a release line naming it.
alter table release_suggestion drop constraint release_suggestion_suggestion_id_fkey,
    add constraint release_suggestion_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id)
        on delete cascade;
alter table release_item_suggestion drop constraint release_item_suggestion_suggestion_id_fkey,
    add constraint release_item_suggestion_suggestion_id_fkey foreign key (suggestion_id) references suggestion (id)
        on delete cascade;
