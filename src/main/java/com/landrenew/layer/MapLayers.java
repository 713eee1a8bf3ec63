package com.landrenew.layer;

import static com.landrenew.layer.MapLayer.Type.BOOLEAN;
import static com.landrenew.layer.MapLayer.Type.DATE;
import static com.landrenew.layer.MapLayer.Type.INTEGER;
import static com.landrenew.layer.MapLayer.Type.NUMBER;
import static com.landrenew.layer.MapLayer.Type.TEXT;
import static com.landrenew.layer.MapLayer.Use.EXPORT;
import static com.landrenew.layer.MapLayer.Use.OGC;
import static com.landrenew.layer.MapLayer.Use.TILES;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import com.landrenew.layer.MapLayer.Collection;
import com.landrenew.layer.MapLayer.Field;
import com.landrenew.layer.MapLayer.Filter;
import com.landrenew.layer.MapLayer.Readers;
import com.landrenew.layer.MapLayer.Temporal;
import com.landrenew.layer.MapLayer.Tiles;
import com.landrenew.layer.MapLayer.Type;
import com.landrenew.layer.MapLayer.Use;
import com.landrenew.security.OpenReads;
import com.landrenew.security.Viewer;

/**
 * The map layers: the one list that vector tiles (tiles/), the OGC API (ogc/), exports (export/) and
 * the security rules read. A new layer is one entry here; each room then serves it where the entry
 * says (a layer without tiles has {@code tiles} null, and so on).
 */
public final class MapLayers {

    private MapLayers() {
    }

    /** Idle land; is_idle is null for a supplied parcel without a contracted start, which is not idle. */
    static final String IDLE = "coalesce(is_idle(t.state, t.construction_due, cast(:today as date)), false)";

    private static final Use[] EVERYWHERE = Use.values();

    public static final MapLayer ZONES = new MapLayer("zones", "开发区 Development zones", Readers.EVERYONE,
            "from zone t", "t.boundary", "t.geom_3857", List.of(
                    field("code", TEXT, "zone code", "t.code", EVERYWHERE),
                    field("name", TEXT, "zone name", "t.name", EVERYWHERE),
                    field("admin_code", TEXT, "administrative division code", "t.admin_code", OGC, EXPORT),
                    field("area_m2", NUMBER, "official area in m²", "round(ST_Area(t.boundary)::numeric, 2)", OGC, EXPORT),
                    field("area_mu", NUMBER, "official area in mu", "to_mu(ST_Area(t.boundary))", EVERYWHERE),
                    field("area_ha", NUMBER, "official area in ha", "to_ha(ST_Area(t.boundary))", OGC)),
            new Tiles(0, 19, "开发区 Development zones: outline, code and name", false, List.of()),
            new Collection("zones", "Development zones with their official area.",
                    filters("code", text("t.code = :code", "zone code")), null),
            true);

    public static final MapLayer BLOCKS = new MapLayer("blocks", "区块 Blocks", Readers.EVERYONE,
            "from block t join zone z on z.id = t.zone_id", "t.boundary", "t.geom_3857", List.of(
                    field("zone", TEXT, "zone code", "z.code", EVERYWHERE),
                    field("code", TEXT, "block code", "t.code", EVERYWHERE),
                    field("name", TEXT, "block name", "t.name", EVERYWHERE),
                    field("area_m2", NUMBER, "official area in m²", "round(ST_Area(t.boundary)::numeric, 2)", OGC, EXPORT),
                    field("area_mu", NUMBER, "official area in mu", "to_mu(ST_Area(t.boundary))", EVERYWHERE),
                    field("area_ha", NUMBER, "official area in ha", "to_ha(ST_Area(t.boundary))", OGC)),
            new Tiles(8, 19, "区块 Blocks of the zones: outline, code and name", false, List.of()),
            new Collection("blocks", "Blocks (区块) of the development zones.",
                    filters("zone", text("z.code = :zone", "zone code"), "code", text("t.code = :code", "block code")), null),
            true);

