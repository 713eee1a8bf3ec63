package com.landrenew.evaluation;

import java.time.LocalDate;

import com.landrenew.geo.ChinaTime;
import com.landrenew.renewal.FreedLand;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Gathers the auditors' yearly report of a zone: the year's evaluation and the renewal work that followed. */
@Service
@Transactional(readOnly = true)
class ReportService {

    private final ReportRepository reports;
    private final ZoneYear zones;
    private final FreedLand freedLand;

    ReportService(ReportRepository reports, ZoneYear zones, FreedLand freedLand) {
        this.reports = reports;
        this.zones = zones;
        this.freedLand = freedLand;
    }

    EvaluationReport report(String zone, Integer year) {
        ZoneYear.Zone z = zones.zone(zone);
        int y = ZoneYear.year(year);
        LocalDate from = LocalDate.of(y, 1, 1);
        LocalDate to = LocalDate.of(y, 12, 31);
        // The year's end, or today while the year runs: the ledger cannot know more than today.
        LocalDate today = ChinaTime.today();
        LocalDate asOf = to.isAfter(today) ? today : to;
        ReportRepository.Counts counts = reports.counts(z.code(), y);
        ReportRepository.UnderPlan planned = reports.underPlan(z.id(), y, asOf);
        FreedLand.Figures freed = from.isAfter(asOf) ? new FreedLand.Figures(0, 0, 0, 0)
                : freedLand.in(z.code(), from, asOf, asOf);
        EvaluationReport.Work work = new EvaluationReport.Work(
                reports.moves(z.id(), null, "low_efficiency", from, to, asOf),
                planned.plans(), new EvaluationReport.Land(planned.parcels(), planned.mu()),
                reports.moves(z.id(), "low_efficiency", "in_use", from, to, asOf),
                reports.moves(z.id(), null, "vacating", from, to, asOf),
                new EvaluationReport.Land(freed.parcels(), freed.mu()), freed.enterprises());
        return new EvaluationReport(z.code(), z.name(), y, from, to, asOf, counts.evaluated(), counts.rated(),
                counts.ratedMu(), reports.classes(z.code(), y), work, reports.years(z.code(), y));
    }
}
