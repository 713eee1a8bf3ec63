package com.landrenew.ogc.cql;

import com.landrenew.web.BadRequestException;

/** The {@code filter} parameter read in its language ({@code filter-lang}) into a tree. */
public final class Cql2Parser {

    /** cql2-text by default; cql-text is what GDAL 3.6 sends (the draft's name, the same text for what it writes). */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("cql2-text", "cql2-json", "cql-text");

    /** The most positions a filter geometry may have: a search area, not an outline. */
    public static final int MAX_VERTICES = 1_000;

    private Cql2Parser() {
    }

    public static Cql2 parse(String filter, String language, FilterCrs crs) {
        if (filter.indexOf('\0') >= 0) {
            throw CqlError.at(filter.indexOf('\0') + 1, "含 NUL 字符", "it contains a NUL character");
        }
        FilterGeometry geometries = new FilterGeometry(crs, MAX_VERTICES);
        String lang = language == null ? "cql2-text" : language.strip();
        return switch (lang) {
            case "cql2-text", "cql-text" -> Cql2Text.parse(filter, geometries);
            case "cql2-json" -> Cql2Json.parse(filter, geometries);
            default -> throw new BadRequestException("filter-lang 须是 " + String.join("、", LANGUAGES) + " 之一。filter-lang "
                    + "must be one of " + String.join(", ", LANGUAGES) + ", got: '" + CqlError.excerpt(lang) + "'");
        };
    }
}
