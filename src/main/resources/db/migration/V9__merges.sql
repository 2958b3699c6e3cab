-- A follow that a merge added to the surviving suggestion, so an unmerge can take it back.
alter table suggestion_follow add column via_merge_of bigint references suggestion (id);
create index suggestion_follow_via_merge on suggestion_follow (via_merge_of) where via_merge_of is not null;

-- Merges point both ways in the timeline.
alter table status_change add column event varchar(16) not null default 'STATUS'
    check (event in ('STATUS', 'MERGED_INTO', 'MERGED_FROM', 'UNMERGED', 'UNMERGED_FROM', 'FEATURE'));
alter table status_change add column related_suggestion_id bigint references suggestion (id);
alter table status_change add column feature_item_id bigint references feature_item (id);

create index suggestion_merged_into on suggestion (merged_into_id) where merged_into_id is not null;
