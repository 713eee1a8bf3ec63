package com.landrenew.web;

/**
 * One page of a list: at most {@code limit} items after skipping {@code offset}. Every paged endpoint
 * checks its parameters here: a limit is a whole number from 1 to the endpoint's maximum, an offset is
 * not negative; anything else is a 400 naming the parameter.
 */
public record Paging(int limit, int offset) {

    /** The checked page; {@code maxLimit} is the endpoint's largest page. */
    public static Paging of(int limit, int offset, int maxLimit) {
        return new Paging(limit(limit, maxLimit), offset(offset));
    }

    /** The limit, checked (for endpoints without an offset; a number read as a double must be whole). */
    public static int limit(double limit, int maxLimit) {
        // NaN fails the first test too
        if (limit != Math.rint(limit) || limit < 1 || limit > maxLimit) {
            throw new BadRequestException("limit 须为 1 到 " + maxLimit + " 之间的整数。limit must be a whole number from 1 to "
                    + maxLimit + ", got " + shown(limit));
        }
        return (int) limit;
    }

    /** The offset, checked. */
    public static int offset(int offset) {
        if (offset < 0) {
            throw new BadRequestException("offset 不能为负数。offset must not be negative, got " + offset);
        }
        return offset;
    }

    private static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
