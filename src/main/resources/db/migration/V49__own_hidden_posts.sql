-- A member's page can be served from the copy shared by all members unless they have a hidden post
-- (they, and only they among members, see it: member/Visibility). Asked on every such request, so it
-- must be an index probe: hidden posts are few.
create index suggestion_hidden_author on suggestion (author_id) where hidden;
create index comment_hidden_author on comment (author_id) where hidden;
