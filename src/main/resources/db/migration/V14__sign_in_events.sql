-- Failed sign-ins, lockouts and their lifting (security/SignInThrottle.java), kept for the audit trail:
-- the audit trigger records each row, as for every table users change. Which usernames and addresses
-- are locked right now is kept in the application's memory, not here.
create table sign_in_event (
    id           bigserial primary key,
    at           timestamptz not null default now(),
    kind         text not null check (kind in ('failure', 'user_locked', 'address_locked', 'unlocked')),
    username     text not null,   -- as typed (at most 100 characters, control characters replaced); may name no user
    address      text not null,   -- the client's IP address
    failures     int,             -- failures counted for the username (failure, user_locked) or the address (address_locked)
    locked_until timestamptz      -- user_locked, address_locked: until when attempts are refused
);
create index sign_in_event_username_idx on sign_in_event (username, id);

create trigger audit after insert or update or delete on sign_in_event
    for each row execute function audit_row();
