package com.landrenew.evaluation;

import org.springframework.stereotype.Component;

/** The scheme's floor of 亩均税收 (万元/亩) for a zone and year, or null when the scheme sets none. */
@Component
class SchemeFloor {

    Double taxFloor(String zone, int year) {
        return null;
    }
}
