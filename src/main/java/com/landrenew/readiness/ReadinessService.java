package com.landrenew.readiness;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.landrenew.geo.ChinaTime;
import com.landrenew.parcel.ParcelLookup;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and records what a parcel still needs before it can be supplied. */
@Service
class ReadinessService {

    private final ReadinessRepository readiness;
    private final Actor actor;
    private final ParcelLookup lookup;

    ReadinessService(ReadinessRepository readiness, Actor actor, ParcelLookup lookup) {
        this.readiness = readiness;
        this.actor = actor;
        this.lookup = lookup;
    }

    @Transactional(readOnly = true)
    String readiness(String zone, String code) {
        return readiness.readinessAsJson(lookup.current(zone, code).id());
    }

    /** Replaces the parcel's facts with {@code update}'s, all or nothing. */
    @Transactional
    String record(String zone, String code, ReadinessUpdate update) {
        if (update == null || update.facts() == null) {
            throw new BadRequestException("缺少供地条件 facts：{fact, required, doneOn, expectedOn} 的列表。facts is required: a list of"
                    + " {fact, required, doneOn, expectedOn}.");
        }
        validate(update.facts());
        actor.attributeWritesToCurrentUser();
        long parcel = lookup.toChange(zone, code).id();
        readiness.replace(parcel, update.facts());
        return readiness.readinessAsJson(parcel);
    }

    private void validate(List<ReadinessUpdate.Fact> facts) {
        List<String> kinds = readiness.factKinds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < facts.size(); i++) {
            ReadinessUpdate.Fact fact = facts.get(i);
            String at = "facts[" + i + "]";
            if (fact == null || fact.fact() == null || fact.fact().isBlank()) {
                throw new BadRequestException(at + ".fact 必填（" + String.join("、", kinds) + " 之一）。" + at + ".fact is required (one of "
                        + String.join(", ", kinds) + ").");
            }
            if (!kinds.contains(fact.fact())) {
                throw new BadRequestException(at + ".fact：未知的供地条件 '" + Excerpt.of(fact.fact()) + "'；已知：" + String.join("、", kinds) + "。" + at
                        + ".fact: unknown fact '" + Excerpt.of(fact.fact()) + "'; known: " + String.join(", ", kinds) + ".");
            }
            if (!seen.add(fact.fact())) {
                throw new BadRequestException(at + ".fact：" + fact.fact() + " 列了两次。" + at + ".fact: " + fact.fact() + " is listed twice.");
            }
            if (fact.doneOn() != null && fact.doneOn().isAfter(ChinaTime.today())) {
                throw new BadRequestException(at + ".doneOn " + fact.doneOn() + " 在将来；尚未完成的请填预计日期 expectedOn。" + at + ".doneOn "
                        + fact.doneOn() + " is in the future; give expectedOn for what is still to be done.");
            }
            if (fact.required() != Boolean.FALSE && fact.doneOn() == null && fact.expectedOn() == null) {
                throw new BadRequestException(at + ".expectedOn 必填：" + fact.fact() + " 是必备条件且未完成，需要预计完成日期。" + at
                        + ".expectedOn is required for " + fact.fact() + ": a required fact that is not done needs the day it is expected.");
            }
        }
    }
}
