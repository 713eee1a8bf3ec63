package com.landrenew.ogc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.layer.MapLayer;
import com.landrenew.ogc.cql.Cql2Parser;
import com.landrenew.ogc.cql.CqlSql;
import com.landrenew.ogc.cql.FilterCrs;
import com.landrenew.ogc.cql.Queryable;
import com.landrenew.web.BadRequestException;

/**
 * OGC API - Features Part 3 on a collection: its queryables (the properties its features carry, from the
 * layer list, and its geometry) and the {@code filter}, {@code filter-lang} and {@code filter-crs}
 * parameters turned into a SQL condition over them (ogc/cql). A queryable's SQL is the very expression
 * that serves the property, so a filter sees what its reader sees and nothing more; which rows a reader
 * sees is the collection's own {@code from}, under every filter.
 */
final class OgcFilter {

    static final String GEOMETRY = "geometry";
    static final List<String> PARAMETERS = List.of("filter", "filter-lang", "filter-crs");

    private OgcFilter() {
    }

    static List<Queryable> queryables(OgcCollection collection) {
        List<Queryable> queryables = new ArrayList<>();
        for (MapLayer.Field field : collection.fields()) {
            queryables.add(new Queryable(field.name(), type(field.type()), field.sql(), field.description()));
        }
        queryables.add(new Queryable(GEOMETRY, Queryable.Type.GEOMETRY, collection.geometry(), "the feature's geometry"));
        return queryables;
    }

    /** The condition the request's filter asks for; null when it gives none. */
    static CqlSql.Condition parse(OgcCollection collection, Map<String, String> params) {
        String filter = params.get("filter");
        if (filter == null) {
            if (params.containsKey("filter-lang") || params.containsKey("filter-crs")) {
                throw new BadRequestException("给了 filter-lang 或 filter-crs，却没有 filter。filter-lang or filter-crs is "
                        + "given without a filter");
            }
            return null;
        }
        return CqlSql.of(Cql2Parser.parse(filter, params.get("filter-lang"), crs(params.get("filter-crs"))),
                queryables(collection));
    }

    /** CRS84 by default; any CRS the API serves, and Web Mercator (what web maps draw in). */
    static FilterCrs crs(String value) {
        if (value != null && value.strip().equals(FilterCrs.WEB_MERCATOR.uri())) {
            return FilterCrs.WEB_MERCATOR;
        }
        OgcCrs crs = OgcCrs.parse("filter-crs", value);
        return new FilterCrs(crs.uri(), crs.srid(), crs.northFirst());
    }

    static List<String> crsUris() {
        List<String> uris = new ArrayList<>(OgcCrs.uris());
        uris.add(FilterCrs.WEB_MERCATOR.uri());
        return uris;
    }

    private static Queryable.Type type(MapLayer.Type type) {
        return switch (type) {
            case TEXT -> Queryable.Type.STRING;
            case NUMBER -> Queryable.Type.NUMBER;
            case INTEGER -> Queryable.Type.INTEGER;
            case BOOLEAN -> Queryable.Type.BOOLEAN;
            case DATE -> Queryable.Type.DATE;
        };
    }
}
