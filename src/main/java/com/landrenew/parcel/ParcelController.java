package com.landrenew.parcel;

import java.util.List;

import com.landrenew.geo.Bbox;
import com.landrenew.web.GeoJson;
import com.landrenew.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class ParcelController {

    static final int MAX_LIMIT = 5000;

    private final ParcelRepository parcels;
    private final ParcelLookup lookup;

    ParcelController(ParcelRepository parcels, ParcelLookup lookup) {
        this.parcels = parcels;
        this.lookup = lookup;
    }

    @GetMapping("/parcels")
    ResponseEntity<String> parcels(@RequestParam String bbox,
            @RequestParam(required = false) String zone,
            @RequestParam(defaultValue = "1000") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        Paging page = Paging.of(limit, offset, MAX_LIMIT);
        return GeoJson.ok(parcels.parcelsInBox(Bbox.parse("bbox", bbox), zone, page.limit(), page.offset()));
    }

    @GetMapping("/parcels/{zone}/{code}")
    ResponseEntity<String> parcel(@PathVariable String zone, @PathVariable String code) {
        // The ETag is the parcel's version: an edit sends it back (If-Match) so nobody's change is overwritten.
        // A parcel a split or merge retired is 410 Gone, naming the parcels that replaced it.
        return ParcelVersions.withETag(parcels.parcelAsFeature(lookup.current(zone, code).id()));
    }

    @GetMapping("/states")
    List<LifeCycleState> states() {
        return parcels.states();
    }

    @GetMapping("/land-uses")
    List<LandUse> landUses() {
        return parcels.landUses();
    }
}
