-- From class to renewal work (issue 14): the 一企一策 plans planners record for rated enterprises, and
-- the parcels a renewal project takes on one by one (projects so far named only their blocks).

-- 一企一策: one plan per enterprise, zone and evaluation year. The target is met when the next year's
-- evaluation (evaluation_result) reaches every target given; a plan without targets has nothing to meet.
create table enterprise_plan (
    id                            serial primary key,
    enterprise_id                 int  not null references enterprise (id),
    zone_id                       int  not null references zone (id),
    evaluation_year               int  not null check (evaluation_year between 2000 and 2100),
    kind                          text not null check (kind in ('improve', 'merge', 'relocate', 'close')),
    due                           date not null,
    target_tax_wan_per_mu         numeric(10, 2) check (target_tax_wan_per_mu between 0 and 100000),
    target_value_added_wan_per_mu numeric(10, 2) check (target_value_added_wan_per_mu between 0 and 100000),
    note                          text not null default '' check (length(note) <= 2000),
    project_id                    int  references renewal_project (id),
    created_by                    text not null check (created_by <> ''),
    created_at                    timestamptz not null default now(),
    unique (enterprise_id, zone_id, evaluation_year)
);
create index enterprise_plan_zone_idx on enterprise_plan (zone_id, evaluation_year);
comment on table enterprise_plan is '一企一策';

create trigger audit after insert or update or delete on enterprise_plan
    for each row execute function audit_row();

-- A parcel taken into a renewal project's work; a candidate for renewal is one not yet in any.
create table renewal_project_parcel (
    project_id int    not null references renewal_project (id),
    parcel_id  bigint not null references parcel_all (id),
    added_on   date   not null,
    added_by   text   not null check (added_by <> ''),
    primary key (project_id, parcel_id)
);
create index renewal_project_parcel_parcel_idx on renewal_project_parcel (parcel_id);
comment on table renewal_project_parcel is '更新项目宗地';

create trigger audit after insert or update or delete on renewal_project_parcel
    for each row execute function audit_row();
