package com.landrenew.ogc.cql;

import com.landrenew.web.BadRequestException;

/** The 400s of a filter, Chinese first: where it is wrong (a character position in text, a member in JSON). */
final class CqlError {

    private CqlError() {
    }

    /** {@code at} counts characters from 1; 0 when the filter is JSON (the message then names the member). */
    static BadRequestException at(int at, String zh, String en) {
        if (at <= 0) {
            return new BadRequestException("过滤条件（filter）有误：" + zh + "。filter is not valid: " + en);
        }
        return new BadRequestException("过滤条件（filter）第 " + at + " 个字符处有误：" + zh + "。filter is not valid at "
                + "character " + at + ": " + en);
    }

    /** A piece of the filter for a message, cut short. */
    static String excerpt(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
