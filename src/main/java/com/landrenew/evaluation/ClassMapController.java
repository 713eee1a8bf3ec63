package com.landrenew.evaluation;

import java.util.List;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.GeoJson;
import com.landrenew.web.NotFoundException;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The map's evaluation mode (staff only, as every class is): the parcels of a zone coloured by their
 * holder's class for a year, and the classes and scores over the years of a parcel's holder for its card.
 */
@RestController
@RequestMapping("/api/evaluations")
@Transactional(readOnly = true)
class ClassMapController {

    private final ClassMapRepository classes;
    private final ZoneYear zones;

    ClassMapController(ClassMapRepository classes, ZoneYear zones) {
        this.classes = classes;
        this.zones = zones;
    }

    @GetMapping("/class-map")
    ResponseEntity<String> classMap(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        return GeoJson.ok(classes.classes(zones.zone(zone).code(), ZoneYear.year(year)));
    }

    @GetMapping("/holder-history")
    List<ClassMapRepository.YearResult> holderHistory(@RequestParam(required = false) String zone,
            @RequestParam(required = false) String parcel) {
        ZoneYear.Zone z = zones.zone(zone);
        if (parcel == null || parcel.isBlank()) {
            throw new BadRequestException("缺少参数 parcel（宗地代码）。The parameter parcel (the parcel's code) is required.");
        }
        List<ClassMapRepository.YearResult> history = classes.history(z.code(), parcel);
        if (history.isEmpty() && !exists(z, parcel)) {
            throw new NotFoundException("开发区 " + z.code() + " 没有宗地 " + Excerpt.of(parcel) + "。No parcel "
                    + Excerpt.of(parcel) + " in zone " + z.code() + ".");
        }
        return history;
    }

    private boolean exists(ZoneYear.Zone zone, String parcel) {
        return zones.hasParcel(zone, parcel);
    }
}