    /** Every parcel with everything about it but its holder's figures: for signed-in users. */
    public static final MapLayer PARCELS = new MapLayer("parcels", "宗地 Parcels", Readers.SIGNED_IN, """
            from parcel t
            join zone z on z.id = t.zone_id
            left join block b on b.id = t.block_id
            left join enterprise e on e.id = t.enterprise_id""", "t.geom", "t.geom_3857", List.of(
                    field("zone", TEXT, "zone code", "z.code", EVERYWHERE),
                    field("code", TEXT, "parcel code (unique in its zone)", "t.code", EVERYWHERE),
                    field("block", TEXT, "block code", "b.code", EVERYWHERE),
                    field("state", TEXT, "life-cycle state code (see /api/states)", "t.state", EVERYWHERE),
                    field("land_use", TEXT, "land-use code (2020 classification)", "t.land_use_code", EVERYWHERE),
                    field("idle", BOOLEAN, "idle land (supplied, construction not started a year after the contracted date)",
                            IDLE, TILES, OGC),
                    field("area_m2", NUMBER, "official area in m²", "round(ST_Area(t.geom)::numeric, 2)", OGC, EXPORT),
                    field("area_mu", NUMBER, "official area in mu", "to_mu(ST_Area(t.geom))", EVERYWHERE),
                    field("area_ha", NUMBER, "official area in ha", "to_ha(ST_Area(t.geom))", OGC),
                    // the credit code under the name imports read it by, so that an export imports back
                    field("enterprise", TEXT, "unified social credit code of the enterprise holding it", "e.credit_code",
                            OGC, EXPORT),
                    field("enterprise_name", TEXT, "name of the enterprise holding it", "e.name", OGC, EXPORT),
                    field("lease_start", DATE, "first day of the lease (yyyy-mm-dd)", "t.lease_start", OGC, EXPORT),
                    field("lease_end", DATE, "last day of the lease (yyyy-mm-dd)", "t.lease_end", OGC, EXPORT),
                    field("construction_due", DATE, "contracted start of construction (yyyy-mm-dd)", "t.construction_due", OGC),
                    field("far_min", NUMBER, "planning floor area ratio, lowest", "t.far_min", OGC, EXPORT),
                    field("far_max", NUMBER, "planning floor area ratio, highest", "t.far_max", OGC, EXPORT),
                    field("height_limit_m", NUMBER, "planning height limit in metres", "t.height_limit_m", EVERYWHERE)),
            new Tiles(12, 19, "宗地 Parcels coloured by life-cycle state; the feature id is the parcel's id. At zoom 12 "
                    + "(a whole zone) one feature per block instead, without id: its outline, the state covering most of its "
                    + "parcels' area (share: that fraction), its parcel count and their area", true, List.of(
                            field("parcels", INTEGER, "zoom 12 only: parcels in the block", null, TILES),
                            field("share", NUMBER, "zoom 12 only: fraction of the block's parcel area in that state", null,
                                    TILES))),
            new Collection("parcels", "Parcels (宗地) with their life-cycle state, land use, holder, lease, planning "
                    + "limits and official area. datetime selects parcels whose lease period meets it (parcels without "
                    + "a lease then do not match).",
                    filters("zone", text("z.code = :zone", "zone code"),
                            "block", text("b.code = :block", "block code"),
                            "code", text("t.code = :code", "parcel code"),
                            "state", text("t.state = :state", "life-cycle state code, e.g. supplied"),
                            "land_use", text("t.land_use_code = :land_use", "land-use code, e.g. 100102"),
                            "idle", new Filter(IDLE + " = :idle", true, "idle land: true or false")),
                    new Temporal("t.lease_start", "t.lease_end", "lease period (lease_start to lease_end)")),
            true);

    /** The parcels visitors see (stored, prepared or in an approved supply plan), with their public fields. */
    public static final MapLayer AVAILABLE_LAND = new MapLayer("available", "可供土地 Available land", Readers.EVERYONE, """
            from parcel t
            join available_land a on a.parcel_id = t.id
            join zone z on z.id = t.zone_id
            left join block b on b.id = t.block_id""", "t.geom", "t.geom_3857", List.of(
                    field("zone", TEXT, "zone code", "z.code", TILES, OGC),
                    field("code", TEXT, "parcel code (unique in its zone)", "t.code", TILES, OGC),
                    field("block", TEXT, "block code", "b.code", TILES, OGC),
                    field("state", TEXT, "life-cycle state code (see /api/states)", "t.state", TILES, OGC),
                    field("land_use", TEXT, "land-use code (2020 classification)", "t.land_use_code", TILES, OGC),
                    field("area_m2", NUMBER, "official area in m²", "round(ST_Area(t.geom)::numeric, 2)", OGC),
                    field("area_mu", NUMBER, "official area in mu", "to_mu(ST_Area(t.geom))", TILES, OGC),
                    field("area_ha", NUMBER, "official area in ha", "to_ha(ST_Area(t.geom))", OGC),
                    field("supply_plan", TEXT, "code of the approved supply plan that holds it, if any", "a.supply_plan",
                            TILES, OGC),
                    field("planned_supply", DATE, "the planned supply date (yyyy-mm-dd) of its batch, if any",
                            "a.planned_supply", TILES, OGC),
                    field("far_min", NUMBER, "planning floor area ratio, lowest", "t.far_min", OGC),
                    field("far_max", NUMBER, "planning floor area ratio, highest", "t.far_max", OGC),
                    field("height_limit_m", NUMBER, "planning height limit in metres", "t.height_limit_m", OGC)),
            new Tiles(12, 19, "可供土地 Available land (stored, prepared or in an approved supply plan): "
                    + "the parcels visitors see, with their public fields", true, List.of()),
            new Collection("available-land", "Land an enterprise may take: stored (收储) or prepared (净地) parcels and "
                    + "parcels in an approved supply plan, with their public fields. Open to everyone; the parcels "
                    + "collection (all parcels) needs a signed-in user.",
                    filters("zone", text("z.code = :zone", "zone code"),
                            "block", text("b.code = :block", "block code"),
                            "code", text("t.code = :code", "parcel code"),
                            "land_use", text("t.land_use_code = :land_use", "land-use code, e.g. 100102")),
                    null),
            false);

