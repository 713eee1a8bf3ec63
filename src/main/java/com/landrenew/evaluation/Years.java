package com.landrenew.evaluation;

import com.landrenew.web.BadRequestException;

/** The years an evaluation may be about (V17's checks). */
final class Years {

    static final int FIRST = 2000;
    static final int LAST = 2100;

    private Years() {
    }

    static void check(Integer year) {
        if (year == null) {
            throw new BadRequestException("缺少 year（评价年度）。year is missing.");
        }
        if (year < FIRST || year > LAST) {
            throw new BadRequestException("year（评价年度）须在 " + FIRST + " 到 " + LAST + " 之间，现为 " + year
                    + "。year must be within " + FIRST + "-" + LAST + ", not " + year + ".");
        }
    }
}
