package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The auditors' page in a real (headless) Chromium against the whole application and the sample's
 * Anji renewal project: the figures it shows are the API's for the same query, the chart is drawn,
 * and picking a block in the table or on the map highlights it on the map and narrows the ledger to it.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String PROJECT = "anji-2023-renewal";
    private static final String QUERY = "zone=anji&project=" + PROJECT + "&asOf=2026-11-01";

    @LocalServerPort
    int port;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        api = new Api(port);
        // Tall enough that the screenshot holds the whole report down to the first events.
        browser = Browser.start(1400, 1800, "--hide-scrollbars");
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
    void theProjectReportShowsTheApisFiguresAndABlockCanBePicked() throws IOException {
        JsonNode tally = api.json("/api/renewal/tally?" + QUERY);
        JsonNode project = tally.path("project");
        assertThat(project.path("targets").path("enterprises").asInt()).as("the sample's target of enterprises")
                .isEqualTo(36);
        assertThat(project.path("targets").path("households").asInt()).as("the sample's target of households")
                .isEqualTo(136);
        assertThat(project.path("targets").path("mu").asDouble()).as("the sample's target in mu")
                .isCloseTo(1600.0, within(1e-9));

        open("/audit.html?" + QUERY);

        // The project, its targets and its progress, as the API answers for the same query.
        assertThat(text("project-name")).isEqualTo(project.path("name").asString());
        assertThat(text("target-enterprises")).isEqualTo("36");
        assertThat(text("target-households")).isEqualTo("136");
        assertThat(text("target-mu")).isEqualTo("1,600");
        assertThat(text("as-of-shown")).isEqualTo("2026-11-01");
        JsonNode percent = tally.path("total").path("percentOfTarget");
        for (String key : List.of("enterprises", "households", "mu")) {
            WebElement card = driver.findElement(By.id("progress-" + key));
            double expected = percent.path(key).asDouble();
            assertThat(Double.parseDouble(card.getDomAttribute("data-percent"))).as(key + " percent")
                    .isCloseTo(expected, within(1e-9));
            String shown = card.findElement(By.cssSelector(".pct")).getText().replace("%", "").replace(",", "");
            assertThat(Double.parseDouble(shown)).as(key + " percent as shown").isCloseTo(expected, within(1e-9));
            double width = ((Number) js("return parseFloat(arguments[0].querySelector('.bar > i').style.width)", card))
                    .doubleValue();
            assertThat(width).as(key + " progress bar width").isCloseTo(Math.min(100, expected), within(1e-9));
        }
        assertThat(Integer.parseInt(text("done-enterprises").replace(",", ""))).as("enterprises moved")
                .isEqualTo(tally.path("total").path("freed").path("enterprises").asInt());

        // The chart: a drawn canvas with a Chart.js instance over the API's periods.
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) js("""
                const canvas = document.getElementById('freed-chart');
                const chart = Chart.getChart(canvas);
                return { width: canvas.width, height: canvas.height, present: Boolean(chart),
                         periods: chart ? chart.data.labels.length : -1,
                         datasets: chart ? chart.data.datasets.length : -1 };
                """);
        assertThat(((Number) chart.get("width")).intValue() > 0 && ((Number) chart.get("height")).intValue() > 0)
                .as("the chart canvas has no size: " + chart).isTrue();
        assertThat(chart.get("present")).as("no Chart.js instance on the canvas").isEqualTo(Boolean.TRUE);
        assertThat(((Number) chart.get("periods")).intValue()).as("periods on the chart")
                .isEqualTo(tally.path("series").size());
        assertThat(((Number) chart.get("datasets")).intValue()).as("bars, cumulative line and target line")
                .isEqualTo(3);

        // The ledger behind the figures, all of the project's blocks.
        JsonNode allEvents = api.json("/api/renewal/events?" + QUERY);
        assertThat(eventRows().size()).as("events listed for the whole project").isEqualTo(allEvents.size());
        String csvLink = driver.findElement(By.id("download-csv")).getDomAttribute("href");
        assertThat(csvLink.contains("project=" + PROJECT) && csvLink.contains("asOf=2026-11-01"))
                .as("the CSV download carries the query: " + csvLink).isTrue();
        Api.Response csv = api.get("/" + csvLink);
        assertThat(csv.status()).as("CSV download " + csvLink).isEqualTo(200);

        screenshot("audit-page.png");

        // Pick the block with the most freed parcels: a real click on its row.
        JsonNode block = null;
        for (JsonNode row : tally.path("blocks")) {
            if (block == null || row.path("freed").path("parcels").asInt() > block.path("freed").path("parcels").asInt()) {
                block = row;
            }
        }
        assertThat(block).as("the project has no blocks").isNotNull();
        assertThat(block.path("freed").path("parcels").asInt() > 0).as("no land freed in any block of the project")
                .isTrue();
        String code = block.path("code").asString();
        int blocksWithFreedLand = 0;
        for (JsonNode row : tally.path("blocks")) {
            blocksWithFreedLand += row.path("freed").path("parcels").asInt() > 0 ? 1 : 0;
        }

        WebElement row = driver.findElement(By.cssSelector("#blocks-table tbody tr[data-block='" + code + "']"));
        row.click();

        waitForEventsOf(code);
        int expected = api.json("/api/renewal/events?" + QUERY + "&block=" + code).size();
        List<WebElement> rows = eventRows();
        assertThat(rows.size()).as("events listed for block " + code).isEqualTo(expected);
        if (blocksWithFreedLand > 1) {
            assertThat(expected < allEvents.size()).as("the list is not narrowed to the block").isTrue();
        }
        for (WebElement event : rows) {
            assertThat(event.getDomAttribute("data-block")).as("an event of another block is listed").isEqualTo(code);
        }
        assertThat(driver.findElement(By.id("events-count")).getText()).contains(String.valueOf(expected));
        assertThat(row.getDomAttribute("class")).as("the picked row is not marked").contains("selected");
        assertThat(driver.getCurrentUrl()).as("the URL names the block: " + driver.getCurrentUrl())
                .contains("block=" + code);

        // Highlighted on the map, the others dimmed, and the map zoomed to it.
        @SuppressWarnings("unchecked")
        Map<String, Object> highlight = (Map<String, Object>) js("""
                const a = window.landrenewAudit;
                const code = arguments[0];
                const styles = {};
                for (const [c, layer] of a.blockLayers) {
                  let colour = null;
                  layer.eachLayer((l) => { colour = l.options.color; });
                  styles[c] = colour;
                }
                return { highlighted: a.highlightedBlock, colour: styles[code], highlightColour: a.BLOCK_HIGHLIGHT.color,
                         others: Object.entries(styles).filter(([c]) => c !== code).map(([, s]) => s) };
                """, code);
        assertThat(highlight.get("highlighted")).isEqualTo(code);
        assertThat(highlight.get("colour")).as("the block is not highlighted")
                .isEqualTo(highlight.get("highlightColour"));
        assertThat(((List<?>) highlight.get("others")).contains(highlight.get("highlightColour")))
                .as("another block is highlighted too").isFalse();
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js("""
                const a = window.landrenewAudit;
                const bounds = a.blockLayers.get(arguments[0]).getBounds();
                const view = a.map.getBounds();
                // zoomed to the block: it is in view and fills a good part of it
                const share = (bounds.getEast() - bounds.getWest()) / (view.getEast() - view.getWest());
                return view.pad(0.01).contains(bounds) && share > 0.3;
                """, code)));

        screenshot("audit-page-block.png");

        // The link reproduces the report with the block picked.
        open(driver.getCurrentUrl().replaceFirst("^https?://[^/]+", ""));
        assertThat(js("return window.landrenewAudit.highlightedBlock")).as("the linked block is not picked")
                .isEqualTo(code);
        assertThat(eventRows().size()).as("events of the linked block").isEqualTo(expected);
    }

    @Test
    void aBlockClickedOnTheMapFiltersTheLedgerAndAnEventShowsItsParcelOnTheMap() {
        open("/audit.html?" + QUERY);
        String code = (String) js("return [...window.landrenewAudit.blockLayers.keys()][0]");
        assertThat(code).as("no block of the project on the map").isNotNull();

        // A click on the block's outline picks it, as a click on its row does.
        js("window.landrenewAudit.blockLayers.get(arguments[0]).fire('click')", code);
        waitForEventsOf(code);
        assertThat(js("return window.landrenewAudit.highlightedBlock")).isEqualTo(code);
        assertThat(driver.findElement(By.cssSelector("#blocks-table tbody tr[data-block='" + code + "']"))
                .getDomAttribute("class")).as("the block's row is not marked").contains("selected");
        assertThat(driver.findElement(By.id("map-all")).isDisplayed()).as("no way back to all blocks").isTrue();

        // The filter's × shows every block's events again.
        driver.findElement(By.cssSelector("#events-filter button")).click();
        waitForEventsOf("");
        assertThat(js("return window.landrenewAudit.highlightedBlock")).isNull();
        assertThat(driver.findElement(By.id("events-filter")).isDisplayed()).isFalse();

        // A click on an event (not on its link) opens its freed parcel's popup on the map.
        WebElement event = eventRows().get(0);
        String parcel = event.getDomAttribute("data-parcel");
        event.findElement(By.cssSelector("td")).click();
        new WebDriverWait(driver, WAIT).until(d -> parcel.equals(js("""
                const code = document.querySelector('#audit-map .leaflet-popup .popup-code');
                return code && code.textContent;""")));
    }

    private void waitForEventsOf(String block) {
        new WebDriverWait(driver, WAIT).until(d -> block.equals(js(
                "const t = document.getElementById('events-table'); return t.dataset.state === 'ready' ? t.dataset.block : null;")));
    }

    // ---------------------------------------------------------------- helpers

    /** Loads the page afresh and waits until its report is drawn (failing on the page's own error). */
    private void open(String pathAndQuery) {
        driver.get("about:blank");
        driver.get(api.url(pathAndQuery));
        Object outcome = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const deadline = Date.now() + 25000;
                (function wait() {
                  const state = document.body && document.body.dataset.state;
                  if (state === 'ready') {
                    done('ready');
                  } else if (state === 'error') {
                    done('failed: ' + document.getElementById('report-error').textContent);
                  } else if (Date.now() > deadline) {
                    done('the report never finished loading');
                  } else {
                    setTimeout(wait, 50);
                  }
                })();
                """);
        assertThat(outcome).as("the auditors' page did not load its report").isEqualTo("ready");
    }

    private List<WebElement> eventRows() {
        return driver.findElements(By.cssSelector("#events-table tbody tr[data-parcel]"));
    }

    private Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    private void screenshot(String name) {
        browser.screenshot(name);
    }
}
