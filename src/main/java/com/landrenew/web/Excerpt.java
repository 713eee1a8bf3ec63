package com.landrenew.web;

/**
 * What an answer may show of a value the client sent (a file's property, a parameter, a request field):
 * at most 40 characters by default, control characters escaped. A refused input must not be a way to read
 * a file back through our messages, nor to put control characters into them.
 */
public final class Excerpt {

    public static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    public static String of(String value) {
        return of(value, MAX_CHARS);
    }

    /** At most {@code maxChars} characters of {@code value} (longer for messages that quote several values). */
    public static String of(String value, int maxChars) {
        if (value == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder();
        int taken = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            if (taken == maxChars) {
                return shown.append('…').toString();
            }
            int c = value.codePointAt(i);
            if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
            taken++;
        }
        return shown.toString();
    }
}
