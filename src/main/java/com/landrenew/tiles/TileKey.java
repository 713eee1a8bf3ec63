package com.landrenew.tiles;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.NotFoundException;

/** One tile of one layer, in the Web Mercator tile grid (XYZ, y down from the north). */
record TileKey(TileLayer layer, int z, int x, int y) {

    /** Half the width of the Web Mercator world, in metres. */
    static final double HALF_WORLD = 20037508.342789244;

    /**
     * Checks an address from a URL: an impossible address (zoom beyond {@link TileLayer#MAX_ZOOM}, column or
     * row outside the zoom's grid) is a 400; a zoom the layer is not cut at is a 404.
     */
    static TileKey of(TileLayer layer, int z, int x, int y) {
        if (z < 0 || z > TileLayer.MAX_ZOOM) {
            throw new BadRequestException("缩放级别 z 须在 0 到 " + TileLayer.MAX_ZOOM + " 之间，收到 " + z + "。z must be between 0 and "
                    + TileLayer.MAX_ZOOM + ", got " + z + ".");
        }
        int size = 1 << z;
        if (x < 0 || x >= size) {
            throw new BadRequestException("x 在缩放级别 " + z + " 须在 0 到 " + (size - 1) + " 之间，收到 " + x + "。x must be between 0 and "
                    + (size - 1) + " at zoom " + z + ", got " + x + ".");
        }
        if (y < 0 || y >= size) {
            throw new BadRequestException("y 在缩放级别 " + z + " 须在 0 到 " + (size - 1) + " 之间，收到 " + y + "。y must be between 0 and "
                    + (size - 1) + " at zoom " + z + ", got " + y + ".");
        }
        if (z < layer.minZoom() || z > layer.maxZoom()) {
            throw new NotFoundException("图层 " + layer.id() + " 只有缩放级别 " + layer.minZoom() + " 到 " + layer.maxZoom() + " 的瓦片，没有 " + z
                    + "。Layer " + layer.id() + " has tiles at zooms " + layer.minZoom() + " to " + layer.maxZoom()
                    + ", not " + z + ".");
        }
        return new TileKey(layer, z, x, y);
    }

    /**
     * The tiles of one zoom that may draw something of the box (EPSG:3857): those whose buffer of
     * {@code margin} tiles meets it, as column and row ranges {minX, maxX, minY, maxY}.
     */
    static int[] covering(int z, MercatorBox box, double margin) {
        double size = 2 * HALF_WORLD / (1L << z);
        double pad = size * margin;
        int last = (1 << z) - 1;
        return new int[] {clamp((box.minX() - pad + HALF_WORLD) / size, last), clamp((box.maxX() + pad + HALF_WORLD) / size, last),
                clamp((HALF_WORLD - box.maxY() - pad) / size, last), clamp((HALF_WORLD - box.minY() + pad) / size, last)};
    }

    private static int clamp(double index, int last) {
        return (int) Math.max(0, Math.min(last, Math.floor(index)));
    }

    @Override
    public String toString() {
        return layer.id() + "/" + z + "/" + x + "/" + y;
    }
}