    /**
     * Building footprints. A building names its parcel only to those who may see that parcel (Viewer): the
     * tiles, one for every reader and cached, are cut for a visitor, so they name available land only.
     */
    public static final MapLayer BUILDINGS = new MapLayer("buildings", "建筑 Buildings", Readers.EVERYONE,
            "from building t join parcel p on p.id = t.parcel_id join zone z on z.id = p.zone_id", "t.footprint",
            "t.footprint_3857", List.of(
                    field("zone", TEXT, "zone code", "z.code", EVERYWHERE),
                    field("parcel", TEXT, "code of the parcel it stands on, when the reader may see that parcel, else "
                            + "absent (tiles are cut for visitors: when that parcel is available land)",
                            "case when " + Viewer.SEES_PARCEL + " then p.code end", EVERYWHERE),
                    field("floors", INTEGER, "floors above ground", "t.floors", EVERYWHERE),
                    field("height_m", NUMBER, "height in metres", "t.height_m", EVERYWHERE),
                    field("footprint_m2", NUMBER, "footprint area in m²", "round(ST_Area(t.footprint)::numeric, 2)", OGC)),
            new Tiles(14, 19, "建筑 Building footprints with floors and height", true, List.of()),
            new Collection("buildings", "Building footprints with floors and height, and the parcel they stand on "
                    + "(for visitors only when that parcel is available land).",
                    filters("zone", text("z.code = :zone", "zone code"),
                            "parcel", text("p.code = :parcel and " + Viewer.SEES_PARCEL, "code of the parcel it stands on")),
                    null),
            true);

    /**
     * The ground under the parcels (底图): roads, railways, rivers, water and named places around each zone, as
     * data of this server (basemap_feature, V19), so the map has ground offline. Public, like a printed map.
     */
    public static final MapLayer BASEMAP = new MapLayer("basemap", "底图 Basemap", Readers.EVERYONE,
            "from basemap_feature t join zone z on z.id = t.zone_id", "t.geom", "t.geom_3857", List.of(
                    field("zone", TEXT, "zone code", "z.code", TILES),
                    field("kind", TEXT, "kind: motorway, arterial, road, railway, river, water, place, motorway_exit, "
                            + "port, airport, rail_station", "t.kind", TILES),
                    field("name", TEXT, "name (roads, rivers, places), if any", "t.name", TILES)),
            new Tiles(8, 19, "底图 Basemap: roads, railways, rivers, water and named places around the zones", false,
                    List.of()),
            null, false);

    /** Every layer, in the order lists show them. */
    public static final List<MapLayer> ALL = List.of(ZONES, BLOCKS, PARCELS, AVAILABLE_LAND, BUILDINGS, BASEMAP);

    public static Optional<MapLayer> byId(String id) {
        return ALL.stream().filter(layer -> layer.id().equals(id)).findFirst();
    }

    /**
     * The security rules for a room's paths of the layers it serves: {@code path} of each layer {@code served}
     * opened to the layer's readers (staff need no rule: what no rule opens is theirs).
     */
    public static OpenReads openReads(Predicate<MapLayer> served, Function<MapLayer, String> path) {
        return new OpenReads(paths(served, Readers.EVERYONE, path), paths(served, Readers.SIGNED_IN, path));
    }

    private static List<String> paths(Predicate<MapLayer> served, Readers readers, Function<MapLayer, String> path) {
        return ALL.stream().filter(served).filter(layer -> layer.readers() == readers).map(path).toList();
    }

    private static Field field(String name, Type type, String description, String sql, Use... uses) {
        return new Field(name, type, description, sql, Collections.unmodifiableSet(EnumSet.of(uses[0], uses)));
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
