-- The roles the sign-in token carried last time, so staff can be listed (e.g. feature-item owners).
alter table member add column token_roles varchar(20)[] not null default '{}';
