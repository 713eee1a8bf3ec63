package com.landrenew.ogc.cql;

import java.time.LocalDate;
import java.util.List;

/**
 * A CQL2 filter (OGC API - Features Part 3) as a tree, whichever encoding it came in (cql2-text or
 * cql2-json). {@code at} is where a node starts in the filter text (from 1), or 0 for JSON, where
 * messages name the member instead. Literals hold checked values; property names are only names here:
 * {@link CqlSql} looks them up among the collection's queryables.
 */
public sealed interface Cql2 {

    /** Where the node starts in the filter text, from 1; 0 in JSON. */
    int at();

    /** {@code and} / {@code or} of two terms or more. */
    record Logical(boolean and, List<Cql2> terms) implements Cql2 {
        @Override
        public int at() {
            return terms.get(0).at();
        }
    }

    record Not(Cql2 term) implements Cql2 {
        @Override
        public int at() {
            return term.at();
        }
    }

    /** {@code =, <>, <, <=, >, >=}. */
    record Compare(String op, Cql2 left, Cql2 right, int at) implements Cql2 {
    }

    /** {@code LIKE} (ILIKE, which GDAL may send, when {@code ignoreCase}). */
    record Like(Cql2 value, Cql2 pattern, boolean ignoreCase, int at) implements Cql2 {
    }

    record Between(Cql2 value, Cql2 low, Cql2 high, int at) implements Cql2 {
    }

    record In(Cql2 value, List<Cql2> list, int at) implements Cql2 {
    }

    record IsNull(Cql2 value, int at) implements Cql2 {
    }

    /** {@code S_INTERSECTS} …, op in upper case. */
    record Spatial(String op, Cql2 left, Cql2 right, int at) implements Cql2 {
    }

    /** {@code T_INTERSECTS} …, op in upper case. */
    record Temporal(String op, Cql2 left, Cql2 right, int at) implements Cql2 {
    }

    record Property(String name, int at) implements Cql2 {
    }

    record Text(String value, int at) implements Cql2 {
    }

    record Number(double value, int at) implements Cql2 {
    }

    record Bool(boolean value, int at) implements Cql2 {
    }

    /** A day: {@code DATE('2024-05-01')}, or a {@code TIMESTAMP} read as its day in China time. */
    record Day(LocalDate value, int at) implements Cql2 {
    }

    /** {@code INTERVAL(start, end)}: each end a Day, a Property or {@link Open}. */
    record Interval(Cql2 start, Cql2 end, int at) implements Cql2 {
    }

    /** {@code '..'}: an interval's open end. */
    record Open(int at) implements Cql2 {
    }

    /** A geometry literal: WKT, GeoJSON or BBOX, read and bounded ({@link FilterGeometry}), in the filter's CRS. */
    record Geometry(org.locationtech.jts.geom.Geometry value, int at) implements Cql2 {
    }
}
