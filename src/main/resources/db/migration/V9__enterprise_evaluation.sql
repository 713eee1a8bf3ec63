-- 亩均效益综合评价 ("亩均论英雄"): Zhejiang rates its industrial enterprises each year on what they yield
-- per mu of land they use. One row per enterprise and year, with the totals the rating is computed from;
-- the per-mu figures are derived in the view below, so they cannot disagree with the totals.
-- Grades: A 优先发展, B 提升发展, C 整治提升, D 淘汰关停 (the sample's thresholds: gis-data/README.md).
create table enterprise_evaluation (
    id            serial primary key,
    enterprise_id int not null references enterprise (id),
    year          int not null check (year between 2000 and 2100),
    land_mu       numeric(10, 2) not null check (land_mu > 0),       -- 用地面积 used for the evaluation, mu
    tax_wan       numeric(12, 2) not null check (tax_wan >= 0),      -- 税收实际贡献, 万元
    output_wan    numeric(12, 2) not null check (output_wan >= 0),   -- 工业增加值, 万元
    energy_tce    numeric(12, 2) not null check (energy_tce >= 0),   -- 综合能耗, tce
    grade         char(1) not null check (grade in ('A', 'B', 'C', 'D')),
    unique (enterprise_id, year)
);

-- Each enterprise's latest evaluation with its per-mu figures: tax and value added per mu (万元/亩) and
-- energy per 万元 of value added (tce/万元; null when there was no value added).
create view enterprise_latest_evaluation as
select distinct on (ev.enterprise_id)
       ev.enterprise_id,
       e.credit_code,
       ev.year,
       ev.grade,
       ev.land_mu,
       ev.tax_wan,
       ev.output_wan,
       ev.energy_tce,
       round(ev.tax_wan / ev.land_mu, 2)                      as tax_wan_per_mu,
       round(ev.output_wan / ev.land_mu, 2)                   as output_wan_per_mu,
       round(ev.energy_tce / nullif(ev.output_wan, 0), 3)     as energy_tce_per_wan
from enterprise_evaluation ev
join enterprise e on e.id = ev.enterprise_id
order by ev.enterprise_id, ev.year desc;

create trigger audit after insert or update or delete on enterprise_evaluation
    for each row execute function audit_row();
