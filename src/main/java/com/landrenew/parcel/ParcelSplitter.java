package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Splits a parcel (分宗) by a line, all or nothing: the line cuts the outline in EPSG:4549 (ST_Split);
 * each part becomes a child parcel with the parent's state, land use, block, holder, lease, planning
 * limits, readiness facts and standard-land conditions, and the buildings standing on it. The parent is
 * retired (kept in parcel_all with its ledger). A child's ledger starts with an event from nothing to
 * the parent's state, so the split frees no land: the tally keeps counting the parent as it was.
 */
@Service
class ParcelSplitter {

    private final LineageRepository lineage;
    private final OutlineCheck outlines;
    private final ParcelLookup lookup;
    private final Actor actor;
    private final ApplicationEventPublisher events;

    ParcelSplitter(LineageRepository lineage, OutlineCheck outlines, ParcelLookup lookup, Actor actor,
            ApplicationEventPublisher events) {
        this.lineage = lineage;
        this.outlines = outlines;
        this.lookup = lookup;
        this.actor = actor;
        this.events = events;
    }

    /** Splits and answers the operation (parents, children with their areas) as JSON. */
    @Transactional
    String split(String zone, String code, SplitRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 请求体，含版本号 version 和分割线 line（CRS84 的 GeoJSON LineString）。A JSON body with version"
                    + " and line (a GeoJSON LineString in CRS84) is required.");
        }
        int version = LineageChecks.version("version", request.version());
        actor.attributeWritesToCurrentUser();
        String who = actor.name();
        LocalDate date = LineageChecks.effectiveDate(request.effectiveDate());
        String blade = outlines.readLine("line", request.line());

        LineageRepository.Locked parent = lineage.locked(List.of(lookup.toChange(zone, code).id())).get(0);
        LineageChecks.versions(zone, Map.of(code, version), List.of(parent));
        LineageChecks.notPromised(List.of(parent));
        LineageChecks.notBeforeLastEvent(date, List.of(parent));

        List<Map.Entry<String, Double>> pieces = lineage.pieces(parent.id(), blade);
        if (pieces.size() <= lineage.polygonCount(parent.id())) {
            throw new BadRequestException("分割线没有把宗地 " + code + " 分成两块或更多：请从宗地一边之外画到另一边之外。Line does not cut parcel "
                    + code + " into two or more parts: draw it across the parcel, from outside one edge to outside another.");
        }
        String areas = pieces.stream().map(p -> String.format("%.1f m²", p.getValue())).collect(Collectors.joining(", "));
        for (Map.Entry<String, Double> piece : pieces) {
            if (piece.getValue() < outlines.toleranceM2()) {
                throw new BadRequestException("分割线把宗地 " + code + " 分成 " + areas + "；每块至少 " + outlines.toleranceM2()
                        + " 平方米。Line cuts parcel " + code + " into parts of " + areas + "; a part must be at least "
                        + outlines.toleranceM2() + " m².");
            }
        }
        List<String> codes = request.codes() == null || request.codes().isEmpty()
                ? IntStream.rangeClosed(1, pieces.size()).mapToObj(i -> code + "-" + i).toList()
                : request.codes().stream().map(c -> c == null ? null : c.strip()).toList();
        if (codes.size() != pieces.size()) {
            throw new BadRequestException("codes：分割线把宗地 " + code + " 分成 " + pieces.size() + " 块（" + areas + "，从大到小），需要 " + pieces.size()
                    + " 个代码，收到 " + codes.size() + " 个。codes: the line cuts parcel " + code + " into " + pieces.size()
                    + " parts (" + areas + ", largest first), so " + pieces.size() + " codes are needed, got " + codes.size() + ".");
        }
        lineage.checkNewCodes(parent.zoneId(), "codes", codes);

        String reason = "分宗 split from " + code + (request.reason() == null || request.reason().isBlank() ? ""
                : "：" + request.reason().strip());
        List<Long> children = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            long child = lineage.insertChild(parent.id(), codes.get(i), pieces.get(i).getKey());
            lineage.startLedger(child, parent.state(), date, who, reason);
            children.add(child);
        }
        lineage.retire(List.of(parent.id()), date);
        for (long child : children) {
            lineage.recordLineage(parent.id(), child, "split", date, who, blankToNull(request.reason()));
            lineage.copyConditions(List.of(parent.id()), child);
        }
        lineage.moveBuildings(List.of(parent.id()), children);
        // The map's cached tiles of the parent's outline (and so of every child) go once this commits.
        events.publishEvent(new ParcelChanged(parent.id()));
        children.forEach(child -> events.publishEvent(new ParcelChanged(child)));
        return lineage.answer("split", parent.zoneId(), date, List.of(parent.id()), children);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
