package com.landrenew.geo;

import com.landrenew.web.BadRequestException;

/** A longitude/latitude bounding box as given in a {@code bbox=minLon,minLat,maxLon,maxLat} parameter. */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

    /** Parses and checks a bbox parameter, naming what is wrong in the 400 it raises. */
    public static Bbox parse(String parameter, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new BadRequestException("参数 " + parameter + " 应为 最小经度,最小纬度,最大经度,最大纬度（4 个数）。" + parameter
                    + " must be minLon,minLat,maxLon,maxLat (4 numbers), got: " + text);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("参数 " + parameter + " 的第 " + (i + 1) + " 个值不是数：'" + parts[i] + "'。" + parameter + " value " + (i + 1)
                        + " is not a number: '" + parts[i] + "'");
            }
            if (!Double.isFinite(v[i])) {
                throw new BadRequestException("参数 " + parameter + " 的第 " + (i + 1) + " 个值须为有限数。" + parameter + " value " + (i + 1) + " must be finite");
            }
        }
        Bbox box = new Bbox(v[0], v[1], v[2], v[3]);
        if (box.minLon < -180 || box.maxLon > 180 || box.minLat < -90 || box.maxLat > 90) {
            throw new BadRequestException("参数 " + parameter + " 须为 WGS84 经纬度（度）。" + parameter + " must be longitude/latitude in degrees (WGS84): " + text);
        }
        if (box.minLon >= box.maxLon || box.minLat >= box.maxLat) {
            throw new BadRequestException("参数 " + parameter + " 的范围颠倒或为空：最小值须小于最大值。" + parameter
                    + " is inverted or empty: min must be less than max: " + text);
        }
        return box;
    }

    /** The part of this box inside {@code other}, or empty when they do not meet. */
    public java.util.Optional<Bbox> intersection(Bbox other) {
        double west = Math.max(minLon, other.minLon);
        double south = Math.max(minLat, other.minLat);
        double east = Math.min(maxLon, other.maxLon);
        double north = Math.min(maxLat, other.maxLat);
        return west < east && south < north ? java.util.Optional.of(new Bbox(west, south, east, north))
                : java.util.Optional.empty();
    }
}
