package com.landrenew.ogc.cql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.io.WKTWriter;

/**
 * A CQL2 tree turned into a SQL condition on a collection's rows: property names become the fixed SQL of
 * the collection's queryables (a name not among them is a 400 naming it), every literal a bind parameter
 * ({@code :cql0}, {@code :cql1} …), and the types of both sides of each comparison are checked first, so
 * that PostgreSQL never meets a comparison it would fail on. Nothing from the request is ever spliced.
 */
public final class CqlSql {

    /** The condition and its parameters. */
    public record Condition(String sql, Map<String, Object> params) {
    }

    /** A scalar side of a predicate: its SQL and type. */
    private record Operand(String sql, Queryable.Type type) {
    }

    /** The four ends of two periods compared: a's start and end, then b's. */
    private static final Map<String, String> TEMPORAL = Map.ofEntries(
            Map.entry("T_AFTER", "%1$s > %4$s"),
            Map.entry("T_BEFORE", "%2$s < %3$s"),
            Map.entry("T_CONTAINS", "%1$s < %3$s and %2$s > %4$s"),
            Map.entry("T_DISJOINT", "(%2$s < %3$s or %1$s > %4$s)"),
            Map.entry("T_DURING", "%1$s > %3$s and %2$s < %4$s"),
            Map.entry("T_EQUALS", "%1$s = %3$s and %2$s = %4$s"),
            Map.entry("T_FINISHEDBY", "%1$s < %3$s and %2$s = %4$s"),
            Map.entry("T_FINISHES", "%1$s > %3$s and %2$s = %4$s"),
            Map.entry("T_INTERSECTS", "%1$s <= %4$s and %2$s >= %3$s"),
            Map.entry("T_MEETS", "%2$s = %3$s"),
            Map.entry("T_METBY", "%1$s = %4$s"),
            Map.entry("T_OVERLAPPEDBY", "%1$s > %3$s and %1$s < %4$s and %2$s > %4$s"),
            Map.entry("T_OVERLAPS", "%1$s < %3$s and %2$s > %3$s and %2$s < %4$s"),
            Map.entry("T_STARTEDBY", "%1$s = %3$s and %2$s > %4$s"),
            Map.entry("T_STARTS", "%1$s = %3$s and %2$s < %4$s"));

    private static final Map<String, String> SPATIAL = Map.of("S_INTERSECTS", "ST_Intersects(%s, %s)",
            "S_DISJOINT", "not ST_Intersects(%s, %s)", "S_EQUALS", "ST_Equals(%s, %s)", "S_TOUCHES", "ST_Touches(%s, %s)",
            "S_WITHIN", "ST_Within(%s, %s)", "S_OVERLAPS", "ST_Overlaps(%s, %s)", "S_CROSSES", "ST_Crosses(%s, %s)",
            "S_CONTAINS", "ST_Contains(%s, %s)");

    /** Degrees between added vertices of a filter geometry in degrees: the projection bends long edges. */
    private static final double DENSIFY_DEGREES = 0.05;

    private final Map<String, Queryable> queryables = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    private CqlSql(List<Queryable> queryables) {
        queryables.forEach(q -> this.queryables.put(q.name(), q));
    }

    /** The condition for {@code filter} over the rows whose properties are {@code queryables}. */
    public static Condition of(Cql2 filter, List<Queryable> queryables) {
        CqlSql sql = new CqlSql(queryables);
        String condition = sql.bool(filter);
        return new Condition(condition, sql.params);
    }

