package com.landrenew.ogc.cql;

/**
 * A property a filter may name: its name, its value type and the fixed SQL of its value for a feature
 * row (the same expression that serves it, so a filter sees exactly what the reader sees).
 */
public record Queryable(String name, Type type, String sql, String description) {

    public enum Type {
        STRING, NUMBER, INTEGER, BOOLEAN, DATE, GEOMETRY;

        boolean numeric() {
            return this == NUMBER || this == INTEGER;
        }

        boolean comparableWith(Type other) {
            return this == other || numeric() && other.numeric();
        }

        String sqlCast() {
            return switch (this) {
                case STRING -> "text";
                case NUMBER, INTEGER -> "double precision";
                case BOOLEAN -> "boolean";
                case DATE -> "date";
                case GEOMETRY -> "text";
            };
        }

        String zh() {
            return switch (this) {
                case STRING -> "文本";
                case NUMBER, INTEGER -> "数";
                case BOOLEAN -> "布尔值";
                case DATE -> "日期";
                case GEOMETRY -> "几何";
            };
        }

        String en() {
            return switch (this) {
                case STRING -> "text";
                case NUMBER, INTEGER -> "a number";
                case BOOLEAN -> "a boolean";
                case DATE -> "a date";
                case GEOMETRY -> "a geometry";
            };
        }
    }
}
