-- Phased land supply (分批次供地): what a parcel still needs before it can be supplied (readiness),
-- and supply plans that hand a project's site over batch by batch as its parcels become ready.

-- The kinds of readiness facts (供地条件), in the order a plot usually meets them.
create table readiness_fact_kind (
    code    text primary key,
    ordinal int  not null unique,
    name_zh text not null,
    name_en text not null
);

insert into readiness_fact_kind (code, ordinal, name_zh, name_en) values
    ('stored',               1, '收储',     'Land stored'),
    ('cleared',              2, '拆除清表', 'Demolition and clearance'),
    ('households_relocated', 3, '居民搬迁', 'Households relocated'),
    ('water',                4, '通水',     'Water connected'),
    ('power',                5, '通电',     'Power connected'),
    ('gas',                  6, '通气',     'Gas connected'),
    ('road',                 7, '通路',     'Road access'),
    ('planning_conditions',  8, '规划条件', 'Planning conditions issued'),
    ('conversion_approved',  9, '农转用',   'Land-use conversion approved'),
    ('regional_assessment', 10, '区域评估', 'Regional assessments done');

-- One parcel's facts. A required fact is either done (done_on) or expected (expected_on); a fact that
-- is not required (no 农转用 on land that is already construction land) does not hold the parcel back.
create table parcel_readiness (
    parcel_id   bigint not null references parcel (id),
    fact        text   not null references readiness_fact_kind (code),
    required    boolean not null default true,
    done_on     date,
    expected_on date,
    recorded_at timestamptz not null default now(),
    primary key (parcel_id, fact),
    check (not required or done_on is not null or expected_on is not null)
);

-- The day a parcel is (or was) ready to be supplied: when all its required facts are done, the day the
-- last of them was done; otherwise the latest expected day of those still open. Null when the parcel
-- has no required facts recorded (its readiness is unknown).
create function ready_date(parcel bigint) returns date
language sql stable parallel safe as $$
    select case when bool_and(r.done_on is not null) then max(r.done_on)
                else max(r.expected_on) filter (where r.done_on is null) end
    from parcel_readiness r
    where r.parcel_id = ready_date.parcel and r.required
$$;

-- Whether every required fact of the parcel is done (false when none is recorded).
create function is_ready(parcel bigint) returns boolean
language sql stable parallel safe as $$
    select coalesce(bool_and(r.done_on is not null), false)
    from parcel_readiness r
    where r.parcel_id = is_ready.parcel and r.required
$$;

-- A project's supply plan: its site, what it asks for, and how the site is handed over (whole or
-- phased). The batches of the chosen option are the rows of supply_batch; `options` keeps both
-- options as they were computed when the plan was made, so the comparison stays what was approved.
create table supply_plan (
    id             bigserial primary key,
    zone_id        int  not null references zone (id),
    code           text generated always as ('GD' || lpad(id::text, 5, '0')) stored unique,
    name           text not null check (name <> ''),
    site           geometry(MultiPolygon, 4549) not null check (ST_IsValid(site)),
    site_drawn     boolean not null,                -- a drawn polygon, or the union of picked parcels
    required_mu    numeric(10, 2) not null check (required_mu > 0),
    land_use_code  text not null references land_use (code),
    wanted_start   date not null,
    mode           text not null check (mode in ('whole', 'phased')),
    max_road_gap_m numeric(6, 1) not null check (max_road_gap_m >= 0),
    min_batch_mu   numeric(10, 2) not null check (min_batch_mu >= 0),
    lead_months    int  not null check (lead_months >= 0),
    state          text not null default 'draft' check (state in ('draft', 'approved', 'supplying', 'supplied')),
    options        jsonb not null,
    created_at     timestamptz not null default now(),
    created_by     text not null check (created_by <> ''),
    approved_at    timestamptz,
    approved_by    text,
    check ((state = 'draft') = (approved_at is null))
);
create index supply_plan_zone_idx on supply_plan (zone_id, state);

-- A batch is supplied on its own: first planned (supply_date, the day its last parcel is ready), then
-- supplied (supplied_on, the day the ledger moved its parcels to 'supplied').
create table supply_batch (
    id             bigserial primary key,
    plan_id        bigint not null references supply_plan (id),
    seq            int  not null check (seq >= 1),
    supply_date    date not null,
    earliest_start date not null check (earliest_start >= supply_date),
    under_minimum  boolean not null default false,  -- the site's last parcels, smaller than min_batch_mu
    state          text not null default 'planned' check (state in ('planned', 'supplied')),
    supplied_on    date,
    check ((state = 'supplied') = (supplied_on is not null)),
    unique (plan_id, seq)
);

create table supply_batch_parcel (
    batch_id  bigint not null references supply_batch (id),
    parcel_id bigint not null references parcel (id),
    primary key (batch_id, parcel_id)
);
create index supply_batch_parcel_parcel_idx on supply_batch_parcel (parcel_id);

-- The approved plan (approved or supplying) that holds the parcel in a batch not yet supplied, if any:
-- such land is promised, so no other plan may take it and it is not in the land bank.
create function active_supply_plan(parcel bigint) returns text
language sql stable parallel safe as $$
    select sp.code
    from supply_batch_parcel bp
    join supply_batch b on b.id = bp.batch_id
    join supply_plan sp on sp.id = b.plan_id
    where bp.parcel_id = active_supply_plan.parcel and b.state = 'planned' and sp.state in ('approved', 'supplying')
    order by sp.id
    limit 1
$$;
