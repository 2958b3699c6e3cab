-- Private boards in the one visibility rule (issue 20): what the rule's program condition needs to stay cheap.

-- A program's posts, newest first: its board page for testers and staff, the participation count of the console.
create index suggestion_program on suggestion (program_id, created_at desc) where program_id is not null;

-- Releases written for a program (readable by its testers and staff until its build goes public).
create index release_program on release (program_id) where program_id is not null;

-- Home's trending list is public to everyone: shown posts of no program. With the old index a busy beta at the top
-- of trending made every visitor's home page skip its posts one by one (EXPLAIN: 8,648 rows removed by the filter
-- for 10 shown); this one holds only what that list may show. Board pages keep their board's indexes (a board's
-- posts are all of its program, or all of none).
drop index suggestion_trending;
create index suggestion_trending on suggestion (trending desc, id desc)
    where not hidden and status <> 'MERGED' and program_id is null;
