package com.landrenew.sample;

import java.time.LocalDate;

import com.landrenew.sample.Enterprises.Enterprise;
import com.landrenew.sample.SampleSpecs.BlockSpec;
import com.landrenew.sample.SampleSpecs.ZoneSpec;
import org.locationtech.jts.geom.Polygon;

/**
 * One parcel (宗地) as the sample writes it. {@code streetBlock} numbers the street block of its block
 * that it lies in (renewal goes street block by street block); it is not written out.
 */
record Parcel(ZoneSpec zone, BlockSpec block, int streetBlock, String code, Polygon geometry, String landUse,
              String state, Enterprise holder, LocalDate leaseStart, LocalDate leaseEnd,
              Double farMin, Double farMax, Double heightLimit) {

    static final String HOUSING = "0701";
    static final String GREEN = "1402";

    boolean isHousing() {
        return landUse.equals(HOUSING);
    }

    boolean isGreen() {
        return landUse.equals(GREEN);
    }

    boolean isIndustrial() {
        return landUse.startsWith("1001") || landUse.startsWith("1101");
    }

    double mu() {
        return geometry.getArea() / BlockLayout.MU;
    }

    /** The same parcel in another state, held by {@code holder} (or by no one) on the given lease. */
    Parcel with(String newState, Enterprise newHolder, LocalDate newLeaseStart, LocalDate newLeaseEnd) {
        return new Parcel(zone, block, streetBlock, code, geometry, landUse, newState, newHolder, newLeaseStart,
                newLeaseEnd, farMin, farMax, heightLimit);
    }
}
