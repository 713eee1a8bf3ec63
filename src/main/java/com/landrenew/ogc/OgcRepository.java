package com.landrenew.ogc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.landrenew.database.ReadReplica;
import com.landrenew.geo.ChinaTime;
import com.landrenew.geo.SurveyBox;
import com.landrenew.layer.MapLayer;
import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Features of the OGC API as GeoJSON built by PostGIS. A query is assembled from the collection's
 * fixed SQL fragments and the conditions the request asks for (bbox, attributes, datetime); values are
 * bound, never spliced. The bbox is searched in the survey CRS like every box of the API.
 */
@Repository
class OgcRepository {

    /** A bbox in EPSG:4549 given as such (bbox-crs): no projection, no densifying. */
    private static final String SURVEY_CRS_BOX = """
            with box as (select ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4549) as g)
            """;

    /** A feature; {@code %4$s} adds more members (a single feature's links) or nothing. */
    private static final String FEATURE = """
            json_build_object('type', 'Feature', 'id', t.id,
                              'geometry', ST_AsGeoJSON(%1$s, %2$d)::json,
                              'properties', %3$s%4$s)""";

    /**
     * A page: its features (a JSON array), how many, whether more match after it, the id of its last
     * feature (the next page's cursor; null when empty) and how many match in all.
     */
    record Page(String features, int returned, boolean more, Long last, long matched) {
    }

    private final JdbcClient jdbc;

    /** Items may lag a little: from the replica when there is one. */
    OgcRepository(ReadReplica replica) {
        this.jdbc = replica.reads();
    }

    /**
     * One page of the collection's features matching the query, ordered by id, as a JSON array, and how
     * many match in all. The page's ids are chosen first and only their features are built, so a page
     * costs the same wherever it starts; a cursor (the last id of the page before) starts it by the
     * primary key, which also stays right while features are added or retired between pages.
     */
    Page items(OgcCollection collection, ItemsQuery query, Viewer viewer) {
        if (query.box().isPresent() && query.box().get().nothing()) {
            return new Page("[]", 0, false, null, 0);
        }
        // the ids first (one more than the page: is there a next page?), then the features of those ids
        // only, found by primary key; one statement, one round trip
        String with = query.box().isPresent() ? boxCte(query).stripTrailing() + ",\n" : "with ";
        String sql = with + """
                keys as materialized (select t.id %s
                                      order by t.id
                                      limit :limit + 1 offset :offset)
                select coalesce(json_agg(%s order by t.id), '[]'::json)::text, count(*),
                       (select count(*) from keys) > :limit, max(t.id::bigint),
                       (select count(*) %s)
                %s
                where t.id = any(array(select id from keys order by id limit :limit))
                """.formatted(matching(collection, query, query.cursor() != null), feature(collection, query.crs(), ""),
                matching(collection, query, false), collection.from());
        JdbcClient.StatementSpec statement = bind(viewer.bind(jdbc.sql(sql)), query).param("limit", query.limit())
                .param("offset", query.offset());
        if (query.cursor() != null) {
            statement = statement.param("cursor", query.cursor());
        }
        return statement.query((rs, i) -> new Page(rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                (Long) rs.getObject(4, Long.class), rs.getLong(5))).single();
    }

    /** One feature by its id, with {@code links} (a JSON array) among its members. */
    Optional<String> item(OgcCollection collection, long id, OgcCrs crs, String links, Viewer viewer) {
        String feature = feature(collection, crs, ",\n                  'links', cast(:links as json)");
        return viewer.bind(jdbc.sql("select " + feature + "::text " + collection.from() + " where t.id = :id"))
                .param("id", id).param("links", links).param("today", ChinaTime.today()).query(String.class).optional();
    }

    /** The first and last day of the collection's temporal property, either null when none is set. */
    LocalDate[] temporalExtent(OgcCollection collection) {
        MapLayer.Temporal temporal = collection.temporal();
        return jdbc.sql("select min(" + temporal.start() + "), max(" + temporal.end() + ") " + collection.from())
                .query((rs, i) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
    }

    private static String feature(OgcCollection collection, OgcCrs crs, String moreMembers) {
        return FEATURE.formatted(crs.geometry(collection.geometry()), crs.decimals(), collection.properties(), moreMembers);
    }

    private static String boxCte(ItemsQuery query) {
        return query.box().map(box -> box.degrees() ? SurveyBox.CTE : SURVEY_CRS_BOX).orElse("");
    }

    /** {@code from … where …} for the query's conditions, and after the cursor when {@code afterCursor}. */
    private static String matching(OgcCollection collection, ItemsQuery query, boolean afterCursor) {
        List<String> conditions = new ArrayList<>();
        if (afterCursor) {
            conditions.add("t.id > :cursor");
        }
        String from = collection.from();
        if (query.box().isPresent()) {
            from += "\ncross join box";
            conditions.add(collection.geometry() + " && box.g and ST_Intersects(" + collection.geometry() + ", box.g)");
        }
        query.filters().keySet().forEach(name -> conditions.add(collection.filters().get(name).condition()));
        if (query.filter() != null) {
            conditions.add(query.filter().sql());
        }
        if (query.datetime() != null) {
            MapLayer.Temporal t = collection.temporal();
            conditions.add(t.start() + " is not null"
                    + " and (cast(:dtEnd as date) is null or " + t.start() + " <= cast(:dtEnd as date))"
                    + " and (cast(:dtStart as date) is null or " + t.end() + " is null or " + t.end()
                    + " >= cast(:dtStart as date))");
        }
        return from + (conditions.isEmpty() ? "" : "\nwhere " + String.join("\n  and ", conditions));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, ItemsQuery query) {
        statement = statement.param("today", ChinaTime.today());
        if (query.box().isPresent()) {
            ItemsQuery.SearchBox box = query.box().get();
            statement = SurveyBox.bind(statement, new com.landrenew.geo.Bbox(box.minX(), box.minY(), box.maxX(), box.maxY()));
        }
        for (var filter : query.filters().entrySet()) {
            statement = statement.param(filter.getKey(), filter.getValue());
        }
        if (query.filter() != null) {
            for (var param : query.filter().params().entrySet()) {
                statement = statement.param(param.getKey(), param.getValue());
            }
        }
        if (query.datetime() != null) {
            statement = statement.param("dtStart", query.datetime().start()).param("dtEnd", query.datetime().end());
        }
        return statement;
    }
}
