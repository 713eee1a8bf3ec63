package com.landrenew.supply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A plan's site resolved to parcels, and the contiguity of parcels, both measured in EPSG:4549. */
@Repository
class SiteRepository {

    private static final String SITE_PARCEL = """
            select p.id, p.code, p.state, to_mu(ST_Area(p.geom)) as mu, ready_date(p.id) as ready_date,
                   active_supply_plan(p.id) as active_plan, %s as inside_share
            from parcel p
            """;

    private static final String PICKED_PARCELS = SITE_PARCEL.formatted("1.0") + """
            where p.zone_id = :zone and p.code = any(:codes)
            order by p.code
            """;

    /** Parcels whose interior meets the drawn polygon; a parcel is taken whole, its inside share noted. */
    private static final String PARCELS_IN_POLYGON = "with site as (select "
            + "ST_Transform(ST_GeomFromText(:wkt, 4326), 4549) as g)\n"
            + SITE_PARCEL.formatted("round((clipped_area(p.geom, site.g) / ST_Area(p.geom))::numeric, 4)") + """
            cross join site
            where p.zone_id = :zone and p.geom && site.g and interiors_meet(p.geom, site.g)
            order by p.code
            """;

    /**
     * Parcels that touch or lie within the road gap of one another, chained (DBSCAN with one point per
     * cluster is single linkage): each group is a contiguous piece of land split at most by such roads.
     */
    private static final String CONTIGUOUS_GROUPS = """
            select array_agg(c.id order by c.id)
            from (select p.id, ST_ClusterDBSCAN(p.geom, eps := :gap, minpoints := 1) over () as k
                  from parcel p where p.id = any(:ids)) c
            group by c.k
            """;

    private final JdbcClient jdbc;

    SiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Integer> zoneId(String zone) {
        return jdbc.sql("select id from zone where code = :zone").param("zone", zone).query(Integer.class).optional();
    }

    /** A land-use code of the 2020 classification, or the one a GB 50137 code (M1, W2, …) maps to. */
    Optional<String> landUse(String code) {
        return jdbc.sql("select resolve_land_use(:code)").param("code", code).query(String.class).optional()
                .filter(c -> c != null);
    }

    List<SiteParcel> picked(int zone, List<String> codes) {
        return jdbc.sql(PICKED_PARCELS).param("zone", zone).param("codes", codes.toArray(String[]::new))
                .query(SiteParcel.class).list();
    }

    List<SiteParcel> inPolygon(int zone, String wkt) {
        return jdbc.sql(PARCELS_IN_POLYGON).param("zone", zone).param("wkt", wkt).query(SiteParcel.class).list();
    }

    List<List<Long>> contiguousGroups(List<Long> parcels, double maxRoadGapM) {
        return jdbc.sql(CONTIGUOUS_GROUPS).param("ids", parcels.toArray(Long[]::new)).param("gap", maxRoadGapM)
                .query((rs, i) -> {
                    List<Long> ids = new ArrayList<>();
                    for (Object id : (Object[]) rs.getArray(1).getArray()) {
                        ids.add(((Number) id).longValue());
                    }
                    return ids;
                }).list();
    }
}
