package com.landrenew.renewal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.ChinaTime;
import com.landrenew.parcel.ParcelChanged;
import com.landrenew.parcel.LifeCycleNames;
import com.landrenew.parcel.ParcelLookup;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves parcels through their life cycle by appending to the ledger, and only along legal transitions. */
@Service
public class TransitionService {

    private final LedgerRepository ledger;
    private final ApplicationEventPublisher events;
    private final Actor actor;
    private final ParcelLookup lookup;
    private final LifeCycleNames stateNames;

    TransitionService(LedgerRepository ledger, ApplicationEventPublisher events, Actor actor, ParcelLookup lookup,
            LifeCycleNames stateNames) {
        this.stateNames = stateNames;
        this.ledger = ledger;
        this.events = events;
        this.actor = actor;
        this.lookup = lookup;
    }

    @Transactional
    public LedgerEvent transition(String zone, String code, TransitionRequest request) {
        validate(request);
        actor.attributeWritesToCurrentUser();
        ParcelLookup.Found parcel = lookup.toChange(zone, code);
        List<String> allowed = ledger.allowedNextStates(parcel.state());
        if (!allowed.contains(request.to())) {
            throw new ConflictException("宗地 " + code + " 当前为" + stateNames.zh(parcel.state()) + "，不能转为"
                    + stateNames.zh(request.to()) + "；可转为："
                    + (allowed.isEmpty() ? "无" : String.join("、", allowed.stream().map(stateNames::zh).toList()))
                    + "。Parcel "
                    + code + " is " + parcel.state() + " and cannot move to " + request.to() + "; allowed next states: "
                    + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ".",
                    Map.of("currentState", parcel.state(), "allowedNextStates", allowed));
        }
        LocalDate last = ledger.lastEffectiveDate(parcel.id()).orElse(null);
        if (last != null && request.effectiveDate().isBefore(last)) {
            throw new ConflictException("生效日期 " + request.effectiveDate() + " 早于该宗地台账的最后一条记录（" + last + "）。effectiveDate "
                    + request.effectiveDate() + " is before the parcel's last recorded event (" + last + ").",
                    Map.of("currentState", parcel.state(), "lastEffectiveDate", last.toString()));
        }
        long id = ledger.append(parcel.id(), request, actor.name());
        events.publishEvent(new ParcelChanged(parcel.id()));
        return ledger.events(parcel.id()).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    /** The parcel's ledger, for staff and its holder (403 for others), retired parcels' too. */
    @Transactional(readOnly = true)
    ParcelHistory history(String zone, String code) {
        ParcelLookup.Found parcel = lookup.fullRecord(zone, code);
        // A retired parcel's ledger ends with it: nothing may follow.
        return new ParcelHistory(zone, code, parcel.state(),
                parcel.retired() ? List.of() : ledger.allowedNextStates(parcel.state()), ledger.events(parcel.id()));
    }

    private void validate(TransitionRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 请求体，含新状态 to、生效日期 effectiveDate 和原因 reason。A JSON body with to, effectiveDate and"
                    + " reason is required.");
        }
        if (request.to() == null || request.to().isBlank()) {
            throw new BadRequestException("缺少新状态 to。to (the new state) is required.");
        }
        if (!ledger.isState(request.to())) {
            throw new BadRequestException("to：未知的状态 '" + Excerpt.of(request.to()) + "'。to: unknown state '" + Excerpt.of(request.to()) + "'.");
        }
        if (request.effectiveDate() == null) {
            throw new BadRequestException("缺少生效日期 effectiveDate（yyyy-mm-dd）。effectiveDate (yyyy-mm-dd) is required.");
        }
        if (request.effectiveDate().isAfter(ChinaTime.today())) {
            throw new BadRequestException("生效日期 " + request.effectiveDate() + " 在将来；台账只记已发生的事。effectiveDate "
                    + request.effectiveDate() + " is in the future; the ledger records what has happened.");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("缺少原因 reason。reason is required.");
        }
        if (request.households() != null && request.households() < 0) {
            throw new BadRequestException("户数 households 不能为负数。households must not be negative.");
        }
    }
}
