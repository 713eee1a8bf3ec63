package com.landrenew.geo;

/**
 * An area in the three units our users read. The conversion itself is done in SQL (to_mu, to_ha,
 * area_json in the schema), so every figure LandRenew prints is rounded the same way.
 */
public record Area(double m2, double mu, double ha) {
}
