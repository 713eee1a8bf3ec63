package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.landrenew.geo.ChinaTime;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;

/** The checks a split and a merge share, with answers in the style of the edit and the ledger. */
final class LineageChecks {

    private LineageChecks() {
    }

    /** The effective date: today by default, never in the future (the ledger records what has happened). */
    static LocalDate effectiveDate(LocalDate given) {
        LocalDate today = ChinaTime.today();
        if (given != null && given.isAfter(today)) {
            throw new BadRequestException("生效日期 " + given + " 在将来；台账只记已发生的事。effectiveDate " + given
                    + " is in the future; the ledger records what has happened.");
        }
        return given != null ? given : today;
    }

    static int version(String field, Integer version) {
        if (version == null || version < 0) {
            throw new BadRequestException("缺少 " + field + "：载入宗地时的版本号（详情的 properties.version）" + (version == null ? "" : "，收到 " + version)
                    + "。" + field + " is required: the version the parcel was loaded with (its detail's properties.version)"
                    + (version == null ? "" : ", got " + version) + ".");
        }
        return version;
    }

    /** 409 naming every parent changed since the version the planner loaded; nothing is written. */
    static void versions(String zone, Map<String, Integer> sent, List<LineageRepository.Locked> parents) {
        Map<String, Object> current = new LinkedHashMap<>();
        for (LineageRepository.Locked p : parents) {
            if (!Objects.equals(sent.get(p.code()), p.version())) {
                current.put(p.code(), p.version());
            }
        }
        if (current.isEmpty()) {
            return;
        }
        String which = current.entrySet().stream()
                .map(e -> zone + "/" + e.getKey() + " (now version " + e.getValue() + ", you sent " + sent.get(e.getKey()) + ")")
                .collect(Collectors.joining(", "));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("currentVersions", current);
        if (parents.size() == 1) {
            details.put("currentVersion", parents.get(0).version());
            details.put("yourVersion", sent.get(parents.get(0).code()));
        }
        throw new ConflictException("宗地 " + which + " 已被他人修改；请重新载入后再试。Parcel " + which
                + " was changed by someone else since; reload it and try again.",
                details);
    }

    /** Land an approved supply plan holds is promised as it is: 409 naming the plans. */
    static void notPromised(List<LineageRepository.Locked> parents) {
        List<String> held = parents.stream().filter(p -> p.activePlan() != null)
                .map(p -> p.code() + " (" + p.activePlan() + ")").toList();
        if (!held.isEmpty()) {
            throw new ConflictException("宗地 " + String.join("、", held) + " 在已批准供地计划尚未供应的批次中，供应之前不能分宗或合宗。An approved supply plan holds"
                    + " parcel " + String.join(", ", held) + " in a batch not yet supplied; its land cannot be split or"
                    + " merged until it is supplied.",
                    Map.of("parcels", held));
        }
    }

    /** The date must not come before a parent's last ledger event (its history would end before it did). */
    static void notBeforeLastEvent(LocalDate date, List<LineageRepository.Locked> parents) {
        for (LineageRepository.Locked p : parents) {
            if (p.lastEffective() != null && date.isBefore(p.lastEffective())) {
                throw new ConflictException("生效日期 " + date + " 早于宗地 " + p.code() + " 台账的最后一条记录（" + p.lastEffective()
                        + "）。effectiveDate " + date + " is before parcel " + p.code() + "'s last recorded event ("
                        + p.lastEffective() + ").",
                        Map.of("lastEffectiveDate", p.lastEffective().toString(), "parcel", p.code()));
            }
        }
    }
}
