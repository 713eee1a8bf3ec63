-- What several application nodes behind one balancer must share (docs/operations.md, "Several nodes").

-- Browser sessions (Spring Session JDBC, the tables its JdbcIndexedSessionRepository reads and writes; made
-- here, not by Spring's initializer: the application's login may not create tables). Not audited: every
-- request of a signed-in browser touches its row, and the sign-in itself is no change of anyone's data.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);
comment on table spring_session is '登录会话（各应用节点共用）';

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
comment on table spring_session_attributes is '登录会话的属性（各应用节点共用）';

-- The running count of failed sign-ins per username and per address (security/SignInThrottle), so a
-- lockout counted on one node holds on every node. Each failure updates one row under a row lock.
-- Not audited: sign_in_event (V14) records every failure and lockout for the trail already.
create table sign_in_failure_count (
    kind         text not null check (kind in ('username', 'address')),
    key          text not null,          -- the username as counted (lower case, cut short) or the IP address
    failures     int not null,           -- failures in the current run
    since        timestamptz not null,   -- when the run began
    locked_until timestamptz,            -- the run's latest lockout ends then (null before the first)
    lockouts     int not null,           -- lockouts in the run
    touched      timestamptz not null,   -- last failure counted; old rows are forgotten
    primary key (kind, key)
);
create index sign_in_failure_count_touched_idx on sign_in_failure_count (touched);
comment on table sign_in_failure_count is '登录失败计数与锁定（各应用节点共用）';
