package com.landrenew.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * and picking a block in the table highlights it on the map and narrows the ledger to it.
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
        assertEquals(36, project.path("targets").path("enterprises").asInt(), "the sample's target of enterprises");
        assertEquals(136, project.path("targets").path("households").asInt(), "the sample's target of households");
        assertEquals(1600.0, project.path("targets").path("mu").asDouble(), 1e-9, "the sample's target in mu");

        open("/audit.html?" + QUERY);

        // The project, its targets and its progress, as the API answers for the same query.
        assertEquals(project.path("name").asString(), text("project-name"));
        assertEquals("36", text("target-enterprises"));
        assertEquals("136", text("target-households"));
        assertEquals("1,600", text("target-mu"));
        assertEquals("2026-11-01", text("as-of-shown"));
        JsonNode percent = tally.path("total").path("percentOfTarget");
        for (String key : List.of("enterprises", "households", "mu")) {
            WebElement card = driver.findElement(By.id("progress-" + key));
            double expected = percent.path(key).asDouble();
            assertEquals(expected, Double.parseDouble(card.getDomAttribute("data-percent")), 1e-9, key + " percent");
            String shown = card.findElement(By.cssSelector(".pct")).getText().replace("%", "").replace(",", "");
            assertEquals(expected, Double.parseDouble(shown), 1e-9, key + " percent as shown");
            double width = ((Number) js("return parseFloat(arguments[0].querySelector('.bar > i').style.width)", card))
                    .doubleValue();
            assertEquals(Math.min(100, expected), width, 1e-9, key + " progress bar width");
        }
        assertEquals(tally.path("total").path("freed").path("enterprises").asInt(),
                Integer.parseInt(text("done-enterprises").replace(",", "")), "enterprises moved");

        // The chart: a drawn canvas with a Chart.js instance over the API's periods.
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) js("""
                const canvas = document.getElementById('freed-chart');
                const chart = Chart.getChart(canvas);
                return { width: canvas.width, height: canvas.height, present: Boolean(chart),
                         periods: chart ? chart.data.labels.length : -1,
                         datasets: chart ? chart.data.datasets.length : -1 };
                """);
        assertTrue(((Number) chart.get("width")).intValue() > 0 && ((Number) chart.get("height")).intValue() > 0,
                "the chart canvas has no size: " + chart);
        assertEquals(Boolean.TRUE, chart.get("present"), "no Chart.js instance on the canvas");
        assertEquals(tally.path("series").size(), ((Number) chart.get("periods")).intValue(), "periods on the chart");
        assertEquals(3, ((Number) chart.get("datasets")).intValue(), "bars, cumulative line and target line");

        // The ledger behind the figures, all of the project's blocks.
        JsonNode allEvents = api.json("/api/renewal/events?" + QUERY);
        assertEquals(allEvents.size(), eventRows().size(), "events listed for the whole project");
        String csvLink = driver.findElement(By.id("download-csv")).getDomAttribute("href");
        assertTrue(csvLink.contains("project=" + PROJECT) && csvLink.contains("asOf=2026-11-01"),
                "the CSV download carries the query: " + csvLink);
        Api.Response csv = api.get("/" + csvLink);
        assertEquals(200, csv.status(), "CSV download " + csvLink);

        screenshot("audit-page.png");

        // Pick the block with the most freed parcels: a real click on its row.
        JsonNode block = null;
        for (JsonNode row : tally.path("blocks")) {
            if (block == null || row.path("freed").path("parcels").asInt() > block.path("freed").path("parcels").asInt()) {
                block = row;
            }
        }
        assertNotNull(block, "the project has no blocks");
        assertTrue(block.path("freed").path("parcels").asInt() > 0, "no land freed in any block of the project");
        String code = block.path("code").asString();
        int blocksWithFreedLand = 0;
        for (JsonNode row : tally.path("blocks")) {
            blocksWithFreedLand += row.path("freed").path("parcels").asInt() > 0 ? 1 : 0;
        }

        WebElement row = driver.findElement(By.cssSelector("#blocks-table tbody tr[data-block='" + code + "']"));
        row.click();

        new WebDriverWait(driver, WAIT).until(d -> code.equals(js(
                "const t = document.getElementById('events-table'); return t.dataset.state === 'ready' ? t.dataset.block : null;")));
        int expected = api.json("/api/renewal/events?" + QUERY + "&block=" + code).size();
        List<WebElement> rows = eventRows();
        assertEquals(expected, rows.size(), "events listed for block " + code);
        if (blocksWithFreedLand > 1) {
            assertTrue(expected < allEvents.size(), "the list is not narrowed to the block");
        }
        for (WebElement event : rows) {
            assertEquals(code, event.getDomAttribute("data-block"), "an event of another block is listed");
        }
        assertTrue(driver.findElement(By.id("events-count")).getText().contains(String.valueOf(expected)));
        assertTrue(row.getDomAttribute("class").contains("selected"), "the picked row is not marked");
        assertTrue(driver.getCurrentUrl().contains("block=" + code), "the URL names the block: " + driver.getCurrentUrl());

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
        assertEquals(code, highlight.get("highlighted"));
        assertEquals(highlight.get("highlightColour"), highlight.get("colour"), "the block is not highlighted");
        assertFalse(((List<?>) highlight.get("others")).contains(highlight.get("highlightColour")),
                "another block is highlighted too");
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
        assertEquals(code, js("return window.landrenewAudit.highlightedBlock"), "the linked block is not picked");
        assertEquals(expected, eventRows().size(), "events of the linked block");
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
        assertEquals("ready", outcome, "the auditors' page did not load its report");
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
