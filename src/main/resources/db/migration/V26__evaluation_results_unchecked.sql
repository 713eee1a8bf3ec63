-- 亩均评价 speed (issue 14): a provincial run writes 100,000 result rows in one statement, and each row's
-- two foreign keys were checked by a lookup of its own (200,000 a run, about 1 s of the 2 s goal).
-- evaluation_result is derived data: only EvaluationService writes it, in the same statement that reads
-- the zone (by its scheme) and the enterprise (the holder of a current parcel, itself checked by
-- parcel_all's foreign key). Nothing the application does can orphan a row: a zone with parcels or an
-- evaluation scheme is not removed (ZoneEditor, evaluation_scheme's key), enterprises are never deleted.
alter table evaluation_result
    drop constraint evaluation_result_zone_code_fkey,
    drop constraint evaluation_result_enterprise_id_fkey;
