package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.landrenew.geo.ChinaTime;
import com.landrenew.supply.SupplyFixtures;
import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The supply page in a real (headless) Chromium. A planner picks a sample site in Anji by clicking its
 * parcels on the map, asks for a phased plan and sees its batches coloured in order on the map and on
 * the timeline, as the API computed them. On land of its own, a planner approves a plan and supplies
 * its first batch from the page, and the ledger has the events. The zone view charts the schedule.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupplyPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "supply-page-test";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 4, 2);
    private static final double X = AREA.x0();
    private static final double Y = AREA.y0();

    /**
     * A sample site: the prepared (ready) parcel of Anji with the most free neighbours within 15 m that
     * are expected to be ready more than a month from now, with those neighbours. Wanting to start at
     * once, with batches of 5 mu (every sample parcel is larger), the ready parcel is a first batch and
     * the others follow: a phased plan of two batches or more. (The sample's dates lie in 2027.)
     */
    private static final String SAMPLE_SITE = """
            with free as (
              select p.id, p.code, p.geom, is_ready(p.id) as ready
              from parcel p join zone z on z.id = p.zone_id
              where z.code = 'anji' and p.state in ('vacating', 'vacated', 'stored', 'prepared')
                and ready_date(p.id) is not null and active_supply_plan(p.id) is null),
            seed as (
              select a.id from free a join free n on n.id <> a.id and ST_DWithin(a.geom, n.geom, 15)
              where a.ready
              group by a.id, a.code
              having count(*) filter (where ready_date(n.id) > current_date + 30) >= 2
              order by count(*) desc, a.code
              limit 1)
            select n.code
            from seed join free s on s.id = seed.id
            join free n on n.id = s.id or (ST_DWithin(s.geom, n.geom, 15) and ready_date(n.id) > current_date + 30)
            order by n.code
            """;

    /** Viewport pixels of a point inside each named parcel where nothing but the map's canvas lies. */
    private static final String CLICK_POINTS = """
            const { map, parcelLayers } = window.landrenewSupply;
            const box = map.getContainer().getBoundingClientRect();
            const points = {};
            for (const code of arguments[0]) {
              const layer = parcelLayers.get(code);
              const p = map.latLngToContainerPoint(layer.getCenter());
              const x = Math.round(box.left + p.x), y = Math.round(box.top + p.y);
              const hit = document.elementFromPoint(x, y);
              points[code] = hit && hit.tagName === 'CANVAS' && layer._containsPoint(map.latLngToLayerPoint(layer.getCenter()))
                ? [x, y] : null;
            }
            return points;
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        api = new Api(port);
        browser = Browser.start(1280, 800);
        browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
        driver = browser.driver();
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePlannerPicksASampleSiteAndSeesThePhasedBatchesOnTheMapAndTimeline() {
        List<String> site = jdbc.sql(SAMPLE_SITE).query(String.class).list();
        assertThat(site.size() >= 3).as("a sample site of a ready parcel and neighbours not ready yet: " + site)
                .isTrue();
        open("/supply.html?zone=anji");
        browser.js("""
                const { map, parcelLayers } = window.landrenewSupply;
                const bounds = L.latLngBounds([]);
                for (const code of arguments[0]) bounds.extend(parcelLayers.get(code).getBounds());
                map.fitBounds(bounds, { padding: [90, 90], animate: false });
                """, site);

        // Real mouse clicks on each parcel of the site.
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> points = (Map<String, List<Number>>) browser.js(CLICK_POINTS, site);
        for (String code : site) {
            List<Number> point = points.get(code);
            assertThat(point).as(code + " has no free pixel to click").isNotNull();
            new Actions(driver).moveToLocation(point.get(0).intValue(), point.get(1).intValue()).click().perform();
        }
        waitFor(d -> String.valueOf(site.size()).equals(text("site-count")));

        type("plan-name", "光电半导体项目");
        type("plan-min", "5");
        browser.js("document.getElementById('plan-start').value = arguments[0]", ChinaTime.today().toString());
        driver.findElement(By.id("plan-submit")).click();
        waitFor(d -> d.findElement(By.id("plan-card")).isDisplayed());

        long id = ((Number) browser.js("return window.landrenewSupply.plan().id")).longValue();
        JsonNode plan = api.json("/api/supply/plans/" + id);
        JsonNode batches = plan.path("batches");
        assertThat(plan.path("mode").asString()).isEqualTo("phased");
        assertThat(batches.size() >= 2).as("a phased plan of this site has batches one after another: " + batches)
                .isTrue();
        assertThat(plan.path("site").path("parcelCount").asInt()).isEqualTo(site.size());

        // On the map: every site parcel drawn in the colour of its batch, one colour per batch, in order.
        @SuppressWarnings("unchecked")
        Map<String, String> fills = (Map<String, String>) browser.js("""
                const fills = {};
                for (const [code, layer] of window.landrenewSupply.planLayers) {
                  layer.eachLayer((l) => { fills[code] = l.options.fillColor; });
                }
                return fills;
                """);
        Map<Integer, String> colourOfBatch = new HashMap<>();
        for (JsonNode batch : batches) {
            for (JsonNode code : batch.path("parcels")) {
                String fill = fills.get(code.asString());
                assertThat(fill).as(code.asString() + " is not drawn").isNotNull();
                String before = colourOfBatch.putIfAbsent(batch.path("seq").asInt(), fill);
                assertThat(before == null || before.equals(fill)).as("one colour per batch").isTrue();
            }
        }
        assertThat(new HashSet<>(colourOfBatch.values()).size()).as("each batch its own colour")
                .isEqualTo(batches.size());
        String legend = text("batch-legend");
        for (JsonNode batch : batches) {
            assertThat(legend).contains("第" + batch.path("seq").asInt() + "批 " + batch.path("supplyDate").asString());
        }

        // The timeline: a row per batch and the whole-site alternative, with each batch's earliest start.
        List<WebElement> rows = driver.findElements(By.cssSelector("#timeline .tl-row[data-seq]"));
        assertThat(rows.size()).isEqualTo(batches.size() + 1);
        for (int i = 0; i < batches.size(); i++) {
            assertThat(rows.get(i).getText()).contains(batches.get(i).path("earliestStart").asString());
        }
        JsonNode whole = plan.path("options").path("whole").path("batches").get(0);
        assertThat(rows.get(batches.size()).getText()).contains(whole.path("earliestStart").asString());
        long saved = plan.path("options").path("comparison").path("savedDays").asLong();
        assertThat(driver.findElement(By.id("plan-saved")).getDomAttribute("data-days"))
                .isEqualTo(String.valueOf(saved));
        assertThat(driver.findElements(By.cssSelector("#batch-table tbody tr")).size()).isEqualTo(batches.size());

        browser.screenshot("supply-plan.png");

        // Back to the form: the site is kept, and a click on one of its parcels takes it out again.
        driver.findElement(By.id("plan-new")).click();
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> again = (Map<String, List<Number>>) browser.js(CLICK_POINTS, site.subList(0, 1));
        List<Number> point = again.get(site.get(0));
        assertThat(point).isNotNull();
        new Actions(driver).moveToLocation(point.get(0).intValue(), point.get(1).intValue()).click().perform();
        waitFor(d -> String.valueOf(site.size() - 1).equals(text("site-count")));
    }

    @Test
    void thePlannerApprovesAPlanAndSuppliesItsFirstBatch() {
        SupplyFixtures land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
        long p = land.parcel(ZONE, "W-P", X, Y + 100, X + 100, Y + 200, "prepared");
        land.ready(p, "2025-04-01");
        long s = land.parcel(ZONE, "W-S", X + 100, Y + 100, X + 200, Y + 200, "stored");
        land.ready(s, "2025-05-01");
        land.expected(land.parcel(ZONE, "W-Q", X + 212, Y + 100, X + 312, Y + 200, "stored"), "2031-03-01");
        Api.Response created = api.post("/api/supply/plans", """
                {"zone":"%s","name":"页面供地","site":{"parcels":["W-P","W-S","W-Q"]},
                 "requiredMu":45,"landUse":"100102","wantedStart":"2027-01-01","minBatchMu":20}""".formatted(ZONE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        open("/supply.html?zone=" + ZONE + "&plan=" + id);
        waitFor(d -> d.findElement(By.id("plan-card")).isDisplayed());
        driver.findElement(By.id("plan-approve")).click();
        waitFor(d -> text("plan-state").contains("Approved"));

        WebElement supply = driver.findElement(By.cssSelector("#batch-table tr[data-seq='1'] .supply-button"));
        assertThat(supply.isEnabled()).as("batch 1 is ready").isTrue();
        assertThat(driver.findElement(By.cssSelector("#batch-table tr[data-seq='2'] .supply-button")).isEnabled())
                .as("batch 2 is not ready").isFalse();
        supply.click();
        waitFor(d -> d.findElement(By.id("supply-form")).isDisplayed());
        type("supply-document", "330523-2026-A00099");
        driver.findElement(By.id("supply-confirm")).click();
        waitFor(d -> text("plan-state").contains("Supplying"));

        LocalDate today = ChinaTime.today();
        assertThat(driver.findElement(By.cssSelector("#batch-table tr[data-seq='1']")).getText())
                .contains("已供地 " + today);
        for (long parcel : List.of(p, s)) {
            assertThat(jdbc.sql("select state from parcel where id = :id").param("id", parcel)
                    .query(String.class).single()).isEqualTo("supplied");
            assertThat(jdbc.sql("select construction_due from parcel where id = :id")
                    .param("id", parcel).query(LocalDate.class).single()).isEqualTo(today.plusMonths(3));
            assertThat(jdbc.sql("""
                    select actor || ' ' || document_no from parcel_event
                    where parcel_id = :id and to_state = 'supplied' and effective_date = :today""")
                    .param("id", parcel).param("today", today).query(String.class).list())
                    .isEqualTo(List.of(TestUsers.PLANNER + " 330523-2026-A00099"));
        }
        browser.screenshot("supply-supplied.png");
    }

    @Test
    void theZoneViewChartsTheScheduleAndListsTheLandBank() {
        SupplyFixtures land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
        land.ready(land.parcel(ZONE, "Z-P", X, Y + 400, X + 100, Y + 500, "prepared"), "2025-04-01");
        land.ready(land.parcel(ZONE, "Z-S", X + 100, Y + 400, X + 200, Y + 500, "stored"), "2025-04-01");
        land.expected(land.parcel(ZONE, "Z-Q", X + 212, Y + 400, X + 312, Y + 500, "stored"), "2031-03-01");
        land.ready(land.parcel(ZONE, "Z-B", X + 600, Y + 400, X + 700, Y + 500, "stored"), "2025-04-01");
        Api.Response created = api.post("/api/supply/plans", """
                {"zone":"%s","name":"区块计划","site":{"parcels":["Z-P","Z-S","Z-Q"]},
                 "requiredMu":45,"landUse":"100102","wantedStart":"2027-01-01","minBatchMu":20}""".formatted(ZONE));
        long id = created.json().path("id").asLong();
        assertThat(api.post("/api/supply/plans/" + id + "/approve", "{}").status()).isEqualTo(200);

        open("/supply.html?zone=" + ZONE + "&view=zone");
        JsonNode bank = api.json("/api/supply/land-bank?zone=" + ZONE);
        JsonNode schedule = api.json("/api/supply/schedule?zone=" + ZONE);
        waitFor(d -> d.findElements(By.cssSelector("#bank-table tbody tr[data-code]")).size()
                == bank.path("numberMatched").asInt());
        assertThat(text("bank-summary")).contains(String.format("%,.1f", bank.path("area").path("mu").asDouble()));
        assertThat(driver.findElement(By.cssSelector("#bank-table tr[data-code='Z-B']")).isDisplayed())
                .as("Z-B is banked").isTrue();
        assertThat(driver.findElements(By.cssSelector("#bank-table tr[data-code='Z-Q']")).size())
                .as("Z-Q is promised to the approved plan").isEqualTo(0);

        // The chart: a bar per month of the schedule, planned mu as the API counts it.
        assertThat(driver.findElement(By.id("schedule-chart")).isDisplayed()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) browser.js("""
                const c = window.landrenewSupply.chart();
                return { labels: c.data.labels, planned: c.data.datasets[1].data.reduce((a, b) => a + b, 0) };""");
        List<String> months = new ArrayList<>();
        schedule.path("months").forEach(m -> months.add(m.path("month").asString()));
        assertThat(chart.get("labels")).isEqualTo(months);
        assertThat(((Number) chart.get("planned")).doubleValue())
                .isCloseTo(schedule.path("plannedMu").asDouble(), within(1e-9));
        assertThat(driver.getCurrentUrl()).contains("view=zone");
        browser.screenshot("supply-zone.png");
    }

    @Test
    void thePlannerDrawsASiteAndTheParcelsItMeetsAreTakenWhole() {
        SupplyFixtures land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
        double y = Y + 700;
        land.ready(land.parcel(ZONE, "D-A", X, y, X + 100, y + 100, "prepared"), "2025-04-01");
        land.expected(land.parcel(ZONE, "D-B", X + 112, y, X + 212, y + 100, "stored"), "2031-03-01");
        land.parcel(ZONE, "D-U", X, y + 112, X + 100, y + 212, "in_use");
        open("/supply.html?zone=" + ZONE);
        driver.findElement(By.id("site-draw")).click();
        // A line round A, the west half of B and a strip of the in-use U, clicked corner by corner.
        @SuppressWarnings("unchecked")
        List<List<Number>> corners = (List<List<Number>>) browser.js("""
                const { map, parcelLayers } = window.landrenewSupply;
                const a = parcelLayers.get('D-A').getBounds(), b = parcelLayers.get('D-B').getBounds();
                map.fitBounds(L.latLngBounds([a.getSouthWest(), b.getNorthEast()]).pad(0.6), { animate: false });
                const west = a.getWest() - (a.getEast() - a.getWest()) * 0.1;
                const east = (b.getWest() + b.getEast()) / 2;
                const south = a.getSouth() - (a.getNorth() - a.getSouth()) * 0.1;
                const north = a.getNorth() + (a.getNorth() - a.getSouth()) * 0.3;
                const box = map.getContainer().getBoundingClientRect();
                return [[south, west], [south, east], [north, east], [north, west]].map((c) => {
                  const p = map.latLngToContainerPoint(c);
                  return [Math.round(box.left + p.x), Math.round(box.top + p.y)];
                });""");
        for (int i = 0; i < corners.size(); i++) {
            Actions mouse = new Actions(driver).moveToLocation(corners.get(i).get(0).intValue(),
                    corners.get(i).get(1).intValue());
            (i == corners.size() - 1 ? mouse.doubleClick() : mouse.click()).perform();
        }
        waitFor(d -> text("site-summary").contains("4 个顶点"));
        type("plan-name", "画线选址");
        type("plan-mu", "20");
        driver.findElement(By.id("plan-submit")).click();
        waitFor(d -> d.findElement(By.id("plan-card")).isDisplayed());

        JsonNode plan = api.json("/api/supply/plans/" + ((Number) browser.js("return window.landrenewSupply.plan().id")).longValue());
        assertThat(plan.path("site").path("drawn").asBoolean()).isTrue();
        List<String> codes = new ArrayList<>();
        plan.path("parcels").path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        assertThat(codes.stream().sorted().toList()).as("A and B, B whole").isEqualTo(List.of("D-A", "D-B"));
        assertThat(plan.path("site").path("area").path("mu").asDouble()).isEqualTo(30.0);
        assertThat(text("plan-excluded")).contains("D-U");
        browser.screenshot("supply-drawn.png");
    }

    @Test
    void theMapsParcelPanelShowsAndRecordsReadiness() {
        SupplyFixtures land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
        long id = land.parcel(ZONE, "R-P", X + 1000, Y + 100, X + 1100, Y + 200, "stored");
        land.expected(id, "2031-03-01");
        driver.get("about:blank");
        driver.get(api.url("/#" + ZONE + "/R-P"));
        waitFor(d -> text("readiness-summary").contains("2031-03-01"));
        assertThat(text("readiness-list")).contains("规划条件");

        driver.findElement(By.id("readiness-edit")).click();
        browser.js("document.querySelector('#readiness-form tr[data-fact=\"planning_conditions\"] .rf-done').value = '2026-06-30'");
        driver.findElement(By.id("readiness-save")).click();
        waitFor(d -> text("readiness-summary").contains("已具备"));
        assertThat(text("readiness-summary")).contains("2026-06-30");
        assertThat(jdbc.sql("select ready_date(:id)").param("id", id)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 6, 30));
        browser.js("document.getElementById('readiness-section').scrollIntoView()");
        browser.screenshot("supply-readiness-panel.png");
    }

    // ---------------------------------------------------------------- helpers

    /** Loads the page afresh and waits until it has its zone's parcels. */
    private void open(String path) {
        driver.get("about:blank");
        driver.get(api.url(path));
        Object outcome = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const deadline = Date.now() + 25000;
                (function wait() {
                  if (window.landrenewSupply) {
                    window.landrenewSupply.ready.then(done);
                  } else if (Date.now() > deadline) {
                    done('window.landrenewSupply never appeared');
                  } else {
                    setTimeout(wait, 50);
                  }
                })();
                """);
        assertThat(outcome).as("the supply page did not start").isEqualTo("ready");
    }

    /** Waits for a condition on a page that re-renders (an element read may be replaced meanwhile). */
    private void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }
}
