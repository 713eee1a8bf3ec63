package com.landrenew.ogc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    record Page(String features, int returned, long matched) {
    }

    private final JdbcClient jdbc;

    OgcRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the collection's features matching the query, ordered by id, as a JSON array, and how many match in all. */
    Page items(OgcCollection collection, ItemsQuery query, Viewer viewer) {
        if (query.box().isPresent() && query.box().get().nothing()) {
            return new Page("[]", 0, 0);
        }
        String matching = matching(collection, query);
        // the page and the count in one statement: one round trip
        String sql = boxCte(query) + """
                select coalesce(json_agg(page.feature order by page.id), '[]'::json)::text, count(*),
                       (select count(*) %s)
                from (select t.id, %s as feature
                      %s
                      order by t.id
                      limit :limit offset :offset) page
                """.formatted(matching, feature(collection, query.crs(), ""), matching);
        return bind(viewer.bind(jdbc.sql(sql)), query).param("limit", query.limit()).param("offset", query.offset())
                .query((rs, i) -> new Page(rs.getString(1), rs.getInt(2), rs.getLong(3))).single();
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

    /** {@code from … where …} for the query's conditions. */
    private static String matching(OgcCollection collection, ItemsQuery query) {
        List<String> conditions = new ArrayList<>();
        String from = collection.from();
        if (query.box().isPresent()) {
            from += "\ncross join box";
            conditions.add(collection.geometry() + " && box.g and ST_Intersects(" + collection.geometry() + ", box.g)");
        }
        query.filters().keySet().forEach(name -> conditions.add(collection.filters().get(name).condition()));
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
        if (query.datetime() != null) {
            statement = statement.param("dtStart", query.datetime().start()).param("dtEnd", query.datetime().end());
        }
        return statement;
    }
}
