package com.landrenew.importer;

import java.util.List;

/**
 * What an import found, feature by feature; nothing is written unless every feature is fine. {@code notes}
 * say what the reader decided for the whole file (the EPSG code a coordinate file resolved to, the encoding).
 */
record ImportReport(String file, String zone, int features, int imported, boolean dryRun, List<FeatureReport> report,
        List<String> notes) {

    /**
     * One feature: its position in the file (from 1), its code, what is wrong or was repaired, and what is
     * worth a look but does not stop the import (warnings).
     */
    record FeatureReport(int index, String code, String status, List<String> problems, List<String> warnings) {
    }

    long rejected() {
        return report.stream().filter(f -> "rejected".equals(f.status())).count();
    }
}
