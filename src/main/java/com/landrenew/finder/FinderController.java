package com.landrenew.finder;

import java.util.List;

import com.landrenew.parcel.ParcelLookup;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.GeoJson;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The land finder (一键找地), the named places to search near, and what the finder says of one parcel. */
@RestController
@RequestMapping("/api")
class FinderController {

    private final FinderService finder;
    private final FinderRepository repository;
    private final PlaceRepository places;

    private final ParcelLookup lookup;

    FinderController(FinderService finder, FinderRepository repository, PlaceRepository places, ParcelLookup lookup) {
        this.finder = finder;
        this.repository = repository;
        this.places = places;
        this.lookup = lookup;
    }

    @GetMapping("/finder")
    ResponseEntity<String> find(@RequestParam MultiValueMap<String, String> parameters) {
        return GeoJson.ok(finder.find(FinderQuery.parse(parameters)));
    }

    @GetMapping("/places")
    ResponseEntity<String> places(@RequestParam(required = false) String zone) {
        if (zone != null && !repository.zoneExists(zone)) {
            throw new BadRequestException("zone：没有代码为 '" + Excerpt.of(zone) + "' 的开发区。zone: unknown zone '" + Excerpt.of(zone) + "'.");
        }
        return GeoJson.ok(places.placesAsGeoJson(zone));
    }

    @GetMapping("/emission-standards")
    List<EmissionStandard> emissionStandards() {
        return repository.emissionStandards();
    }

    @GetMapping("/parcels/{zone}/{code}/standard-land")
    ResponseEntity<String> offer(@PathVariable String zone, @PathVariable String code) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(repository.offer(lookup.current(zone, code).id()));
    }
}
