package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.landrenew.security.Viewer;

/**
 * A feature collection of the OGC API: the table behind it (alias {@code t}, its survey geometry in
 * EPSG:4549), the flat properties PostGIS builds for each feature (which may use {@link Viewer}'s SQL, bound
 * for every query), the attributes it can be filtered
 * by ({@code ?state=supplied}) and, where features have a time, the period {@code datetime} is matched
 * against. Every fragment is fixed SQL; request values only ever reach it as bind parameters.
 */
record OgcCollection(String id, String title, String description, String from, String geometry, String properties,
        Map<String, Filter> filters, Temporal temporal) {

    /** An attribute filter: the SQL condition (binding a parameter of the filter's name) and its value type. */
    record Filter(String condition, boolean isBoolean, String description) {
    }

    /** The period of a feature that {@code datetime} must meet: a start date and an end date (null = open). */
    record Temporal(String start, String end, String description) {
    }

    /** Idle land; is_idle is null for a supplied parcel without a contracted start, which is not idle. */
    static final String IDLE = "coalesce(is_idle(t.state, t.construction_due, cast(:today as date)), false)";

    static final List<OgcCollection> ALL = List.of(
            new OgcCollection("zones", "开发区 Development zones", "Development zones with their official area.",
                    "from zone t", "t.boundary", """
                    json_build_object('code', t.code, 'name', t.name, 'admin_code', t.admin_code,
                                      'area_m2', round(ST_Area(t.boundary)::numeric, 2),
                                      'area_mu', to_mu(ST_Area(t.boundary)), 'area_ha', to_ha(ST_Area(t.boundary)))""",
                    filters("code", text("t.code = :code", "zone code")), null),
            new OgcCollection("blocks", "区块 Blocks", "Blocks (区块) of the development zones.",
                    "from block t join zone z on z.id = t.zone_id", "t.boundary", """
                    json_build_object('zone', z.code, 'code', t.code, 'name', t.name,
                                      'area_m2', round(ST_Area(t.boundary)::numeric, 2),
                                      'area_mu', to_mu(ST_Area(t.boundary)), 'area_ha', to_ha(ST_Area(t.boundary)))""",
                    filters("zone", text("z.code = :zone", "zone code"), "code", text("t.code = :code", "block code")),
                    null),
            new OgcCollection("parcels", "宗地 Parcels",
                    "Parcels (宗地) with their life-cycle state, land use, holder, lease, planning limits and official "
                            + "area. datetime selects parcels whose lease period meets it (parcels without a lease "
                            + "then do not match).",
                    """
                    from parcel t
                    join zone z on z.id = t.zone_id
                    left join block b on b.id = t.block_id
                    left join enterprise e on e.id = t.enterprise_id""",
                    "t.geom", """
                    json_build_object('zone', z.code, 'code', t.code, 'block', b.code, 'state', t.state,
                                      'land_use', t.land_use_code, 'idle', %s,
                                      'area_m2', round(ST_Area(t.geom)::numeric, 2), 'area_mu', to_mu(ST_Area(t.geom)),
                                      'area_ha', to_ha(ST_Area(t.geom)),
                                      'enterprise', e.name, 'credit_code', e.credit_code,
                                      'lease_start', t.lease_start, 'lease_end', t.lease_end,
                                      'construction_due', t.construction_due,
                                      'far_min', t.far_min, 'far_max', t.far_max, 'height_limit_m', t.height_limit_m)"""
                            .formatted(IDLE),
                    filters("zone", text("z.code = :zone", "zone code"),
                            "block", text("b.code = :block", "block code"),
                            "code", text("t.code = :code", "parcel code"),
                            "state", text("t.state = :state", "life-cycle state code, e.g. supplied"),
                            "land_use", text("t.land_use_code = :land_use", "land-use code, e.g. 100102"),
                            "idle", new Filter(IDLE + " = :idle", true, "idle land: true or false")),
                    new Temporal("t.lease_start", "t.lease_end", "lease period (lease_start to lease_end)")),
            new OgcCollection("available-land", "可供土地 Available land",
                    "Land an enterprise may take: stored (收储) or prepared (净地) parcels and parcels in an approved "
                            + "supply plan, with their public fields. Open to everyone; the parcels collection "
                            + "(all parcels) needs a signed-in user.",
                    """
                    from parcel t
                    join available_land a on a.parcel_id = t.id
                    join zone z on z.id = t.zone_id
                    left join block b on b.id = t.block_id""",
                    "t.geom", """
                    json_build_object('zone', z.code, 'code', t.code, 'block', b.code, 'state', t.state,
                                      'land_use', t.land_use_code,
                                      'area_m2', round(ST_Area(t.geom)::numeric, 2), 'area_mu', to_mu(ST_Area(t.geom)),
                                      'area_ha', to_ha(ST_Area(t.geom)),
                                      'supply_plan', a.supply_plan, 'planned_supply', a.planned_supply,
                                      'far_min', t.far_min, 'far_max', t.far_max, 'height_limit_m', t.height_limit_m)""",
                    filters("zone", text("z.code = :zone", "zone code"),
                            "block", text("b.code = :block", "block code"),
                            "code", text("t.code = :code", "parcel code"),
                            "land_use", text("t.land_use_code = :land_use", "land-use code, e.g. 100102")),
                    null),
            // The parcel a building stands on only for those who may see it (a visitor: available land).
            new OgcCollection("buildings", "建筑 Buildings", "Building footprints with floors and height, and the "
                            + "parcel they stand on (for visitors only when that parcel is available land).",
                    "from building t join parcel p on p.id = t.parcel_id join zone z on z.id = p.zone_id",
                    "t.footprint", """
                    json_build_object('zone', z.code, 'parcel', case when %1$s then p.code end,
                                      'floors', t.floors, 'height_m', t.height_m,
                                      'footprint_m2', round(ST_Area(t.footprint)::numeric, 2))""".formatted(Viewer.SEES_PARCEL),
                    filters("zone", text("z.code = :zone", "zone code"),
                            "parcel", text("p.code = :parcel and " + Viewer.SEES_PARCEL, "code of the parcel it stands on")),
                    null));

    static Optional<OgcCollection> byId(String id) {
        return ALL.stream().filter(c -> c.id.equals(id)).findFirst();
    }

    private static Filter text(String condition, String description) {
        return new Filter(condition, false, description);
    }

    private static Map<String, Filter> filters(Object... namesAndFilters) {
        Map<String, Filter> filters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndFilters.length; i += 2) {
            filters.put((String) namesAndFilters[i], (Filter) namesAndFilters[i + 1]);
        }
        return filters;
    }
}
