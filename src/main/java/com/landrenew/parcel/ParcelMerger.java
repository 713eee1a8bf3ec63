package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges neighbouring parcels of a zone (合宗), all or nothing. The parents must be current, in the same
 * life-cycle state and not held by two different enterprises, and must touch or lie within {@link #GAP_M}
 * of one another; the child's outline is their union with such gaps closed, held to the checks an
 * imported outline meets. The child takes the largest parent's attributes, the parents' buildings,
 * their readiness facts combined and the strictest of their standard-land conditions; the parents are
 * retired. The child's ledger starts in the parents' state, so the merge frees no land.
 */
@Service
class ParcelMerger {

    /** Parcels this close (m) count as neighbours, and gaps this narrow between them are closed. */
    static final double GAP_M = 0.5;

    private final LineageRepository lineage;
    private final OutlineCheck outlines;
    private final ParcelLookup lookup;
    private final Actor actor;
    private final ApplicationEventPublisher events;
    private final LifeCycleNames stateNames;

    ParcelMerger(LineageRepository lineage, OutlineCheck outlines, ParcelLookup lookup, Actor actor,
            ApplicationEventPublisher events, LifeCycleNames stateNames) {
        this.stateNames = stateNames;
        this.lineage = lineage;
        this.outlines = outlines;
        this.lookup = lookup;
        this.actor = actor;
        this.events = events;
    }

    /** Merges and answers the operation (parents, the child with its area) as JSON. */
    @Transactional
    String merge(MergeRequest request) {
        Map<String, Integer> sent = validate(request);
        String zone = request.zone().strip();
        actor.attributeWritesToCurrentUser();
        String who = actor.name();
        LocalDate date = LineageChecks.effectiveDate(request.effectiveDate());

        List<LineageRepository.Locked> parents = lineage.locked(lookup.toChange(zone, List.copyOf(sent.keySet()))
                .stream().map(ParcelLookup.Found::id).toList());
        LineageChecks.versions(zone, sent, parents);
        sameState(parents);
        LineageChecks.notPromised(parents);
        oneHolder(parents);
        LineageChecks.notBeforeLastEvent(date, parents);

        List<Long> ids = parents.stream().map(LineageRepository.Locked::id).toList();
        List<String> groups = lineage.connectedGroups(ids, GAP_M);
        if (groups.size() > 1) {
            throw new BadRequestException("合宗的宗地须相邻或相距 " + GAP_M + " 米以内；以下几组互不相及：" + groups.stream().map(g -> "[" + g + "]")
                    .collect(Collectors.joining("、")) + "。Parcels to merge must touch or lie within " + GAP_M + " m of one"
                    + " another; these do not reach each other: " + groups.stream().map(g -> "[" + g + "]")
                            .collect(Collectors.joining(", ")) + ".");
        }
        int zoneId = parents.get(0).zoneId();
        String outline = lineage.union(ids, GAP_M);
        if (outline == null) {
            throw new BadRequestException("这些宗地合并后不是一个多边形。The parcels' union is not a polygon.");
        }
        outlines.requireVertexLimit("merged outline", outline);
        outlines.require("合宗后的轮廓", "the merged outline", outline, zoneId, ids);
        String code = request.code().strip();
        lineage.checkNewCodes(zoneId, "code", List.of(code));

        LineageRepository.Locked largest = parents.stream()
                .max(Comparator.comparingDouble(LineageRepository.Locked::m2)).orElseThrow();
        String from = parents.stream().map(LineageRepository.Locked::code).sorted().collect(Collectors.joining(", "));
        String reason = "合宗 merged from " + from + (request.reason() == null || request.reason().isBlank() ? ""
                : "：" + request.reason().strip());
        long child = lineage.insertChild(largest.id(), code, outline);
        lineage.startLedger(child, largest.state(), date, who, reason);
        lineage.retire(ids, date);
        for (long parent : ids) {
            lineage.recordLineage(parent, child, "merge", date, who,
                    request.reason() == null || request.reason().isBlank() ? null : request.reason().strip());
        }
        lineage.moveBuildings(ids, List.of(child));
        lineage.copyConditions(ids, child);
        ids.forEach(parent -> events.publishEvent(new ParcelChanged(parent)));
        events.publishEvent(new ParcelChanged(child));
        return lineage.answer("merge", zoneId, date, ids, List.of(child));
    }

    /** The parents' codes with the versions sent, in the order given; 400 naming what is missing or wrong. */
    private static Map<String, Integer> validate(MergeRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 请求体，含开发区 zone、宗地 parcels [{code, version}, …] 和新代码 code。A JSON body with zone,"
                    + " parcels [{code, version}, …] and code is required.");
        }
        if (request.zone() == null || request.zone().isBlank()) {
            throw new BadRequestException("缺少开发区 zone（宗地所在开发区的代码）。zone is required: the code of the parcels' zone.");
        }
        if (request.parcels() == null || request.parcels().size() < 2) {
            throw new BadRequestException("parcels 须列出至少两宗要合并的宗地，每宗 {code, version}。parcels must list at least two parcels to merge,"
                    + " each {code, version}.");
        }
        Map<String, Integer> sent = new LinkedHashMap<>();
        for (int i = 0; i < request.parcels().size(); i++) {
            MergeRequest.Part part = request.parcels().get(i);
            if (part == null || part.code() == null || part.code().isBlank()) {
                throw new BadRequestException("缺少 parcels[" + i + "].code。parcels[" + i + "].code is required.");
            }
            int version = LineageChecks.version("parcels[" + i + "].version", part.version());
            if (sent.put(part.code().strip(), version) != null) {
                throw new BadRequestException("parcels：" + part.code().strip() + " 列了两次。parcels: " + part.code().strip() + " is listed twice.");
            }
        }
        if (request.code() == null || request.code().isBlank()) {
            throw new BadRequestException("缺少新宗地的代码 code。code is required: the new parcel's code.");
        }
        return sent;
    }

    private void sameState(List<LineageRepository.Locked> parents) {
        if (parents.stream().map(LineageRepository.Locked::state).distinct().count() > 1) {
            Map<String, Object> states = new LinkedHashMap<>();
            parents.forEach(p -> states.put(p.code(), p.state()));
            throw new ConflictException("合宗的宗地须处于同一生命周期状态："
                    + parents.stream().map(p -> p.code() + " 为" + stateNames.zh(p.state())).collect(Collectors.joining("，"))
                    + "。Parcels to merge must be in the same life-cycle state: " + parents.stream()
                    .map(p -> p.code() + " is " + p.state()).collect(Collectors.joining(", ")) + ".", Map.of("states", states));
        }
    }

    /** Two holders' land does not become one parcel by a planner's merge: that is a transfer first. */
    private static void oneHolder(List<LineageRepository.Locked> parents) {
        List<LineageRepository.Locked> held = parents.stream().filter(p -> p.enterpriseId() != null).toList();
        if (held.stream().map(LineageRepository.Locked::enterpriseId).distinct().count() > 1) {
            List<String> holders = new ArrayList<>();
            held.forEach(p -> holders.add(p.code() + " (" + p.enterpriseName() + ")"));
            throw new ConflictException("合宗的宗地属于不同企业：" + String.join("、", holders) + "。Parcels to merge are held by different"
                    + " enterprises: " + String.join(", ", holders) + ".",
                    Map.of("holders", holders));
        }
    }
}