    private String bool(Cql2 node) {
        if (node instanceof Cql2.Logical l) {
            return l.terms().stream().map(this::bool).collect(Collectors.joining(l.and() ? " and " : " or ", "(", ")"));
        }
        if (node instanceof Cql2.Not n) {
            return "not (" + bool(n.term()) + ")";
        }
        if (node instanceof Cql2.Bool b) {
            return b.value() ? "true" : "false";
        }
        if (node instanceof Cql2.Compare c) {
            Operand[] sides = pair(c.left(), c.right(), c.at(), c.op());
            if ((sides[0].type() == Queryable.Type.BOOLEAN) && !c.op().equals("=") && !c.op().equals("<>")) {
                throw CqlError.at(c.at(), "布尔值只能用 = 或 <> 比较", "booleans compare with = or <> only");
            }
            return "(" + sides[0].sql() + " " + c.op() + " " + sides[1].sql() + ")";
        }
        if (node instanceof Cql2.Like l) {
            // PostgreSQL fails on a pattern ending in its escape character: a literal is checked here, and
            // nothing but a literal may be a pattern
            if (!(l.pattern() instanceof Cql2.Text pattern)) {
                throw CqlError.at(l.at(), "LIKE 的模式须是带引号的文本", "the pattern of LIKE must be quoted text");
            }
            if (pattern.value().replaceAll("\\\\\\\\", "").endsWith("\\")) {
                throw CqlError.at(pattern.at(), "LIKE 的模式不能以单个反斜杠结尾", "the pattern of LIKE cannot end in a "
                        + "single backslash (it escapes the character after it)");
            }
            Operand[] sides = pair(l.value(), l.pattern(), l.at(), "LIKE");
            if (sides[0].type() != Queryable.Type.STRING) {
                throw CqlError.at(l.at(), "LIKE 只用于文本", "LIKE applies to text only");
            }
            return "(" + sides[0].sql() + (l.ignoreCase() ? " ilike " : " like ") + sides[1].sql() + ")";
        }
        if (node instanceof Cql2.Between b) {
            Operand[] low = pair(b.value(), b.low(), b.at(), "BETWEEN");
            Operand[] high = pair(b.value(), b.high(), b.at(), "BETWEEN");
            if (!low[0].type().numeric() && low[0].type() != Queryable.Type.DATE) {
                throw CqlError.at(b.at(), "BETWEEN 只用于数和日期", "BETWEEN applies to numbers and dates only");
            }
            return "(" + low[0].sql() + " between " + low[1].sql() + " and " + high[1].sql() + ")";
        }
        if (node instanceof Cql2.In in) {
            List<String> values = new ArrayList<>();
            String value = null;
            for (Cql2 item : in.list()) {
                Operand[] sides = pair(in.value(), item, in.at(), "IN");
                value = sides[0].sql();
                values.add(sides[1].sql());
            }
            return "(" + value + " in (" + String.join(", ", values) + "))";
        }
        if (node instanceof Cql2.IsNull n) {
            if (!(n.value() instanceof Cql2.Property)) {
                throw CqlError.at(n.at(), "IS NULL 只用于属性", "IS NULL applies to properties only");
            }
            return "(" + operand(n.value(), null).sql() + " is null)";
        }
        if (node instanceof Cql2.Spatial s) {
            return SPATIAL.get(s.op()).formatted(geometry(s.left(), s.op()), geometry(s.right(), s.op()));
        }
        if (node instanceof Cql2.Temporal t) {
            String[] a = period(t.left(), t.op());
            String[] b = period(t.right(), t.op());
            return "(" + TEMPORAL.get(t.op()).formatted(a[0], a[1], b[0], b[1]) + ")";
        }
        throw CqlError.at(node.at(), "这里应是条件（谓词），而不是值", "a condition (predicate) is expected here, not a value");
    }

    /** Both sides of a comparison, the literal typed after the property it is compared with. */
    private Operand[] pair(Cql2 left, Cql2 right, int at, String op) {
        Queryable.Type hint = right instanceof Cql2.Property ? operand(right, null).type() : null;
        Operand l = operand(left, hint);
        Operand r = operand(right, l.type());
        if (!l.type().comparableWith(r.type()) || l.type() == Queryable.Type.GEOMETRY) {
            throw CqlError.at(at, op + " 两边类型不符：" + l.type().zh() + "与" + r.type().zh(), "the two sides of " + op
                    + " do not match: " + l.type().en() + " and " + r.type().en());
        }
        return new Operand[] {l, r};
    }

