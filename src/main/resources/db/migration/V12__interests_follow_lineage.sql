-- A parcel and every parcel it was split or merged from, back to the first. An enterprise's interest
-- registered on a parcel that was later split or merged still concerns the land that replaced it, so
-- the interests of a parcel are those registered on it or on any of these.
create function parcel_and_ancestors(parcel bigint) returns setof bigint
language sql stable as $$
    with recursive up(id) as (
        select parcel
        union
        select l.parent_id from parcel_lineage l join up on l.child_id = up.id)
    select id from up
$$;
