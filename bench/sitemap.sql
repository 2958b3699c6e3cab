-- Fills the scratch database of bench/sitemap.sh up to :target suggestions (adding to what is there):
-- one author, 20 boards (one of them a beta program's private board), 2% of the posts hidden, 1% on the private board.
\set ON_ERROR_STOP on
insert into member (subject, name) values ('sitemap-bench', 'sitemap-bench') on conflict (subject) do nothing;
insert into beta_program (slug, name, places, applies_from, applies_until, channel, created_by_id)
select 'sitemap-bench', 'Bench beta', 10, now() - interval '1 day', now() + interval '30 days', 'DEV', m.id
from member m where m.subject = 'sitemap-bench' on conflict (slug) do nothing;
insert into board (slug, name, description, position)
select 'sm-' || g, 'Board ' || g, 'About board ' || g, g from generate_series(1, 20) g on conflict (slug) do nothing;
update board set program_id = (select id from beta_program where slug = 'sitemap-bench') where slug = 'sm-20';
create temp table sm_boards as select row_number() over (order by id) - 1 as k, id, program_id from board where slug like 'sm-%';
insert into suggestion (board_id, author_id, kind, title, body, body_html, status, trending, created_at, hidden, program_id)
select b.id, (select id from member where subject = 'sitemap-bench'), 'SUGGESTION',
       '希望相机增加夜景人像模式（#' || g || '）', '每天都会用到这个功能，希望官方能够考虑。', '<p>每天都会用到这个功能</p>',
       case when g % 97 = 0 then 'SHIPPED' else 'OPEN' end, 0, now() - (g % 700) * interval '1 day',
       g % 50 = 0, b.program_id
from generate_series((select count(*) from suggestion) + 1, :target) g
join sm_boards b on b.k = case when g % 100 = 0 then 19 else g % 19 end
-- In g's order, so that ids follow g and the hidden and private rows are spread evenly over the id ranges.
order by g;
analyze suggestion;
