package com.landrenew.finder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.finder.FinderRepository.Candidate;
import com.landrenew.geo.ChinaTime;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Finds available land for an enterprise's needs: single parcels and combined sites, ranked. */
@Service
class FinderService {

    private final FinderRepository finder;
    private final ObjectMapper json;

    FinderService(FinderRepository finder, ObjectMapper json) {
        this.finder = finder;
        this.json = json;
    }

    /** Both statements read one snapshot, so the ranked results and their GeoJSON agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    String find(FinderQuery query) {
        String use = query.use() == null ? null : finder.landUse(query.use())
                .orElseThrow(() -> new BadRequestException("use：未知的用地分类代码 '" + Excerpt.of(query.use()) + "'（GET /api/land-uses 的代码，如 1001、100102，或 GB 50137"
                        + " 代码如 M2）。use: unknown land-use code '" + Excerpt.of(query.use())
                        + "' (a code of GET /api/land-uses, e.g. 1001 or 100102, or a GB 50137 code such as M2)."));
        if (query.zone() != null && !finder.zoneExists(query.zone())) {
            throw new BadRequestException("zone：没有代码为 '" + Excerpt.of(query.zone()) + "' 的开发区。zone: unknown zone '"
                    + Excerpt.of(query.zone()) + "'.");
        }
        if (query.block() != null && !finder.blockExists(query.zone(), query.block())) {
            throw new BadRequestException("block：" + (query.zone() == null ? "" : "开发区 '" + Excerpt.of(query.zone()) + "' 中") + "没有区块 '"
                    + Excerpt.of(query.block()) + "'。block: unknown block '" + Excerpt.of(query.block()) + "'"
                    + (query.zone() == null ? "" : " in zone '" + Excerpt.of(query.zone()) + "'") + ".");
        }
        if (query.emission() != null && !finder.emissionStandardExists(query.emission())) {
            throw new BadRequestException("emission：未知的排放标准 '" + Excerpt.of(query.emission()) + "'（见 GET /api/emission-standards）。"
                    + "emission: unknown emission class '" + Excerpt.of(query.emission()) + "' (see GET /api/emission-standards).");
        }
        List<Candidate> candidates = finder.candidates(query, use);
        BigDecimal min = query.minMu() == null ? null : BigDecimal.valueOf(query.minMu());
        BigDecimal max = query.maxMu() == null ? null : BigDecimal.valueOf(query.maxMu());
        List<Ranking> results = new ArrayList<>();
        for (Candidate c : candidates) {
            if ((min == null || c.mu().compareTo(min) >= 0) && (max == null || c.mu().compareTo(max) <= 0)) {
                results.add(Ranking.of(List.of(c), query.targetMu(), ChinaTime.today()));
            }
        }
        if (query.combine() && min != null) {
            for (List<Candidate> site : CombinedSites.grow(candidates, min, max, query.targetMu(), query.near() != null)) {
                results.add(Ranking.of(site, query.targetMu(), ChinaTime.today()));
            }
        }
        results.sort(Ranking.ORDER);
        List<Map<String, Object>> chosen = new ArrayList<>();
        for (Ranking r : results.subList(0, Math.min(query.limit(), results.size()))) {
            Map<String, Object> ranking = new LinkedHashMap<>();
            ranking.put("score", round(r.score()));
            ranking.put("areaFit", r.areaFit() == null ? null : round(r.areaFit()));
            ranking.put("waitDays", r.waitDays());
            chosen.add(Map.of("parcels", r.parcels().stream().map(Candidate::id).toList(), "ranking", ranking));
        }
        return finder.resultsAsGeoJson(json.writeValueAsString(chosen), results.size(), query);
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
