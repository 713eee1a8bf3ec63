package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A planner at work on the map in a real (headless) Chromium: clicks a parcel, records a change of
 * its life-cycle state from the panel, and sees the panel, the ledger and the parcel's colour follow;
 * a refused change is explained in the form. Idle land is marked on the map and in the panel.
 *
 * <p>The database is shared by every test of the run, so the parcel moved here is one nobody else
 * touches: the in-use parcel of Xiaoshan with the highest code (the other browser tests stay in Anji,
 * the API tests on their own fixture zones).
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlannerTransitionBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "xiaoshan";

    /**
     * A viewport pixel where the parcel is drawn from the tiles, no other parcel is (the tiles' own hit
     * test) and nothing covers the parcels' canvas, tried from the middle of its box outwards; else null.
     */
    private static final String PARCEL_PIXEL = """
            const { map, drawnParcels, parcelsAt } = window.landrenew;
            const parcel = drawnParcels().get(arguments[0]);
            if (!parcel) return null;
            const b = parcel.screenBounds();
            const box = map.getContainer().getBoundingClientRect();
            const pane = map.getPane('parcels');
            for (const [fx, fy] of [[0.5, 0.5], [0.4, 0.5], [0.6, 0.5], [0.5, 0.4], [0.5, 0.6], [0.3, 0.3], [0.7, 0.7]]) {
              const x = Math.round(b.min.x + (b.max.x - b.min.x) * fx), y = Math.round(b.min.y + (b.max.y - b.min.y) * fy);
              const hits = parcelsAt(x, y);
              if (hits.length !== 1 || hits[0] !== arguments[0]) continue;
              const vx = Math.round(box.left + x), vy = Math.round(box.top + y);
              const hit = document.elementFromPoint(vx, vy);
              if (hit && hit.tagName === 'CANVAS' && pane.contains(hit)) return { x: vx, y: vy };
            }
            return null;
            """;

    /** The styles the tiles draw the parcel with, one per tile it lies in. */
    private static final String PARCEL_STYLES = """
            const parcel = window.landrenew.drawnParcels().get(arguments[0]);
            return parcel ? parcel.pieces.map((piece) => ({ fill: piece.feature.options.fillColor,
              color: piece.feature.options.color, dash: piece.feature.options.dashArray || null })) : [];
            """;

    @LocalServerPort
    int port;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        api = new Api(port);
        browser = Browser.start(1280, 1000);
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
    void aPlannerMovesAParcelInUseToLowEfficiencyFromThePanel() throws IOException {
        Map<String, JsonNode> states = new java.util.HashMap<>();
        for (JsonNode state : api.json("/api/states")) {
            states.put(state.path("code").asString(), state);
        }
        JsonNode parcel = null;
        for (JsonNode feature : zoneParcels(ZONE)) {
            JsonNode p = feature.path("properties");
            if ("in_use".equals(p.path("state").asString()) && !p.path("idle").asBoolean()
                    && (parcel == null || p.path("code").asString().compareTo(parcel.path("code").asString()) > 0)) {
                parcel = p;
            }
        }
        assertThat(parcel).as("no parcel in use in " + ZONE).isNotNull();
        String code = parcel.path("code").asString();
        String id = ZONE + "/" + code;
        int eventsBefore = api.json(history(code)).path("events").size();

        openMapOn(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> pixel = (Map<String, Object>) js(PARCEL_PIXEL, id);
        assertThat(pixel).as("parcel " + id + " is not clickable in the view").isNotNull();

        // A real mouse click on the parcel opens its panel with the change-of-state form.
        new Actions(driver).moveToLocation(((Number) pixel.get("x")).intValue(), ((Number) pixel.get("y")).intValue())
                .click().perform();
        new WebDriverWait(driver, WAIT).until(d -> code.equals(live("parcel-code")));
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("transition-to")).isEmpty());
        assertThat(text("parcel-state")).isEqualTo(states.get("in_use").path("nameZh").asString());
        Map<String, Long> legendBefore = legendCounts();

        Select to = new Select(driver.findElement(By.id("transition-to")));
        List<String> offered = to.getOptions().stream().map(o -> o.getDomAttribute("value")).filter(v -> !v.isEmpty())
                .toList();
        assertThat(offered).as("the allowed next states of in_use").isEqualTo(List.of("low_efficiency", "vacating"));
        assertThat(to.getOptions()).as("state names in Chinese and English")
                .anyMatch(o -> o.getText().contains("低效") && o.getText().contains("Low-efficiency"));
        assertThat(driver.findElement(By.id("transition-households-field")).isDisplayed())
                .as("households are asked only for a move to vacated").isFalse();
        to.selectByValue("vacating");
        assertThat(driver.findElement(By.id("transition-households-field")).isDisplayed()).isFalse();
        to.selectByValue("low_efficiency");
        type("transition-reason", "亩均效益评价D类（浏览器测试）");
        type("transition-document", "萧开低效〔2026〕T1号");

        // A date in the future: the server's 400 detail is shown in the form, nothing is recorded.
        js("document.getElementById('transition-date').value = '2999-01-01'");
        driver.findElement(By.id("transition-submit")).click();
        new WebDriverWait(driver, WAIT).until(d -> !live("transition-error").isEmpty());
        assertThat(text("transition-error")).as("the server's detail: " + text("transition-error")).contains("future");
        assertThat(api.json(history(code)).path("events").size()).as("a refused change was recorded")
                .isEqualTo(eventsBefore);

        // Today (the default): recorded.
        js("const d = document.getElementById('transition-date'); d.value = d.max;");
        driver.findElement(By.id("transition-submit")).click();
        String lowName = states.get("low_efficiency").path("nameZh").asString();
        new WebDriverWait(driver, WAIT).until(d -> lowName.equals(live("parcel-state")));
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("parcel-ledger")).isEmpty());

        JsonNode history = api.json(history(code));
        assertThat(history.path("state").asString()).isEqualTo("low_efficiency");
        JsonNode events = history.path("events");
        assertThat(events.size()).as("one new event").isEqualTo(eventsBefore + 1);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("fromState").asString()).isEqualTo("in_use");
        assertThat(last.path("toState").asString()).isEqualTo("low_efficiency");
        assertThat(last.path("actor").asString()).as("the signed-in planner").isEqualTo(TestUsers.PLANNER);
        assertThat(last.path("reason").asString()).isEqualTo("亩均效益评价D类（浏览器测试）");
        assertThat(last.path("documentNo").asString()).isEqualTo("萧开低效〔2026〕T1号");

        // The panel's ledger lists it first, the form now offers what follows low_efficiency.
        WebElement newest = driver.findElement(By.cssSelector("#parcel-ledger .ledger-item"));
        assertThat(newest.getText().contains(lowName) && newest.getText().contains(TestUsers.PLANNER))
                .as(newest.getText()).isTrue();
        assertThat(text("transition-ok")).as("no confirmation: " + text("transition-ok")).contains(lowName);

        // The server dropped its tiles of the parcel and the map drew them again: the parcel's fill is the
        // new state's colour in every tile it lies in, and the legend counts moved with it.
        String lowColour = states.get("low_efficiency").path("colour").asString();
        new WebDriverWait(driver, WAIT).until(d -> {
            List<Map<String, Object>> styles = styles(id);
            return !styles.isEmpty() && styles.stream().allMatch(st -> lowColour.equals(st.get("fill")));
        });
        for (Map<String, Object> style : styles(id)) {
            assertThat(style.get("fill")).as("fill colour on the map").isEqualTo(lowColour);
            assertThat(style.get("fill")).isNotEqualTo(states.get("in_use").path("colour").asString());
        }
        long inUseExpected = legendBefore.getOrDefault("in_use", 0L) - 1;
        try {
            new WebDriverWait(driver, WAIT).until(d -> legendCounts().getOrDefault("in_use", 0L) == inUseExpected);
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertions below say what the legend shows
        }
        Map<String, Long> legendAfter = legendCounts();
        assertThat(legendAfter.getOrDefault("in_use", 0L)).as("legend: in use")
                .isEqualTo(legendBefore.getOrDefault("in_use", 0L) - 1);
        assertThat(legendAfter.getOrDefault("low_efficiency", 0L)).as("legend: low-efficiency")
                .isEqualTo(legendBefore.getOrDefault("low_efficiency", 0L) + 1);

        screenshot("planner-transition.png");
        js("document.getElementById('transition-section').scrollIntoView({ block: 'start' })");
        screenshot("planner-transition-ledger.png");
    }

    @Test
    void idleLandIsOutlinedAndWarnedAbout() throws IOException {
        JsonNode idle = null;
        String zone = null;
        for (String z : List.of("anji", ZONE)) {
            for (JsonNode feature : zoneParcels(z)) {
                if (feature.path("properties").path("idle").asBoolean()) {
                    idle = feature.path("properties");
                    zone = z;
                    break;
                }
            }
            if (idle != null) {
                break;
            }
        }
        assertThat(idle).as("the sample has no idle land").isNotNull();
        String id = zone + "/" + idle.path("code").asString();
        JsonNode detail = api.json("/api/parcels/" + path(id)).path("properties");
        assertThat(detail.path("idle").asBoolean()).isTrue();

        openMapOn(id);
        List<Map<String, Object>> styles = styles(id);
        assertThat(styles.isEmpty()).as("the idle parcel is not drawn").isFalse();
        for (Map<String, Object> style : styles) {
            assertThat(style.get("color")).as("idle land's outline").isEqualTo("#8b0000");
            assertThat(style.get("dash")).as("idle land's outline is dashed").isNotNull();
        }
        assertThat(driver.findElement(By.id("legend")).getText()).as("no idle land in the legend").contains("闲置土地");
        assertThat(driver.findElement(By.id("legend")).getText()).contains("Idle land");

        driver.get(api.url("/#" + path(id)));
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("parcel-idle")).isEmpty());
        assertThat(text("parcel-idle")).as("the warning names the contracted start: " + text("parcel-idle"))
                .contains(detail.path("constructionDue").asString());
        screenshot("map-idle-parcel.png");
    }

    // ---------------------------------------------------------------- helpers

    private List<JsonNode> zoneParcels(String zone) {
        JsonNode found = null;
        for (JsonNode z : api.json("/api/zones").path("features")) {
            if (zone.equals(z.path("id").asString())) {
                found = z;
            }
        }
        assertThat(found).as("no zone " + zone).isNotNull();
        List<String> bbox = new ArrayList<>();
        found.path("bbox").forEach(v -> bbox.add(v.asString()));
        List<JsonNode> parcels = new ArrayList<>();
        api.json("/api/parcels?zone=" + zone + "&limit=5000&bbox=" + String.join(",", bbox)).path("features")
                .forEach(parcels::add);
        return parcels;
    }

    /** Opens the map close on one parcel (panel closed) and waits until its parcels are drawn. */
    private void openMapOn(String id) {
        driver.get("about:blank");
        driver.get(api.url("/"));
        Object outcome = driver.executeAsyncScript("""
                const id = arguments[0];
                const done = arguments[arguments.length - 1];
                const deadline = Date.now() + 25000;
                (function wait() {
                  if (!window.landrenew) {
                    if (Date.now() > deadline) { done('window.landrenew never appeared'); return; }
                    setTimeout(wait, 50);
                    return;
                  }
                  window.landrenew.ready.then(async () => {
                    const [zone, code] = id.split('/');
                    const detail = await (await fetch('api/parcels/' + encodeURIComponent(zone) + '/' + encodeURIComponent(code))).json();
                    const [lon, lat] = detail.properties.centroid;
                    const { map, drawnParcels } = window.landrenew;
                    map.setView([lat, lon], 17, { animate: false });
                    (function drawn() {
                      if (map.getZoom() === 17 && drawnParcels().has(id)) { setTimeout(() => done('ready'), 200); }
                      else if (Date.now() > deadline) { done('parcel ' + id + ' was never drawn'); }
                      else { setTimeout(drawn, 50); }
                    })();
                  }, (e) => done('failed: ' + (e && e.message)));
                })();
                """, id);
        assertThat(outcome).as("the map did not draw the parcel").isEqualTo("ready");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> styles(String id) {
        return (List<Map<String, Object>>) js(PARCEL_STYLES, id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> legendCounts() {
        return (Map<String, Long>) js("""
                const counts = {};
                for (const item of document.querySelectorAll('#legend .legend-item')) {
                  counts[item.dataset.state] = Number(item.querySelector('.legend-count').textContent.replace(/,/g, '')) || 0;
                }
                return counts;
                """);
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String history(String code) {
        return "/api/parcels/" + ZONE + "/" + path(code) + "/history";
    }

    /** An element's text read in one step, so the panel may be redrawn meanwhile; "" when absent. */
    private String live(String id) {
        Object text = js("const e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : '';", id);
        return String.valueOf(text);
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

    /** "zone/code" or "code" as URL path segments. */
    private static String path(String id) {
        List<String> parts = new ArrayList<>();
        for (String part : id.split("/", -1)) {
            parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }
}
