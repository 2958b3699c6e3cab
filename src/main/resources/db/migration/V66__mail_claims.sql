-- Notification mail is sent outside any transaction (notification/NotificationMailer), so a rollback can never undo
-- the record of a mail the SMTP server took. A mail is claimed in a short committed transaction with a lease; another
-- node takes a claim over only when its lease has run out (its node died before marking the mail sent).

-- A member's "immediately" mail in flight: one row per member while a node sends it.
create table notification_mail_claim (
    member_id        bigint primary key references member (id),
    -- The notifications the mail carries: a claim taken over sends the same mail, with the same Message-ID.
    notification_ids bigint[] not null,
    -- Which node (host:pid) and which claim of it.
    claimed_by       varchar(200) not null,
    claimed_until    timestamptz not null
);

-- A weekly digest's (member, week) row is inserted as its claim before the send and marked sent after it.
alter table notification_digest alter column sent_at drop not null;
alter table notification_digest add column claimed_by varchar(200);
alter table notification_digest add column claimed_until timestamptz;
