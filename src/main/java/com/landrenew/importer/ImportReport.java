package com.landrenew.importer;

import java.util.List;

/** What an import found, feature by feature; nothing is written unless every feature is fine. */
record ImportReport(String file, String zone, int features, int imported, boolean dryRun, List<FeatureReport> report) {

    /** One feature: its position in the file (from 1), its code, and what is wrong or was repaired. */
    record FeatureReport(int index, String code, String status, List<String> problems) {
    }

    long rejected() {
        return report.stream().filter(f -> "rejected".equals(f.status())).count();
    }
}
