-- The home page's "recently shipped" list: the newest SHIPPED suggestions without a scan of all of them
-- (found by the million-suggestion benchmark: 0.45 s on a sequential scan before this index).
create index suggestion_recently_shipped on suggestion (status_changed_at desc, id desc)
    where status = 'SHIPPED' and not hidden;
