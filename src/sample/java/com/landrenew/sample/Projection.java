package com.landrenew.sample;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/** CGCS2000 lon/lat to and from EPSG:4549 (3-degree Gauss-Krüger, CM 120E) metres. */
final class Projection {

    static final String EPSG_4549 =
            "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    private static final String CGCS2000_GEOGRAPHIC = "+proj=longlat +ellps=GRS80 +no_defs";

    private final CoordinateTransform toPlane;
    private final CoordinateTransform toLonLat;

    Projection() {
        CRSFactory crs = new CRSFactory();
        CoordinateReferenceSystem geographic = crs.createFromParameters("CGCS2000", CGCS2000_GEOGRAPHIC);
        CoordinateReferenceSystem plane = crs.createFromParameters("EPSG:4549", EPSG_4549);
        CoordinateTransformFactory transforms = new CoordinateTransformFactory();
        toPlane = transforms.createTransform(geographic, plane);
        toLonLat = transforms.createTransform(plane, geographic);
    }

    /** Easting (x) and northing (y) in metres of a point given in degrees. */
    Coordinate toPlane(double lon, double lat) {
        ProjCoordinate out = toPlane.transform(new ProjCoordinate(lon, lat), new ProjCoordinate());
        return new Coordinate(out.x, out.y);
    }

    /** Longitude (x) and latitude (y) in degrees of a point given in EPSG:4549 metres. */
    Coordinate toLonLat(double x, double y) {
        ProjCoordinate out = toLonLat.transform(new ProjCoordinate(x, y), new ProjCoordinate());
        return new Coordinate(out.x, out.y);
    }
}
