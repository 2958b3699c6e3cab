-- Delivery of one event in chunks (notification/NotificationDelivery): the highest member id of its audience already
-- turned into notifications by a committed chunk; null before the first chunk. A release to a million channel
-- followers is delivered over many short transactions instead of one that outlasts the transaction timeout.
alter table domain_event add column delivered_up_to bigint;
