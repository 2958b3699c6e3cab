-- A bot is the member an integration acts as (its API key's member): never a browser sign-in; its role is its
-- local_roles, chosen by the admin who made the key.
alter table member add column bot boolean not null default false;
