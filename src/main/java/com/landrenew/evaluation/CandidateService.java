package com.landrenew.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.landrenew.geo.ChinaTime;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The candidates for renewal after a year's evaluation, grouped per block. */
@Service
@Transactional(readOnly = true)
class CandidateService {

    private final CandidateRepository candidates;
    private final ZoneYear zones;
    private final SchemeFloor floors;

    CandidateService(CandidateRepository candidates, ZoneYear zones, SchemeFloor floors) {
        this.candidates = candidates;
        this.zones = zones;
        this.floors = floors;
    }

    Candidates candidates(String zone, Integer year, String classes) {
        ZoneYear.Zone z = zones.zone(zone);
        int y = ZoneYear.year(year);
        List<String> asked = classes(classes);
        var today = ChinaTime.today();
        List<CandidateRepository.Row> rows = candidates.find(z.code(), y, asked.contains("C"), floors.taxFloor(z.code(), y),
                today);
        Map<String, List<CandidateRepository.Row>> byBlock = new LinkedHashMap<>();
        for (CandidateRepository.Row row : rows) {
            byBlock.computeIfAbsent(row.block() == null ? "" : row.block(), b -> new ArrayList<>()).add(row);
        }
        List<Candidates.Block> blocks = new ArrayList<>();
        for (List<CandidateRepository.Row> inBlock : byBlock.values()) {
            List<Candidates.Parcel> parcels = inBlock.stream().map(CandidateRepository.Row::parcel).toList();
            blocks.add(new Candidates.Block(inBlock.get(0).block(), inBlock.get(0).blockName(), parcels.size(),
                    mu(parcels), parcels));
        }
        List<Candidates.Parcel> all = rows.stream().map(CandidateRepository.Row::parcel).toList();
        return new Candidates(z.code(), y, asked, today, all.size(), mu(all), blocks);
    }

    /** D always; C when asked: "D", "D,C" or "C" (read as C and D). */
    static List<String> classes(String classes) {
        TreeSet<String> asked = new TreeSet<>(List.of("D"));
        if (classes != null && !classes.isBlank()) {
            for (String c : classes.split(",")) {
                String one = c.strip().toUpperCase(java.util.Locale.ROOT);
                if (!one.equals("C") && !one.equals("D")) {
                    throw new BadRequestException("classes 只能是 D 或 C：'" + Excerpt.of(c) + "'。"
                            + "classes may name D and C only: '" + Excerpt.of(c) + "'.");
                }
                asked.add(one);
            }
        }
        return List.copyOf(asked.descendingSet());
    }

    private static double mu(List<Candidates.Parcel> parcels) {
        // to_mu rounds each parcel to 4 places; the sum is kept to the same places.
        return Math.round(parcels.stream().mapToDouble(Candidates.Parcel::mu).sum() * 10000) / 10000.0;
    }
}
