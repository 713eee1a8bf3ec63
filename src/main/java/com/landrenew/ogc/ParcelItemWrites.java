package com.landrenew.ogc;

import java.util.Map;

import com.landrenew.geo.ChinaTime;
import com.landrenew.parcel.ParcelVersions;
import com.landrenew.parcel.ParcelWrites;
import com.landrenew.renewal.TransitionRequest;
import com.landrenew.renewal.TransitionService;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.PreconditionException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * OGC API - Features Part 4 on the parcels collection, each request one transaction through the planners'
 * own services: the edit (parcel/ParcelWrites → ParcelEditor, OutlineCheck), a change of state as a legal
 * transition in the ledger (renewal/TransitionService), a retirement as a split retires. Optimistic locking
 * by the parcel's version as ETag: a replace, update or delete must name it in If-Match (428 without it, 412
 * when the parcel has moved on since).
 */
@Service
class ParcelItemWrites {

    /** What the ledger records as the reason of a state change made through the standard. */
    static final String REASON = "经 OGC API - Features 编辑 edited through OGC API - Features";

    private final ParcelWrites parcels;
    private final TransitionService transitions;

    ParcelItemWrites(ParcelWrites parcels, TransitionService transitions) {
        this.parcels = parcels;
        this.transitions = transitions;
    }

    /** POST: a new parcel; its id. */
    @Transactional
    long create(JsonNode body) {
        ParcelFeatureInput input = ParcelFeatureInput.read(body, false);
        if (input.zone() == null || input.code() == null) {
            throw new BadRequestException("新宗地须给出 zone（开发区代码）和 code（宗地代码）。A new parcel needs zone (the zone's "
                    + "code) and code (the parcel's code) among its properties.");
        }
        return parcels.create(input.zone(), input.code(), input.state() == null ? "in_use" : input.state(),
                input.geometry(), input.fields(), REASON);
    }

    /** PUT (replace) or PATCH (merge patch) of the parcel {@code id}. */
    @Transactional
    void change(long id, String ifMatch, JsonNode body, boolean patch) {
        ParcelWrites.Named parcel = locked(id, ifMatch);
        ParcelFeatureInput input = ParcelFeatureInput.read(body, patch);
        input.requireNames(parcel.zone(), parcel.code());
        if (!input.fields().isEmpty()) {
            parcels.edit(parcel.zone(), parcel.code(), parcel.version(), input.fields());
        }
        String state = parcels.named(id).state();
        if (input.state() != null && !input.state().equals(state)) {
            // a move in the ledger, only along a legal transition (409 otherwise, and nothing of this request stays)
            transitions.transition(parcel.zone(), parcel.code(),
                    new TransitionRequest(input.state(), ChinaTime.today(), REASON, null, null));
        }
    }

    /** DELETE: the parcel retired, kept as history. */
    @Transactional
    void retire(long id, String ifMatch) {
        ParcelWrites.Named parcel = locked(id, ifMatch);
        parcels.retire(parcel.zone(), parcel.code(), parcel.version());
    }

    /** The current version of the parcel, for the answer's ETag. */
    int version(long id) {
        return parcels.named(id).version();
    }

    /** The parcel locked for the change, once If-Match names its current version. */
    private ParcelWrites.Named locked(long id, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw PreconditionException.required("修改宗地须带 If-Match 头，给出读取时的 ETag（宗地版本），以免覆盖他人的修改。"
                    + "A change of a parcel needs an If-Match header naming the ETag (the parcel's version) it was read "
                    + "at, so that nobody's change is overwritten.");
        }
        Integer sent = ParcelVersions.fromIfMatch(ifMatch);
        ParcelWrites.Named named = parcels.named(id);
        int current = parcels.lockedVersion(named.zone(), named.code());
        if (current != sent) {
            throw PreconditionException.failed("宗地 " + named.zone() + "/" + named.code() + " 已被他人修改：现为版本 " + current
                    + "，您的是 " + sent + "；请重新读取后再改。Parcel " + named.zone() + "/" + named.code()
                    + " was changed by someone else: it is at version " + current + ", you sent " + sent
                    + "; read it again and redo the change.", Map.of("currentVersion", current, "yourVersion", sent));
        }
        return new ParcelWrites.Named(named.zone(), named.code(), current, named.state(), false);
    }
}
