-- 亩均效益综合评价 computed (issue 14): a scheme per zone and year (indicators, weights, benchmarks, floor
-- and cap, classes by score or by share, vetoes, groups, minimum land), the figures the economy bureau
-- sends (V9's enterprise_evaluation, extended), and the results EvaluationService writes: one row per
-- zone, year and enterprise holding land in the zone. docs/evaluation.md explains the arithmetic.

-- The indicators a scheme may weigh. Each is a ratio of two figures; every one is "more is better".
create table evaluation_indicator (
    code           text primary key,
    ordinal        int  not null unique,
    name_zh        text not null,
    name_en        text not null,
    unit           text not null,
    default_weight numeric(5, 2) not null
);

insert into evaluation_indicator (code, ordinal, name_zh, name_en, unit, default_weight) values
    ('tax_per_mu',               1, '亩均税收',           'Tax per mu',                        '万元/亩',   30),
    ('value_added_per_mu',       2, '亩均增加值',         'Value added per mu',                '万元/亩',   20),
    ('value_added_per_energy',   3, '单位能耗增加值',     'Value added per tonne of coal eq.', '万元/吨标煤', 20),
    ('value_added_per_emission', 4, '单位排放增加值',     'Value added per tonne of pollutant eq.', '万元/吨', 10),
    ('labour_productivity',      5, '全员劳动生产率',     'Value added per employee',          '万元/人',   10),
    ('rd_share',                 6, '研发经费支出占营业收入比重', 'R&D share of revenue',       '%',        10);

-- 评价方案: how one zone rates its enterprises for one year.
create table evaluation_scheme (
    id                    serial primary key,
    zone_id               int  not null references zone (id),
    year                  int  not null check (year between 2000 and 2100),
    groups_apart          boolean not null default true,            -- 规上 and 规下 benchmarked and ranked apart
    min_land_mu           numeric(8, 2) not null default 3 check (min_land_mu between 0 and 10000),
    class_by              text not null default 'share' check (class_by in ('score', 'share')),
    -- class_by 'score': A at or above a_min_score, B at or above b_min_score, C at or above c_min_score, else D.
    a_min_score           numeric(6, 2) not null default 110 check (a_min_score between 0 and 1000),
    b_min_score           numeric(6, 2) not null default 80 check (b_min_score between 0 and 1000),
    c_min_score           numeric(6, 2) not null default 50 check (c_min_score between 0 and 1000),
    -- class_by 'share' (per cent of the rated in the group, by rank): top a_share A, next b_share B,
    -- bottom d_share D, the rest C.
    a_share_pct           numeric(5, 2) not null default 15 check (a_share_pct between 0 and 100),
    b_share_pct           numeric(5, 2) not null default 50 check (b_share_pct between 0 and 100),
    d_share_pct           numeric(5, 2) not null default 5 check (d_share_pct between 0 and 100),
    veto_incident         boolean not null default true,            -- 重大安全或环境事故 → D
    veto_tax_floor        numeric(10, 2) check (veto_tax_floor between 0 and 100000), -- 亩均税收 below it → D
    veto_high_tech        boolean not null default true,            -- 上市高新技术企业 → A (unless a D veto)
    updated_at            timestamptz not null default now(),
    updated_by            text,
    unique (zone_id, year),
    check (a_min_score >= b_min_score and b_min_score >= c_min_score),
    check (a_share_pct + b_share_pct + d_share_pct <= 100)
);

-- The scheme's indicators: on or off, weight (the enabled weights sum to 100, checked by the API), the
-- benchmark (null: the zone's average for the year within the group), floor and cap as multiples of the weight.
create table evaluation_scheme_indicator (
    id              serial primary key,                 -- the audit trail's row key
    scheme_id       int  not null references evaluation_scheme (id) on delete cascade,
    indicator       text not null references evaluation_indicator (code),
    enabled         boolean not null,
    weight          numeric(5, 2) not null check (weight between 0 and 100),
    benchmark_value numeric(14, 4) check (benchmark_value > 0 and benchmark_value < 1e9),
    floor_factor    numeric(4, 2) not null default 0 check (floor_factor between 0 and 10),
    cap_factor      numeric(4, 2) not null default 1.5 check (cap_factor between 0 and 10),
    unique (scheme_id, indicator),
    check (floor_factor <= cap_factor)
);

-- The bureau's figures (V9) gain the other indicators' inputs. land_mu becomes the declared area
-- (用地面积(申报), may be absent: the evaluation uses the map's area); grade stays the sample's
-- precomputed grade, absent for imported figures (the computed class is in evaluation_result).
alter table enterprise_evaluation
    alter column land_mu drop not null,
    alter column grade drop not null,
    add column emission_t     numeric(12, 2) check (emission_t >= 0),     -- 主要污染物排放当量, 吨
    add column employees      int check (employees between 0 and 10000000), -- 从业人员, 人
    add column rd_wan         numeric(12, 2) check (rd_wan >= 0),         -- 研发经费支出, 万元
    add column revenue_wan    numeric(14, 2) check (revenue_wan >= 0),    -- 营业收入, 万元
    add column scale          text check (scale in ('above', 'below')),   -- 规上/规下 (null: by revenue ≥ 2000 万元)
    add column major_incident boolean not null default false,             -- 重大安全或环境事故
    add column high_tech      boolean not null default false;             -- 上市高新技术企业

-- 评价结果: written only by EvaluationService (delete and insert per zone and year).
create table evaluation_result (
    zone_code                       text not null references zone (code),
    year                            int  not null check (year between 2000 and 2100),
    enterprise_id                   int  not null references enterprise (id),
    scale_group                     text not null check (scale_group in ('above', 'below')),
    land_mu                         numeric(12, 2) not null,   -- official planar area of its parcels in the zone
    declared_mu                     numeric(12, 2),            -- 用地面积(申报) from the figures
    tax_wan_per_mu                  numeric(16, 4),
    value_added_wan_per_mu          numeric(16, 4),
    value_added_wan_per_tce         numeric(16, 4),
    value_added_wan_per_emission_t  numeric(16, 4),
    value_added_wan_per_employee    numeric(16, 4),
    rd_share_pct                    numeric(16, 4),
    tax_score                       numeric(8, 2),             -- each null when the indicator is off or not rated
    value_added_score               numeric(8, 2),
    energy_score                    numeric(8, 2),
    emission_score                  numeric(8, 2),
    labour_score                    numeric(8, 2),
    rd_score                        numeric(8, 2),
    score                           numeric(8, 2),             -- null: not rated (not_rated says why)
    class                           char(1) check (class in ('A', 'B', 'C', 'D')),
    veto                            text,                      -- why a veto set the class
    not_rated                       text,
    rank                            int,                       -- within zone, year and group (rank_group)
    rank_group                      text check (rank_group in ('above', 'below', 'all')),
    group_size                      int,
    class_last_year                 char(1),
    evaluated_at                    timestamptz not null default now(),
    primary key (zone_code, year, enterprise_id)
);
create index evaluation_result_enterprise_idx on evaluation_result (enterprise_id, year);

-- The benchmark each indicator was scored against, per zone, year and group (the zone's averages: the
-- sum of the numerators over the sum of the denominators of the rated enterprises in the group).
create table evaluation_benchmark (
    zone_code   text not null references zone (code),
    year        int  not null,
    rank_group  text not null check (rank_group in ('above', 'below', 'all')),
    indicator   text not null references evaluation_indicator (code),
    benchmark   numeric(16, 4),
    average     boolean not null,   -- true: the zone's average; false: the scheme's set value
    primary key (zone_code, year, rank_group, indicator)
);

-- One indicator's score: weight × value / benchmark, kept between floor and cap (multiples of the
-- weight); a missing value (no denominator) or benchmark scores the floor.
create function indicator_score(value numeric, benchmark numeric, weight numeric,
                                           floor_factor numeric, cap_factor numeric) returns numeric
language sql immutable parallel safe as $$
    select round(least(greatest(coalesce(weight * value / nullif(benchmark, 0), 0), weight * floor_factor),
                       weight * cap_factor), 2)
$$;

create trigger audit after insert or update or delete on evaluation_scheme
    for each row execute function audit_row();
create trigger audit after insert or update or delete on evaluation_scheme_indicator
    for each row execute function audit_row();

comment on table evaluation_indicator is '评价指标';
comment on table evaluation_scheme is '评价方案';
comment on table evaluation_scheme_indicator is '评价方案指标';
comment on table evaluation_result is '评价结果';
comment on table evaluation_benchmark is '评价基准值';
