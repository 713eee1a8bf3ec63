package com.landrenew.ogc.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser of CQL2 text (and of the older {@code cql-text} GDAL 3.6 sends, the same
 * for what GDAL writes): boolean logic, comparisons, LIKE, BETWEEN, IN, IS NULL, spatial and temporal
 * functions, DATE, TIMESTAMP, INTERVAL, WKT and BBOX. Every error is a 400 naming the character it
 * found it at. Bounded: length, number of nodes and nesting.
 */
final class Cql2Text {

    static final int MAX_LENGTH = 8_000;
    static final int MAX_NODES = 1_000;
    static final int MAX_DEPTH = 40;

    static final Set<String> SPATIAL = Set.of("S_INTERSECTS", "S_EQUALS", "S_DISJOINT", "S_TOUCHES", "S_WITHIN",
            "S_OVERLAPS", "S_CROSSES", "S_CONTAINS");
    static final Set<String> TEMPORAL = Set.of("T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING",
            "T_EQUALS", "T_FINISHEDBY", "T_FINISHES", "T_INTERSECTS", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY",
            "T_OVERLAPS", "T_STARTEDBY", "T_STARTS");
    private static final Set<String> WKT = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
            "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");

    private enum Kind { IDENT, QUOTED, STRING, NUMBER, SYMBOL, END }

    /** A token; {@code at} is its start, from 0. */
    private record Token(Kind kind, String text, int at) {
        boolean is(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        boolean symbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }
    }

    private final String text;
    private final FilterGeometry geometries;
    private int pos;
    private Token token;
    private int nodes;
    private int depth;

    private Cql2Text(String text, FilterGeometry geometries) {
        this.text = text;
        this.geometries = geometries;
    }

    static Cql2 parse(String text, FilterGeometry geometries) {
        if (text.length() > MAX_LENGTH) {
            throw CqlError.at(0, "长度 " + text.length() + " 超过上限 " + MAX_LENGTH + " 个字符",
                    "it is " + text.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        Cql2Text parser = new Cql2Text(text, geometries);
        parser.advance();
        if (parser.token.kind == Kind.END) {
            throw CqlError.at(0, "过滤条件为空", "the filter is empty");
        }
        Cql2 filter = parser.or();
        if (parser.token.kind != Kind.END) {
            throw parser.unexpected("运算符 AND、OR 或结尾", "AND, OR or the end of the filter");
        }
        return filter;
    }

    // ---------------------------------------------------------------- boolean structure

    private Cql2 or() {
        enter();
        List<Cql2> terms = new ArrayList<>(List.of(and()));
        while (token.is("OR")) {
            advance();
            terms.add(and());
        }
        depth--;
        return terms.size() == 1 ? terms.get(0) : node(new Cql2.Logical(false, terms));
    }

    private Cql2 and() {
        List<Cql2> terms = new ArrayList<>(List.of(not()));
        while (token.is("AND")) {
            advance();
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : node(new Cql2.Logical(true, terms));
    }

    private Cql2 not() {
        if (token.is("NOT")) {
            advance();
            enter();
            Cql2 term = not();
            depth--;
            return node(new Cql2.Not(term));
        }
        return primary();
    }

    private Cql2 primary() {
        if (token.symbol("(")) {
            advance();
            Cql2 inner = or();
            expect(")");
            return inner;
        }
        if (token.kind == Kind.IDENT) {
            String name = token.text.toUpperCase(Locale.ROOT);
            if (SPATIAL.contains(name) || TEMPORAL.contains(name)) {
                int at = token.at + 1;
                advance();
                expect("(");
                Cql2 left = scalar();
                expect(",");
                Cql2 right = scalar();
                expect(")");
                return node(SPATIAL.contains(name) ? new Cql2.Spatial(name, left, right, at)
                        : new Cql2.Temporal(name, left, right, at));
            }
        }
        Cql2 left = scalar();
        return predicate(left);
    }

    /** What follows a scalar: a comparison, LIKE, BETWEEN, IN, IS NULL, or nothing for a boolean literal. */
    private Cql2 predicate(Cql2 left) {
        int at = token.at + 1;
        if (token.kind == Kind.SYMBOL && (COMPARISONS.contains(token.text) || token.text.equals("!="))) {
            String op = token.text.equals("!=") ? "<>" : token.text;
            advance();
            return node(new Cql2.Compare(op, left, scalar(), at));
        }
        boolean negated = false;
        if (token.is("NOT")) {
            negated = true;
            advance();
        }
        Cql2 predicate;
        if (token.is("LIKE") || token.is("ILIKE")) {
            boolean ignoreCase = token.is("ILIKE");
            advance();
            predicate = new Cql2.Like(left, scalar(), ignoreCase, at);
        } else if (token.is("BETWEEN")) {
            advance();
            Cql2 low = scalar();
            if (!token.is("AND")) {
                throw unexpected("BETWEEN 的 AND", "the AND of BETWEEN");
            }
            advance();
            predicate = new Cql2.Between(left, low, scalar(), at);
        } else if (token.is("IN")) {
            advance();
            expect("(");
            List<Cql2> list = new ArrayList<>(List.of(scalar()));
            while (token.symbol(",")) {
                advance();
                list.add(scalar());
            }
            expect(")");
            predicate = new Cql2.In(left, list, at);
        } else if (!negated && token.is("IS")) {
            advance();
            if (token.is("NOT")) {
                negated = true;
                advance();
            }
            if (!token.is("NULL")) {
                throw unexpected("NULL", "NULL");
            }
            advance();
            predicate = new Cql2.IsNull(left, at);
        } else if (!negated && left instanceof Cql2.Bool) {
            return left;
        } else {
            throw unexpected("比较运算符、LIKE、BETWEEN、IN 或 IS NULL", "a comparison, LIKE, BETWEEN, IN or IS NULL");
        }
        node(predicate);
        return negated ? node(new Cql2.Not(predicate)) : predicate;
    }

    // ---------------------------------------------------------------- scalars and literals

    private Cql2 scalar() {
        Token t = token;
        int at = t.at + 1;
        switch (t.kind) {
            case STRING -> {
                advance();
                return node(new Cql2.Text(t.text, at));
            }
            case NUMBER -> {
                advance();
                return node(new Cql2.Number(number(t), at));
            }
            case QUOTED -> {
                advance();
                return node(new Cql2.Property(t.text, at));
            }
            case IDENT -> {
                return identifier(t);
            }
            default -> throw unexpected("属性名或值", "a property name or a value");
        }
    }

    private Cql2 identifier(Token t) {
        int at = t.at + 1;
        String name = t.text.toUpperCase(Locale.ROOT);
        if (WKT.contains(name)) {
            return node(new Cql2.Geometry(geometries.wkt(wkt(t), at), at));
        }
        advance();
        switch (name) {
            case "TRUE", "FALSE" -> {
                return node(new Cql2.Bool(name.equals("TRUE"), at));
            }
            case "DATE", "TIMESTAMP" -> {
                expect("(");
                Token value = string();
                expect(")");
                return node(new Cql2.Day(Days.parse(value.text, value.at + 1), at));
            }
            case "INTERVAL" -> {
                expect("(");
                Cql2 start = instant();
                expect(",");
                Cql2 end = instant();
                expect(")");
                return node(new Cql2.Interval(start, end, at));
            }
            case "BBOX" -> {
                expect("(");
                List<Double> c = new ArrayList<>();
                do {
                    if (!c.isEmpty()) {
                        advance();
                    }
                    if (token.kind != Kind.NUMBER) {
                        throw unexpected("数", "a number");
                    }
                    c.add(number(token));
                    advance();
                } while (token.symbol(",") && c.size() < 6);
                expect(")");
                return node(new Cql2.Geometry(geometries.bbox(c.stream().mapToDouble(Double::doubleValue).toArray(), at), at));
            }
            default -> {
                if (token.symbol("(")) {
                    throw CqlError.at(at, "不支持的函数 " + CqlError.excerpt(t.text), "the function "
                            + CqlError.excerpt(t.text) + " is not supported");
                }
                return node(new Cql2.Property(t.text, at));
            }
        }
    }

    /** An interval's end: '..', a date or timestamp string, DATE(…), TIMESTAMP(…) or a property. */
    private Cql2 instant() {
        if (token.kind == Kind.STRING) {
            Token t = token;
            advance();
            return node(t.text.equals("..") ? new Cql2.Open(t.at + 1) : new Cql2.Day(Days.parse(t.text, t.at + 1), t.at + 1));
        }
        Cql2 end = scalar();
        if (!(end instanceof Cql2.Day) && !(end instanceof Cql2.Property)) {
            throw CqlError.at(end.at(), "INTERVAL 的两端须是日期、'..' 或属性", "the ends of an INTERVAL must be "
                    + "dates, '..' or properties");
        }
        return end;
    }

    /** The WKT text from the keyword to its closing parenthesis (or EMPTY), then the token after it. */
    private String wkt(Token keyword) {
        int i = pos;
        int depth = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) {
                    i++;
                    break;
                }
                if (depth < 0) {
                    break;
                }
            } else if (depth == 0 && !Character.isLetter(c) && !Character.isWhitespace(c)) {
                break;
            }
        }
        if (depth != 0) {
            throw CqlError.at(keyword.at + 1, "WKT 几何的括号不配对", "the parentheses of the WKT geometry do not match");
        }
        String wkt = text.substring(keyword.at, i);
        pos = i;
        advance();
        return wkt;
    }

    private Token string() {
        if (token.kind != Kind.STRING) {
            throw unexpected("带引号的字符串", "a quoted string");
        }
        Token t = token;
        advance();
        return t;
    }

    private static double number(Token t) {
        double value = Double.parseDouble(t.text);
        if (!Double.isFinite(value)) {
            throw CqlError.at(t.at + 1, "数 " + CqlError.excerpt(t.text) + " 超出范围", "the number "
                    + CqlError.excerpt(t.text) + " is out of range");
        }
        return value;
    }

    // ---------------------------------------------------------------- tokens

    private void advance() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            token = new Token(Kind.END, "", start);
            return;
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            token = new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, quoted(c, start), start);
        } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < text.length()
                && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.'))) {
            pos++;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || ((text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) || ((text.charAt(pos) == '-'
                    || text.charAt(pos) == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
                pos++;
            }
            String number = text.substring(start, pos);
            if (!number.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                throw CqlError.at(start + 1, "无法读取数 " + CqlError.excerpt(number), "cannot read the number "
                        + CqlError.excerpt(number));
            }
            token = new Token(Kind.NUMBER, number, start);
        } else if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.' || text.charAt(pos) == ':')) {
                pos++;
            }
            token = new Token(Kind.IDENT, text.substring(start, pos), start);
        } else {
            String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
            if (two.equals("<>") || two.equals("<=") || two.equals(">=") || two.equals("!=")) {
                pos += 2;
                token = new Token(Kind.SYMBOL, two, start);
            } else if ("=<>(),".indexOf(c) >= 0) {
                pos++;
                token = new Token(Kind.SYMBOL, String.valueOf(c), start);
            } else {
                throw CqlError.at(start + 1, "无法识别的字符 '" + c + "'", "unexpected character '" + c + "'");
            }
        }
    }

    /** A quoted string or name; a doubled quote stands for one. */
    private String quoted(char quote, int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw CqlError.at(start + 1, "引号未闭合", "the quote is never closed");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    value.append(quote);
                    pos++;
                    continue;
                }
                return value.toString();
            }
            value.append(c);
        }
    }

    private void expect(String symbol) {
        if (!token.symbol(symbol)) {
            throw unexpected("'" + symbol + "'", "'" + symbol + "'");
        }
        advance();
    }

    private com.landrenew.web.BadRequestException unexpected(String zhExpected, String enExpected) {
        String found = token.kind == Kind.END ? "结尾" : "'" + CqlError.excerpt(token.text) + "'";
        String foundEn = token.kind == Kind.END ? "the end of the filter" : "'" + CqlError.excerpt(token.text) + "'";
        return CqlError.at(token.at + 1, "应为" + zhExpected + "，却是 " + found, "expected " + enExpected + ", found "
                + foundEn);
    }

    private <T extends Cql2> T node(T node) {
        if (++nodes > MAX_NODES) {
            throw CqlError.at(0, "节点超过 " + MAX_NODES + " 个", "it has more than " + MAX_NODES + " terms");
        }
        return node;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw CqlError.at(token.at + 1, "嵌套超过 " + MAX_DEPTH + " 层", "it nests deeper than " + MAX_DEPTH + " levels");
        }
    }
}
