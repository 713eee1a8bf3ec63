package com.landrenew.importer;

import java.util.List;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.web.BadRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes LandRenew's GeoJSON files (EPSG:4549, one FeatureCollection per layer) into the store.
 * PostGIS parses the features itself (json_array_elements + ST_GeomFromGeoJSON): one statement per
 * layer, and every feature that names an unknown zone, block or parcel makes the load fail.
 */
@Component
class GeoJsonLoader {

    private static final String SURVEY_CRS = "urn:ogc:def:crs:EPSG::4549";

    private static final String INSERT_ENTERPRISES = """
            insert into enterprise (credit_code, name, industry)
            select e->>'credit_code', e->>'name', e->>'industry'
            from json_array_elements(cast(:json as json)) e
            """;

    private static final String INSERT_ZONES = """
            insert into zone (code, name, admin_code, boundary)
            select f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'admin_code',
                   ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549))
            from json_array_elements(cast(:json as json)->'features') f
            """;

    private static final String INSERT_BLOCKS = """
            insert into block (zone_id, code, name, boundary)
            select z.id, f->'properties'->>'code', f->'properties'->>'name',
                   ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549))
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            """;

    private static final String INSERT_PARCELS = """
            insert into parcel (zone_id, block_id, code, geom, land_use_code, state, enterprise_id,
                                lease_start, lease_end, far_min, far_max, height_limit_m)
            select z.id, b.id, p->>'code', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549)),
                   p->>'land_use', p->>'state', e.id,
                   cast(p->>'lease_start' as date), cast(p->>'lease_end' as date),
                   cast(p->>'far_min' as numeric), cast(p->>'far_max' as numeric),
                   cast(p->>'height_limit_m' as numeric)
            from json_array_elements(cast(:json as json)->'features') f
            cross join lateral (select f->'properties' as p) props
            join zone z on z.code = p->>'zone'
            left join block b on b.zone_id = z.id and b.code = p->>'block'
            left join enterprise e on e.credit_code = p->>'enterprise'
            where (p->>'block' is null) = (b.id is null)
              and (p->>'enterprise' is null) = (e.id is null)
            """;

    private static final String INSERT_BUILDINGS = """
            insert into building (parcel_id, footprint, floors, height_m)
            select pa.id, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549),
                   cast(f->'properties'->>'floors' as int), cast(f->'properties'->>'height_m' as numeric)
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = f->'properties'->>'parcel'
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    GeoJsonLoader(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void loadEnterprises(String text) {
        JsonNode enterprises = json.readTree(text);
        for (JsonNode enterprise : enterprises) {
            String code = enterprise.path("credit_code").asString();
            String problem = CreditCode.problemWith(code);
            if (problem != null) {
                throw new BadRequestException("enterprise " + enterprise.path("name").asString()
                        + " has an invalid unified social credit code " + code + ": " + problem);
            }
        }
        insertAll("enterprises", INSERT_ENTERPRISES, text, enterprises.size());
    }

    void loadZones(String text) {
        insertAll("zones", INSERT_ZONES, text, featureCount(text));
    }

    void loadBlocks(String text) {
        insertAll("blocks", INSERT_BLOCKS, text, featureCount(text));
    }

    void loadParcels(String text) {
        insertAll("parcels", INSERT_PARCELS, text, featureCount(text));
    }

    void loadBuildings(String text) {
        insertAll("buildings", INSERT_BUILDINGS, text, featureCount(text));
    }

    private int featureCount(String text) {
        JsonNode collection = json.readTree(text);
        String crs = collection.path("crs").path("properties").path("name").asString("");
        if (!List.of(SURVEY_CRS, "EPSG:4549").contains(crs)) {
            throw new BadRequestException("expected a FeatureCollection in EPSG:4549 (crs member "
                    + SURVEY_CRS + "), found crs '" + crs + "'");
        }
        return collection.path("features").size();
    }

    private void insertAll(String layer, String sql, String text, int expected) {
        int inserted = jdbc.sql(sql).param("json", text).update();
        if (inserted != expected) {
            throw new BadRequestException(layer + ": " + (expected - inserted) + " of " + expected
                    + " features name an unknown zone, block, parcel or enterprise");
        }
    }
}
