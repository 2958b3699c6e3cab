-- Private boards in the one visibility rule (issue 20): what the rule's program condition needs to stay cheap.

-- A program's posts, newest first: its board page for testers and staff, the participation count of the console.
create index suggestion_program on suggestion (program_id, created_at desc) where program_id is not null;

-- Releases written for a program (readable by its testers and staff until its build goes public).
create index release_program on release (program_id) where program_id is not null;
