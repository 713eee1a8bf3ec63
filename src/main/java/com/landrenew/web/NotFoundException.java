package com.landrenew.web;

/** An id in the request names nothing stored: answered with 404 and this message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    /** No zone has this code (quoted as an excerpt: it is what the request said). */
    public static NotFoundException zone(String code) {
        return new NotFoundException("没有代码为 '" + Excerpt.of(code) + "' 的开发区。No zone with code '" + Excerpt.of(code) + "'.");
    }

    /** The zone has no block with this code. */
    public static NotFoundException block(String zone, String block) {
        return new NotFoundException("开发区 '" + Excerpt.of(zone) + "' 中没有地块单元（区块）'" + Excerpt.of(block) + "'。No block '"
                + Excerpt.of(block) + "' in zone '" + Excerpt.of(zone) + "'.");
    }
}
