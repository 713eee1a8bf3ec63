package com.landrenew.renewal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.ChinaTime;
import com.landrenew.parcel.ParcelChanged;
import com.landrenew.parcel.RetiredParcels;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves parcels through their life cycle by appending to the ledger, and only along legal transitions. */
@Service
public class TransitionService {

    private final LedgerRepository ledger;
    private final ApplicationEventPublisher events;
    private final Actor actor;
    private final RetiredParcels retired;

    TransitionService(LedgerRepository ledger, ApplicationEventPublisher events, Actor actor, RetiredParcels retired) {
        this.ledger = ledger;
        this.events = events;
        this.actor = actor;
        this.retired = retired;
    }

    @Transactional
    public LedgerEvent transition(String zone, String code, TransitionRequest request) {
        validate(request);
        actor.attributeWritesToCurrentUser();
        LedgerRepository.ParcelRef parcel = ledger.lockParcel(zone, code)
                .orElseThrow(() -> retired.cannotChange(zone, code));
        List<String> allowed = ledger.allowedNextStates(parcel.state());
        if (!allowed.contains(request.to())) {
            throw new ConflictException("parcel " + code + " is " + parcel.state() + " and cannot move to "
                    + request.to() + "; allowed next states: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)),
                    Map.of("currentState", parcel.state(), "allowedNextStates", allowed));
        }
        LocalDate last = ledger.lastEffectiveDate(parcel.id()).orElse(null);
        if (last != null && request.effectiveDate().isBefore(last)) {
            throw new ConflictException("effectiveDate " + request.effectiveDate()
                    + " is before the parcel's last recorded event (" + last + ")",
                    Map.of("currentState", parcel.state(), "lastEffectiveDate", last.toString()));
        }
        long id = ledger.append(parcel.id(), request, actor.name());
        events.publishEvent(new ParcelChanged(parcel.id()));
        return ledger.events(parcel.id()).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    ParcelHistory history(String zone, String code) {
        LedgerRepository.ParcelRef parcel = ledger.findParcel(zone, code).orElseThrow(() -> noSuchParcel(zone, code));
        // A retired parcel's ledger ends with it: nothing may follow.
        return new ParcelHistory(zone, code, parcel.state(),
                parcel.retired() ? List.of() : ledger.allowedNextStates(parcel.state()), ledger.events(parcel.id()));
    }

    private void validate(TransitionRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body with to, effectiveDate and reason is required");
        }
        if (request.to() == null || request.to().isBlank()) {
            throw new BadRequestException("to (the new state) is required");
        }
        if (!ledger.isState(request.to())) {
            throw new BadRequestException("to: unknown state '" + request.to() + "'");
        }
        if (request.effectiveDate() == null) {
            throw new BadRequestException("effectiveDate (yyyy-mm-dd) is required");
        }
        if (request.effectiveDate().isAfter(ChinaTime.today())) {
            throw new BadRequestException("effectiveDate " + request.effectiveDate()
                    + " is in the future; the ledger records what has happened");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("reason is required");
        }
        if (request.households() != null && request.households() < 0) {
            throw new BadRequestException("households must not be negative");
        }
    }

    private static NotFoundException noSuchParcel(String zone, String code) {
        return new NotFoundException("no parcel '" + code + "' in zone '" + zone + "'");
    }
}
