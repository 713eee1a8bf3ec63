-- The renewal ledger: every change of a parcel's life-cycle state is an event, appended, never
-- edited. parcel.state is a cache of the last event, written only by the ledger's trigger.

-- The legal transitions; both the API (for its 409 answer) and the trigger read them from here.
create table life_cycle_transition (
    from_state text not null references life_cycle_state (code),
    to_state   text not null references life_cycle_state (code),
    primary key (from_state, to_state)
);

insert into life_cycle_transition (from_state, to_state) values
    ('in_use',             'low_efficiency'),
    ('in_use',             'vacating'),           -- relocation of a plot not flagged first
    ('low_efficiency',     'vacating'),
    ('low_efficiency',     'in_use'),             -- improved in place (提升改造), flag lifted
    ('vacating',           'vacated'),
    ('vacating',           'in_use'),             -- relocation called off
    ('vacated',            'stored'),
    ('stored',             'prepared'),
    ('prepared',           'supplied'),
    ('supplied',           'under_construction'),
    ('supplied',           'stored'),             -- contract ended, land taken back (e.g. idle land)
    ('under_construction', 'completed'),
    ('completed',          'in_production'),
    ('in_production',      'low_efficiency'),
    ('in_production',      'vacating');

-- A freed plot is one that reached 'vacated' or later. Kept as a column so that queries over a
-- million events join it instead of calling a function per row.
alter table life_cycle_state add column freed boolean;
update life_cycle_state set freed = ordinal >= (select ordinal from life_cycle_state where code = 'vacated');
alter table life_cycle_state alter column freed set not null;

-- Where a supply contract fixes a construction start date (约定开工日期); idle land (闲置土地) is
-- measured from it.
alter table parcel add column construction_due date;

create table parcel_event (
    id             bigserial primary key,
    parcel_id      bigint not null references parcel (id),
    from_state     text references life_cycle_state (code),  -- null only for a parcel's first event
    to_state       text not null references life_cycle_state (code),
    effective_date date not null,                             -- when it took effect
    recorded_at    timestamptz not null default now(),        -- when the ledger learned of it ("as of")
    actor          text not null check (actor <> ''),
    reason         text not null check (reason <> ''),
    document_no    text,
    -- What the transition moved out, for the auditors' tally: the holder that left and households relocated.
    enterprise_id  int references enterprise (id),
    households     int not null default 0 check (households >= 0),
    -- The parcel's zone, filled in by the trigger below: a zone's ledger for a period is then one
    -- range of an index instead of a visit to each of its parcels (40 ms to 3 ms on 10,000 parcels).
    zone_id        int not null references zone (id)
);
create index parcel_event_parcel_idx on parcel_event (parcel_id, effective_date, id);
create index parcel_event_zone_idx on parcel_event (zone_id, effective_date)
    include (parcel_id, from_state, to_state, recorded_at, enterprise_id, households);

create function parcel_event_applies() returns trigger
language plpgsql as $$
declare
    current_state text;
    last_effective date;
    leaves_holder boolean;
begin
    select state, zone_id into current_state, new.zone_id from parcel where id = new.parcel_id for update;
    select max(effective_date) into last_effective from parcel_event where parcel_id = new.parcel_id;
    if new.from_state is null then
        if last_effective is not null then
            raise exception 'parcel % already has a history; a new event must start from its current state %',
                new.parcel_id, current_state using errcode = 'check_violation';
        end if;
    else
        if new.from_state <> current_state then
            raise exception 'parcel % is %, not %', new.parcel_id, current_state, new.from_state
                using errcode = 'check_violation';
        end if;
        if not exists (select 1 from life_cycle_transition t
                       where t.from_state = new.from_state and t.to_state = new.to_state) then
            raise exception 'illegal transition % -> %', new.from_state, new.to_state
                using errcode = 'check_violation';
        end if;
        if new.effective_date < last_effective then
            raise exception 'effective date % is before the last recorded event (%)', new.effective_date, last_effective
                using errcode = 'check_violation';
        end if;
    end if;
    -- a plot that is vacated has no holder any more
    select t.freed and not f.freed into leaves_holder
    from life_cycle_state t, life_cycle_state f where t.code = new.to_state and f.code = current_state;
    update parcel set state = new.to_state,
                      enterprise_id = case when leaves_holder then null else enterprise_id end
    where id = new.parcel_id;
    return new;
end $$;

create trigger parcel_event_applies before insert on parcel_event
    for each row execute function parcel_event_applies();

create function parcel_event_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the parcel ledger is append-only: record a new event instead' using errcode = 'insufficient_privilege';
end $$;

create trigger parcel_event_append_only before update or delete or truncate on parcel_event
    for each statement execute function parcel_event_is_append_only();

-- parcel.state may change only through the ledger (the trigger above runs at depth 2).
create function parcel_state_follows_ledger() returns trigger
language plpgsql as $$
begin
    if new.state is distinct from old.state and pg_trigger_depth() < 2 then
        raise exception 'parcel.state is derived from the ledger: record a transition in parcel_event instead'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger parcel_state_guard before update of state on parcel
    for each row execute function parcel_state_follows_ledger();

-- 有机更新 projects: one or more blocks with targets and a deadline.
create table renewal_project (
    id                  serial primary key,
    zone_id             int  not null references zone (id),
    code                text not null check (code ~ '^[a-z0-9-]+$'),
    name                text not null,
    started             date not null,
    deadline            date not null check (deadline >= started),
    target_enterprises  int  not null check (target_enterprises >= 0),
    target_households   int  not null check (target_households >= 0),
    target_mu           numeric(10, 2) not null check (target_mu >= 0),
    unique (zone_id, code)
);

create table renewal_project_block (
    project_id int not null references renewal_project (id),
    block_id   int not null references block (id),
    primary key (project_id, block_id)
);

-- The ledger as a report printed at the end of as_of (China time) saw it: what had taken effect by
-- then and had been recorded by then. Every "as of" figure reads the ledger through this.
create function ledger_as_of(as_of date) returns setof parcel_event
language sql stable as $$
    select * from parcel_event
    where recorded_at < (as_of + 1)::timestamp at time zone 'Asia/Shanghai'
      and effective_date <= as_of
$$;

-- A parcel's state as of a date (null before its first event).
create function parcel_state_as_of(parcel bigint, as_of date) returns text
language sql stable as $$
    select e.to_state from ledger_as_of(as_of) e
    where e.parcel_id = parcel
    order by e.effective_date desc, e.id desc
    limit 1
$$;

-- Idle land (闲置土地处置办法): supplied, and construction not started a year after the contracted date.
create function is_idle(state text, construction_due date, as_of date) returns boolean
language sql immutable parallel safe as $$
    select state = 'supplied' and coalesce(construction_due < as_of - interval '1 year', false)
$$;

-- Whether a geometry lies in an area with some of its interior (touching along an edge is not
-- enough). ST_CoveredBy first: it is the common case and PostGIS prepares the repeated area.
create function interiors_meet(g geometry, area geometry) returns boolean
language sql immutable parallel safe as $$
    select ST_Intersects(g, area) and (ST_CoveredBy(g, area) or ST_Relate(g, area, 'T********'))
$$;

-- The planar area of the part of g inside area.
create function clipped_area(g geometry, area geometry) returns double precision
language sql immutable parallel safe as $$
    select case when ST_CoveredBy(g, area) then ST_Area(g) else ST_Area(ST_Intersection(g, area)) end
$$;
