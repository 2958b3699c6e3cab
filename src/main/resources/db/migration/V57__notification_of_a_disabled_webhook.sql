-- Admins are told when a webhook endpoint is switched off after repeated failures: a notification kind of its own.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('STATUS_CHANGED', 'OFFICIAL_RESPONSE', 'COMMENT_REPLY', 'SUGGESTION_SHIPPED', 'SUGGESTIONS_SHIPPED',
                    'SUGGESTION_MERGED', 'RELEASE_PUBLISHED', 'SUGGESTION_POSTED', 'WEBHOOK_DISABLED'));
