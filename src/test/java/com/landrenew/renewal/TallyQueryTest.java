package com.landrenew.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import com.landrenew.renewal.TallyQuery.Period;
import com.landrenew.web.BadRequestException;
import org.junit.jupiter.api.Test;

/** The auditor's question and its default period, without a database. */
class TallyQueryTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    @Test
    void aBlankProjectIsNoProjectAndGroupByNamesThePeriod() {
        TallyQuery q = TallyQuery.of("anji", " ", null, null, AS_OF, "quarter");

        assertThat(q).isEqualTo(new TallyQuery("anji", null, null, null, AS_OF, Period.quarter));
    }

    @Test
    void thePeriodRunsFromTheProjectsStartOrElseTheStartOfTheYearToAsOf() {
        TallyQuery q = TallyQuery.of("anji", "anji-2023-renewal", null, null, AS_OF, "month");

        assertThat(q.withDefaults(LocalDate.of(2023, 1, 1)))
                .extracting(TallyQuery::from, TallyQuery::to)
                .containsExactly(LocalDate.of(2023, 1, 1), AS_OF);
        assertThat(q.withDefaults(null)).extracting(TallyQuery::from, TallyQuery::to)
                .containsExactly(LocalDate.of(2026, 1, 1), AS_OF);
        assertThat(TallyQuery.of("anji", null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), AS_OF, "year")
                .withDefaults(LocalDate.of(2023, 1, 1))).extracting(TallyQuery::from, TallyQuery::to)
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    }

    @Test
    void badQuestionsAre400sNamingWhatIsWrong() {
        assertThatThrownBy(() -> TallyQuery.of(" ", null, null, null, AS_OF, "month"))
                .isInstanceOf(BadRequestException.class).hasMessage("缺少开发区 zone。zone is required.");
        assertThatThrownBy(() -> TallyQuery.of("anji", null, null, null, AS_OF, "week"))
                .isInstanceOf(BadRequestException.class).hasMessage("groupBy 须为 month（月）、quarter（季）或 year（年），收到 'week'。"
                        + "groupBy must be month, quarter or year, got 'week'.");
        assertThatThrownBy(() -> TallyQuery.of("anji", null, LocalDate.of(2024, 12, 31), LocalDate.of(2024, 1, 1), AS_OF, "month"))
                .isInstanceOf(BadRequestException.class).hasMessage("起始日期 from 2024-12-31 晚于截止日期 to 2024-01-01。from 2024-12-31 is after to 2024-01-01.");
        // A project that starts after the report's date leaves no period.
        assertThatThrownBy(() -> TallyQuery.of("anji", "p", null, null, AS_OF, "month").withDefaults(LocalDate.of(2027, 1, 1)))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("期间的开始（2027-01-01）晚于结束（2026-11-01）。The period starts (2027-01-01) after it ends (2026-11-01).");
    }
}
