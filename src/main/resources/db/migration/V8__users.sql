-- Users of the application and their roles (security/). Who may see and change what is decided in
-- security/SecurityConfig.java and, for the rows and fields an enterprise may see, in the queries.
--   planner    changes land: states, geometry, attributes, readiness, supply plans, imports
--   enterprise sees every parcel's public fields and its own parcels in full; registers interest
--   auditor    reads everything, downloads reports, changes nothing
--   admin      manages users; reads everything
create table app_user (
    id                  serial primary key,
    username            text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    display_name        text not null check (length(display_name) between 1 and 80),
    role                text not null check (role in ('planner', 'enterprise', 'auditor', 'admin')),
    -- An enterprise user acts for exactly one enterprise; staff act for none.
    enterprise_id       int references enterprise (id),
    enabled             boolean not null default true,
    created_at          timestamptz not null default now(),
    -- Moves with every password change, so the trail shows a change without showing any hash.
    password_changed_at timestamptz not null default now(),
    check ((role = 'enterprise') = (enterprise_id is not null))
);

-- Password hashes apart from the user rows: the audit trail records app_user, never this table.
create table app_user_password (
    user_id int primary key references app_user (id) on delete cascade,
    hash    text not null check (hash ~ '^\{[a-z0-9]+\}')   -- Spring's {id}hash form, e.g. {bcrypt}$2a$...
);

create trigger audit after insert or update or delete on app_user
    for each row execute function audit_row();
