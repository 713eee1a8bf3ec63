package com.landrenew.scene;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.landrenew.geo.Bbox;
import com.landrenew.parcel.ParcelLookup;
import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.GeoJson;
import com.landrenew.web.Paging;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The 3D view's scene of a parcel and its surroundings, and building footprints for the map's 2.5D layer. */
@RestController
@RequestMapping("/api")
class SceneController {

    static final double MIN_RADIUS = 50;
    static final double MAX_RADIUS = 1000;
    static final int MAX_BUILDINGS = 10_000;
    /** A combined site the finder offers has a handful of parcels; this is far above any. */
    static final int MAX_SITE_PARCELS = 50;

    private final SceneRepository scenes;
    private final BuildingRepository buildings;

    private final ParcelLookup lookup;

    SceneController(SceneRepository scenes, BuildingRepository buildings, ParcelLookup lookup) {
        this.scenes = scenes;
        this.buildings = buildings;
        this.lookup = lookup;
    }

    @GetMapping("/parcels/{zone}/{code}/scene")
    ResponseEntity<String> scene(@PathVariable String zone, @PathVariable String code,
            @RequestParam(defaultValue = "300") double radius, @RequestParam(required = false) String site) {
        if (!(radius >= MIN_RADIUS && radius <= MAX_RADIUS)) {
            throw new BadRequestException("参数 radius 应在 " + (int) MIN_RADIUS + " 到 " + (int) MAX_RADIUS + " 米之间，收到 " + radius
                    + "。radius must be from " + (int) MIN_RADIUS + " to " + (int) MAX_RADIUS + " metres, got " + radius);
        }
        List<Long> subject = new ArrayList<>();
        subject.add(lookup.current(zone, code).id());
        for (String other : siteCodes(site, code)) {
            subject.add(lookup.current(zone, other).id());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(scenes.scene(subject, radius, Viewer.current()));
    }

    /** The other parcels of a combined site ({@code site=A,B,…}, the parcel itself may be among them). */
    private static List<String> siteCodes(String site, String code) {
        if (site == null || site.isBlank()) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String part : site.split(",")) {
            if (!part.isBlank()) {
                codes.add(part.strip());
            }
        }
        if (codes.size() > MAX_SITE_PARCELS) {
            throw new BadRequestException("组合地块最多 " + MAX_SITE_PARCELS + " 宗，收到 " + codes.size()
                    + " 宗。A combined site has at most " + MAX_SITE_PARCELS + " parcels, got " + codes.size() + ".");
        }
        codes.remove(code);
        return List.copyOf(codes);
    }

    @GetMapping("/buildings")
    ResponseEntity<String> buildings(@RequestParam String bbox, @RequestParam(defaultValue = "3000") int limit) {
        return GeoJson.ok(buildings.buildingsInBox(Bbox.parse("bbox", bbox), Paging.limit(limit, MAX_BUILDINGS),
                Viewer.current()));
    }
}
