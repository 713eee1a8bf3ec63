package com.landrenew.ogc.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reader of CQL2 JSON ({@code {"op": "=", "args": [{"property": "state"}, "supplied"]}}) into the
 * same tree as {@link Cql2Text}; an error names the member it found it at ({@code args[1]}). Bounded as
 * the text is: length, terms and nesting.
 */
final class Cql2Json {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FilterGeometry geometries;
    private int nodes;

    private Cql2Json(FilterGeometry geometries) {
        this.geometries = geometries;
    }

    static Cql2 parse(String text, FilterGeometry geometries) {
        if (text.length() > Cql2Text.MAX_LENGTH) {
            throw CqlError.at(0, "长度 " + text.length() + " 超过上限 " + Cql2Text.MAX_LENGTH + " 个字符",
                    "it is " + text.length() + " characters long; at most " + Cql2Text.MAX_LENGTH + " are accepted");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : "（第 " + e.getLocation().getColumnNr() + " 列）";
            String whereEn = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            throw CqlError.at(0, "不是可读的 JSON" + where, "it is not readable JSON" + whereEn + ": "
                    + CqlError.excerpt(e.getOriginalMessage()));
        }
        return new Cql2Json(geometries).bool(root, "filter", 0);
    }

    private Cql2 bool(JsonNode node, String where, int depth) {
        if (depth > Cql2Text.MAX_DEPTH) {
            throw bad(where, "嵌套超过 " + Cql2Text.MAX_DEPTH + " 层", "it nests deeper than " + Cql2Text.MAX_DEPTH + " levels");
        }
        if (node != null && node.isBoolean()) {
            return count(new Cql2.Bool(node.booleanValue(), 0));
        }
        if (node == null || !node.isObject() || !node.path("op").isString() || !node.path("args").isArray()) {
            throw bad(where, "应是带 op 和 args 的对象", "expected an object with op and args");
        }
        String op = node.get("op").asString().toLowerCase(Locale.ROOT);
        JsonNode args = node.get("args");
        String a = where + ".args";
        switch (op) {
            case "and", "or" -> {
                if (args.size() < 2) {
                    throw bad(a, op + " 至少需要两项", op + " needs two terms or more");
                }
                List<Cql2> terms = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    terms.add(bool(args.get(i), a + "[" + i + "]", depth + 1));
                }
                return count(new Cql2.Logical(op.equals("and"), terms));
            }
            case "not" -> {
                arity(args, 1, a, op);
                return count(new Cql2.Not(bool(args.get(0), a + "[0]", depth + 1)));
            }
            case "=", "<>", "<", "<=", ">", ">=" -> {
                arity(args, 2, a, op);
                return count(new Cql2.Compare(op, scalar(args.get(0), a + "[0]"), scalar(args.get(1), a + "[1]"), 0));
            }
            case "like" -> {
                arity(args, 2, a, op);
                return count(new Cql2.Like(scalar(args.get(0), a + "[0]"), scalar(args.get(1), a + "[1]"), false, 0));
            }
            case "between" -> {
                arity(args, 3, a, op);
                return count(new Cql2.Between(scalar(args.get(0), a + "[0]"), scalar(args.get(1), a + "[1]"),
                        scalar(args.get(2), a + "[2]"), 0));
            }
            case "in" -> {
                arity(args, 2, a, op);
                if (!args.get(1).isArray() || args.get(1).isEmpty()) {
                    throw bad(a + "[1]", "in 的第二项应是非空数组", "the second argument of in must be a non-empty array");
                }
                List<Cql2> list = new ArrayList<>();
                for (int i = 0; i < args.get(1).size(); i++) {
                    list.add(scalar(args.get(1).get(i), a + "[1][" + i + "]"));
                }
                return count(new Cql2.In(scalar(args.get(0), a + "[0]"), list, 0));
            }
            case "isnull" -> {
                arity(args, 1, a, op);
                return count(new Cql2.IsNull(scalar(args.get(0), a + "[0]"), 0));
            }
            default -> {
                String upper = op.toUpperCase(Locale.ROOT);
                if (Cql2Text.SPATIAL.contains(upper) || Cql2Text.TEMPORAL.contains(upper)) {
                    arity(args, 2, a, op);
                    Cql2 left = scalar(args.get(0), a + "[0]");
                    Cql2 right = scalar(args.get(1), a + "[1]");
                    return count(Cql2Text.SPATIAL.contains(upper) ? new Cql2.Spatial(upper, left, right, 0)
                            : new Cql2.Temporal(upper, left, right, 0));
                }
                throw bad(where + ".op", "不支持的运算 '" + CqlError.excerpt(op) + "'", "the operation '"
                        + CqlError.excerpt(op) + "' is not supported");
            }
        }
    }

    private Cql2 scalar(JsonNode node, String where) {
        if (node.isString()) {
            return count(new Cql2.Text(node.asString(), 0));
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw bad(where, "数超出范围", "the number is out of range");
            }
            return count(new Cql2.Number(value, 0));
        }
        if (node.isBoolean()) {
            return count(new Cql2.Bool(node.booleanValue(), 0));
        }
        if (node.isObject()) {
            if (node.path("property").isString()) {
                return count(new Cql2.Property(node.get("property").asString(), 0));
            }
            if (node.path("date").isString()) {
                return count(new Cql2.Day(day(node.get("date").asString(), where), 0));
            }
            if (node.path("timestamp").isString()) {
                return count(new Cql2.Day(day(node.get("timestamp").asString(), where), 0));
            }
            if (node.path("interval").isArray() && node.get("interval").size() == 2) {
                return count(new Cql2.Interval(instant(node.get("interval").get(0), where + ".interval[0]"),
                        instant(node.get("interval").get(1), where + ".interval[1]"), 0));
            }
            if (node.path("bbox").isArray()) {
                double[] c = new double[node.get("bbox").size()];
                for (int i = 0; i < c.length; i++) {
                    if (!node.get("bbox").get(i).isNumber()) {
                        throw bad(where + ".bbox", "应全是数", "must be numbers");
                    }
                    c[i] = node.get("bbox").get(i).doubleValue();
                }
                return count(new Cql2.Geometry(within(where, () -> geometries.bbox(c, 0)), 0));
            }
            if (node.path("type").isString() && node.has("coordinates") || node.has("geometries")) {
                return count(new Cql2.Geometry(within(where, () -> geometries.geoJson(node.toString(), 0)), 0));
            }
        }
        throw bad(where, "应是属性、值或几何", "expected a property, a value or a geometry");
    }

    private Cql2 instant(JsonNode node, String where) {
        if (node.isString()) {
            return node.asString().equals("..") ? new Cql2.Open(0) : new Cql2.Day(day(node.asString(), where), 0);
        }
        Cql2 end = scalar(node, where);
        if (!(end instanceof Cql2.Day) && !(end instanceof Cql2.Property)) {
            throw bad(where, "区间的两端须是日期、'..' 或属性", "the ends of an interval must be dates, '..' or properties");
        }
        return end;
    }

    private static java.time.LocalDate day(String value, String where) {
        return within(where, () -> Days.parse(value, 0));
    }

    /** Runs a check whose 400 does not know where it is, adding the member. */
    private static <T> T within(String where, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (com.landrenew.web.BadRequestException e) {
            throw new com.landrenew.web.BadRequestException(e.getMessage() + "（" + where + "）");
        }
    }

    private static void arity(JsonNode args, int n, String where, String op) {
        if (args.size() != n) {
            throw bad(where, op + " 需要 " + n + " 项，却有 " + args.size() + " 项", op + " takes " + n
                    + " arguments, got " + args.size());
        }
    }

    private <T extends Cql2> T count(T node) {
        if (++nodes > Cql2Text.MAX_NODES) {
            throw CqlError.at(0, "节点超过 " + Cql2Text.MAX_NODES + " 个", "it has more than " + Cql2Text.MAX_NODES + " terms");
        }
        return node;
    }

    private static com.landrenew.web.BadRequestException bad(String where, String zh, String en) {
        return CqlError.at(0, where + " " + zh, "at " + where + ", " + en);
    }
}
