package com.landrenew.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.renewal.LedgerEvent;
import com.landrenew.renewal.TransitionRequest;
import com.landrenew.renewal.TransitionService;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks a planner's choice of candidates as low-efficiency land, each through the ledger's legal
 * transition (the same TransitionService the map's state change uses), with a reason citing the
 * evaluation. All or nothing: one transaction, and any refusal rolls back the parcels marked before it.
 */
@Service
class LowEfficiencyMarking {

    static final int MAX_PARCELS = 1000;
    static final int MAX_CODE = 100;
    static final int MAX_DOCUMENT = 200;

    /** What was marked: the ledger's events, in the order asked. */
    record Marked(String zone, int year, int parcels, double mu, List<LedgerEvent> events) {
    }

    private final CandidateService candidates;
    private final TransitionService transitions;

    LowEfficiencyMarking(CandidateService candidates, TransitionService transitions) {
        this.candidates = candidates;
        this.transitions = transitions;
    }

    @Transactional
    Marked mark(MarkRequest request) {
        validate(request);
        Candidates found = candidates.candidates(request.zone(), request.year(), "D,C");
        Map<String, Candidates.Parcel> byCode = new LinkedHashMap<>();
        found.blocks().forEach(b -> b.candidates().forEach(p -> byCode.put(p.code(), p)));
        List<String> refused = new ArrayList<>();
        for (String code : request.parcels()) {
            Candidates.Parcel p = byCode.get(code);
            if (p == null) {
                refused.add(code + "：不是 " + found.year() + " 年的更新候选地块 not a candidate after the " + found.year()
                        + " evaluation");
            } else if (!p.state().equals("in_use") && !p.state().equals("in_production")) {
                refused.add(code + "：状态为 " + p.state() + "，不能认定为低效 is " + p.state()
                        + " and cannot be marked low-efficiency");
            }
        }
        if (!refused.isEmpty()) {
            throw new ConflictException("以下地块未认定，全部未写入。Nothing was marked: " + String.join("; ", refused),
                    Map.of("refused", refused));
        }
        List<LedgerEvent> events = new ArrayList<>();
        double mu = 0;
        for (String code : request.parcels()) {
            Candidates.Parcel p = byCode.get(code);
            events.add(transitions.transition(found.zone(), code, new TransitionRequest("low_efficiency",
                    request.effectiveDate(), reason(found.year(), p), blankToNull(request.documentNo()), 0)));
            mu += p.mu();
        }
        return new Marked(found.zone(), found.year(), events.size(), Math.round(mu * 10000) / 10000.0, events);
    }

    /** e.g. "2025年亩均效益评价D类，认定为低效用地。Per-mu evaluation 2025: class D, marked low-efficiency." */
    static String reason(int year, Candidates.Parcel p) {
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (p.evaluationClass() != null && p.reasons().contains("class_" + p.evaluationClass().toLowerCase(java.util.Locale.ROOT))) {
            zh.add(p.evaluationClass() + "类");
            en.add("class " + p.evaluationClass());
        }
        if (p.reasons().contains("below_floor")) {
            zh.add("亩均税收低于下限");
            en.add("tax per mu below the floor");
        }
        return year + "年亩均效益评价" + String.join("、", zh) + "，认定为低效用地。Per-mu evaluation " + year + ": "
                + String.join(", ", en) + "; marked low-efficiency.";
    }

    private static void validate(MarkRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 请求体（zone、year、parcels、effectiveDate）。"
                    + "A JSON body with zone, year, parcels and effectiveDate is required.");
        }
        if (request.parcels() == null || request.parcels().isEmpty()) {
            throw new BadRequestException("parcels（宗地代码列表）不能为空。parcels (a list of parcel codes) is required.");
        }
        if (request.parcels().size() > MAX_PARCELS) {
            throw new BadRequestException("parcels 过多：" + request.parcels().size() + " 个，上限 " + MAX_PARCELS
                    + "。Too many parcels: " + request.parcels().size() + ", at most " + MAX_PARCELS + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String code : request.parcels()) {
            if (code == null || code.isBlank() || code.length() > MAX_CODE) {
                throw new BadRequestException("parcels 中有空白或过长（超过 " + MAX_CODE + " 个字符）的宗地代码。"
                        + "parcels holds a blank code or one longer than " + MAX_CODE + " characters.");
            }
            if (!seen.add(code)) {
                throw new BadRequestException("parcels 中宗地 " + Excerpt.of(code) + " 重复。parcels names "
                        + Excerpt.of(code) + " twice.");
            }
        }
        if (request.effectiveDate() == null) {
            throw new BadRequestException("缺少 effectiveDate（生效日期，yyyy-mm-dd）。effectiveDate (yyyy-mm-dd) is required.");
        }
        if (request.documentNo() != null && request.documentNo().length() > MAX_DOCUMENT) {
            throw new BadRequestException("documentNo 过长，上限 " + MAX_DOCUMENT + " 个字符。documentNo is too long: at most "
                    + MAX_DOCUMENT + " characters.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
