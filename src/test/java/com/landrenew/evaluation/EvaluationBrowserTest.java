package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium: the map's evaluation mode colours parcels by their holder's class (D and C outlined) and
 * the parcel card lists the holder's classes; the evaluation page leads to the renewal work of the same zone
 * and year, whose plans show whether next year's evaluation met their targets; the renewal-work page lists
 * the candidates, marks one through the ledger and draws the report's chart. Screenshots in target/screenshots/.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationBrowserTest {

    static final String ZONE = "class-map-test";
    static final TestAreas.Area AREA = TestAreas.claim("EvaluationBrowserTest", 1, 1);
    static final Duration WAIT = Duration.ofSeconds(25);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;
    private long parcelD;
    private final int[] enterprises = new int[4];

    @BeforeAll
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        RenewalFixtures renewal = new RenewalFixtures(jdbc);
        double x0 = AREA.x0();
        double y0 = AREA.y0();
        fixtures.zone(ZONE, x0, y0, x0 + 1000, y0 + 1000);
        String[] classes = {"A", "B", "C", "D"};
        for (int i = 0; i < classes.length; i++) {
            int e = fixtures.enterprise("类别" + classes[i] + "企业");
            renewal.result(ZONE, 2024, e, i == 3 ? "C" : classes[i], 60.0, 5.0, 10.0, 18);
            renewal.result(ZONE, 2025, e, classes[i], 100.0 - 20 * i, 5.0, 10.0, 18);
            double x = x0 + 300 + 110 * (i % 2);
            double y = y0 + 300 + 90 * (i / 2);
            long id = fixtures.parcel(ZONE, null, "CM-" + classes[i], x, y, x + 100, y + 80, "100102", e);
            if (i == 3) {
                parcelD = id;
            }
            enterprises[i] = e;
        }
        // 一企一策 after 2024: the 2025 tax per mu (5) meets the first target and misses the second; 2025's plan awaits 2026.
        plan(enterprises[3], 2024, 4.0);
        plan(enterprises[2], 2024, 6.0);
        plan(enterprises[3], 2025, 8.0);
        browser = Browser.start(1400, 1000, "--hide-scrollbars");
        browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
        driver = browser.driver();
    }

    private void plan(int enterprise, int year, double targetTax) {
        jdbc.sql("""
                insert into enterprise_plan (enterprise_id, zone_id, evaluation_year, kind, due, target_tax_wan_per_mu, created_by)
                select :e, id, :year, 'improve', date '2026-12-31', :target, 'test' from zone where code = :zone""")
                .param("e", enterprise).param("year", year).param("target", targetTax).param("zone", ZONE).update();
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapColoursParcelsByTheirHoldersClassAndTheCardListsTheClasses() {
        assertThat(browser.open(api.url("/#" + ZONE + "/CM-D"), "landrenew")).isEqualTo("ready");
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("class-mode")).isEmpty());
        Object shown = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.getElementById('class-year').value = '2025';
                document.getElementById('class-mode').checked = true;
                window.landrenew.map.setZoom(17, { animate: false });
                window.landrenew.classes.refresh().then(() => {
                  const styles = {};
                  window.landrenew.classes.layer.eachLayer((l) => {
                    styles[l.feature.properties.code] = { fill: l.options.fillColor, colour: l.options.color, weight: l.options.weight };
                  });
                  setTimeout(() => done(styles), 300);
                }, (e) => done('failed: ' + e.message));
                """);
        assertThat(shown).isInstanceOf(Map.class);
        Map<String, Map<String, Object>> styles = (Map<String, Map<String, Object>>) shown;
        assertThat(styles.keySet()).containsExactlyInAnyOrder("CM-A", "CM-B", "CM-C", "CM-D");
        assertThat(styles.get("CM-A").get("fill")).isEqualTo("#2e7d32");
        assertThat(styles.get("CM-D").get("fill")).isEqualTo("#e53935");
        assertThat(styles.get("CM-D").get("colour")).as("D outlined").isEqualTo("#7f0000");
        assertThat(styles.get("CM-C").get("colour")).as("C outlined").isEqualTo("#a84300");
        assertThat(((Number) styles.get("CM-D").get("weight")).doubleValue()).isEqualTo(3.0);
        assertThat(((Number) styles.get("CM-B").get("weight")).doubleValue()).isLessThan(1.0);
        assertThat(driver.findElement(By.id("class-switch")).getText()).contains("4 宗");

        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("class-history-section")).isDisplayed());
        String history = driver.findElement(By.id("class-history-section")).getText();
        assertThat(history).contains("2024", "2025", "40");
        assertThat(driver.findElement(By.cssSelector("#class-history-section tr[data-year='2025'] .class-cell")).getText())
                .startsWith("D");
        browser.js("document.getElementById('class-history-section').scrollIntoView()");
        browser.screenshot("map-evaluation-classes.png");
    }

    @Test
    void theEvaluationPageLeadsToTheRenewalWorkOfTheSameZoneAndYearWhereThePlansShowTheirVerdicts() {
        assertThat(browser.open(api.url("/evaluation.html?zone=" + ZONE + "&year=2025"), "landrenewEvaluation"))
                .isEqualTo("ready");
        String renewal = "renewal-candidates.html?zone=" + ZONE + "&year=2025";
        assertThat(driver.findElement(By.id("to-renewal")).getAttribute("href")).endsWith(renewal);
        assertThat(driver.findElement(By.id("to-renewal")).getText()).startsWith("评价到更新");
        assertThat(driver.findElement(By.id("to-renewal-next")).getAttribute("href")).endsWith(renewal);
        assertThat(driver.findElement(By.cssSelector(".next-step")).getText()).contains("一企一策", "Next:");
        browser.screenshot("evaluation-to-renewal.png");

        driver.findElement(By.id("to-renewal")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("renewal-candidates.html"));
        assertThat(browser.awaitReady("landrenewRenewal")).isEqualTo("ready");
        assertThat(driver.getCurrentUrl()).contains("zone=" + ZONE, "year=2025");
        assertThat(browser.js("return document.getElementById('zone').value")).isEqualTo(ZONE);
        assertThat(browser.js("return document.getElementById('year').value")).isEqualTo("2025");
        assertThat(driver.findElement(By.id("to-evaluation")).getAttribute("href"))
                .endsWith("evaluation.html?zone=" + ZONE + "&year=2025");
        // Last year's plans, judged by this year's evaluation, then this year's, awaiting the next.
        assertThat(driver.findElements(By.cssSelector("#plans-table tr[data-year='2024'] .target-met")))
                .extracting(WebElement::getText).containsExactlyInAnyOrder("达成 met", "未达成 missed");
        assertThat(driver.findElement(By.cssSelector("#plans-table tr[data-year='2025'] .target-met")).getText())
                .isEqualTo("待 2026 年评价 awaiting 2026");
        assertThat(driver.findElement(By.id("plans-note")).getText()).contains("3 个方案", "达成 met 1", "未达成 missed 1");
        browser.js("document.getElementById('plans-card').scrollIntoView(); window.scrollBy(0, -60)");
        browser.screenshot("renewal-plans-verdicts.png");

        // The page honours the year in its address: 2024's plans are then this year's, and 2023 has none.
        assertThat(browser.open(api.url("/renewal-candidates.html?zone=" + ZONE + "&year=2024"), "landrenewRenewal"))
                .isEqualTo("ready");
        assertThat(browser.js("return document.getElementById('year').value")).isEqualTo("2024");
        assertThat(driver.findElements(By.cssSelector("#plans-table tr[data-plan]"))).hasSize(2)
                .allSatisfy(row -> assertThat(row.getAttribute("data-year")).isEqualTo("2024"));
    }

    /** An address naming no zone shows the first zone and says so, on both pages. */
    @Test
    void anUnknownZoneInTheAddressIsNamedAndTheFirstZoneShown() {
        for (String[] page : new String[][] {{"/evaluation.html", "landrenewEvaluation", "error"},
                {"/renewal-candidates.html", "landrenewRenewal", "page-error"}}) {
            assertThat(browser.open(api.url(page[0] + "?zone=no-such-zone&year=2025"), page[1])).as(page[0]).isEqualTo("ready");
            WebElement notice = driver.findElement(By.id(page[2]));
            assertThat(notice.isDisplayed()).as(page[0]).isTrue();
            String first = (String) browser.js("return document.getElementById('zone').options[0].text");
            assertThat(browser.js("return document.getElementById('zone').selectedIndex")).isEqualTo(0L);
            assertThat(notice.getText()).as(page[0]).startsWith("没有代码为 no-such-zone 的开发区，显示" + first)
                    .contains("There is no zone no-such-zone");
        }
    }

    @Test
    void theRenewalWorkPageListsCandidatesMarksOneAndChartsTheReport() {
        assertThat(browser.open(api.url("/renewal-candidates.html?zone=" + ZONE + "&year=2025"), "landrenewRenewal"))
                .isEqualTo("ready");
        assertThat(driver.findElements(By.cssSelector("#candidates tr[data-code]"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#candidates tr[data-code='CM-D']")).getText()).contains("D", "12");
        assertThat(browser.js("return window.landrenewRenewal.chart.data.labels.join(',')")).isEqualTo("2024,2025");
        assertThat(driver.findElement(By.id("report-table")).getText()).contains("评级企业", "4");
        browser.screenshot("renewal-candidates.png");

        driver.findElement(By.cssSelector(".pick[value='CM-D']")).click();
        browser.js("document.getElementById('mark-date').value = '2026-03-01'");
        driver.findElement(By.id("mark-button")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("mark-result")).getText().contains("已认定 1 宗"));
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#candidates tr[data-code]")).isEmpty());
        assertThat(new Fixtures(jdbc).state(parcelD)).isEqualTo("low_efficiency");
    }
}