    /** A scalar: a property's SQL, or a bound literal; a text literal compared with a date is read as a date. */
    private Operand operand(Cql2 node, Queryable.Type hint) {
        if (node instanceof Cql2.Property p) {
            Queryable q = queryables.get(p.name());
            if (q == null) {
                throw CqlError.at(p.at(), "未知属性 '" + CqlError.excerpt(p.name()) + "'；可用：" + String.join("、",
                        queryables.keySet()), "unknown property '" + CqlError.excerpt(p.name()) + "'; queryables: "
                        + String.join(", ", queryables.keySet()));
            }
            return new Operand("(" + q.sql() + ")", q.type());
        }
        if (node instanceof Cql2.Text t) {
            if (t.value().indexOf('\0') >= 0) {
                throw CqlError.at(t.at(), "文本含 NUL 字符", "text contains a NUL character");
            }
            if (hint == Queryable.Type.DATE) {
                return bind(Days.parse(t.value(), t.at()), Queryable.Type.DATE);
            }
            return bind(t.value(), Queryable.Type.STRING);
        }
        if (node instanceof Cql2.Number n) {
            return bind(n.value(), Queryable.Type.NUMBER);
        }
        if (node instanceof Cql2.Bool b) {
            return bind(b.value(), Queryable.Type.BOOLEAN);
        }
        if (node instanceof Cql2.Day d) {
            return bind(d.value(), Queryable.Type.DATE);
        }
        throw CqlError.at(node.at(), "这里应是属性或值", "a property or a value is expected here");
    }

    private Operand bind(Object value, Queryable.Type type) {
        String name = "cql" + params.size();
        params.put(name, value);
        return new Operand("cast(:" + name + " as " + type.sqlCast() + ")", type);
    }

    /** SQL for a geometry: the collection's geometry (a queryable of type GEOMETRY) or a literal, in EPSG:4549. */
    private String geometry(Cql2 node, String op) {
        if (node instanceof Cql2.Geometry g) {
            org.locationtech.jts.geom.Geometry geometry = g.value();
            int srid = geometry.getSRID();
            if (srid == 4326 || srid == 4490) {
                geometry = Densifier.densify(geometry, DENSIFY_DEGREES);
            }
            String wkt = "cql" + params.size();
            params.put(wkt, new WKTWriter().write(geometry));
            String sridName = "cql" + params.size();
            params.put(sridName, srid);
            return "ST_Transform(ST_GeomFromText(cast(:" + wkt + " as text), cast(:" + sridName + " as integer)), 4549)";
        }
        if (node instanceof Cql2.Property p) {
            Queryable q = queryables.get(p.name());
            if (q != null && q.type() == Queryable.Type.GEOMETRY) {
                return q.sql();
            }
            operand(p, null);   // unknown: a 400 naming it
        }
        throw CqlError.at(node.at(), op + " 的两边须是几何属性或几何", "both sides of " + op
                + " must be the geometry property or a geometry");
    }

    /** A period's start and end in SQL: an interval, a day, or a date property (its day). */
    private String[] period(Cql2 node, String op) {
        if (node instanceof Cql2.Interval i) {
            return new String[] {end(i.start(), "'-infinity'::date", op), end(i.end(), "'infinity'::date", op)};
        }
        if (node instanceof Cql2.Open) {
            throw CqlError.at(node.at(), "'..' 只能作区间的一端", "'..' may only end an interval");
        }
        String day = end(node, null, op);
        return new String[] {day, day};
    }

    private String end(Cql2 node, String open, String op) {
        if (node instanceof Cql2.Open && open != null) {
            return open;
        }
        Operand o = operand(node, Queryable.Type.DATE);
        if (o.type() != Queryable.Type.DATE) {
            throw CqlError.at(node.at(), op + " 只比较日期、区间和日期属性", op + " compares dates, intervals and date "
                    + "properties only");
        }
        return o.sql();
    }

}
