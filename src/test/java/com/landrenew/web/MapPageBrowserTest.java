package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * The map page in a real (headless) Chromium against the whole application and its PostGIS: the
 * parcels are drawn, a real mouse click on one opens its panel with what the API says of it, the
 * legend and block labels are there, and #zone/code links and the locate box work.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Parcels drawn from the vector tiles whose middle is well inside the map and really under the mouse
     * there, as viewport pixels: the point must hit this parcel and no other in the tiles' own hit test,
     * and nothing (legend, note, panel) may cover the parcels' canvas there.
     */
    private static final String PARCELS_ON_SCREEN = """
            const { map, drawnParcels, parcelsAt } = window.landrenew;
            const size = map.getSize();
            const box = map.getContainer().getBoundingClientRect();
            const pane = map.getPane('parcels');
            const found = [];
            for (const [id, parcel] of drawnParcels()) {
              const p = parcel.screenBounds().getCenter().round();
              if (p.x < 60 || p.y < 60 || p.x > size.x - 60 || p.y > size.y - 60) continue;
              const hits = parcelsAt(p.x, p.y);
              if (hits.length !== 1 || hits[0] !== id) continue;
              const x = Math.round(box.left + p.x), y = Math.round(box.top + p.y);
              const hit = document.elementFromPoint(x, y);
              if (!hit || hit.tagName !== 'CANVAS' || !pane.contains(hit)) continue;
              found.push({ id, x, y, state: parcel.properties.state, code: parcel.properties.code });
              if (found.length >= 40) break;
            }
            return found;
            """;

    @LocalServerPort
    int port;

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
    void clickingAParcelOpensItsPanelWithWhatTheApiSays() throws IOException {
        open("/");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> onScreen = (List<Map<String, Object>>) js(PARCELS_ON_SCREEN);
        assertThat(onScreen.isEmpty()).as("no parcel is drawn inside the initial view").isFalse();

        // Prefer a parcel with a holder, so the enterprise shown is checked too.
        Map<String, Object> target = onScreen.get(0);
        JsonNode expected = null;
        for (Map<String, Object> candidate : onScreen) {
            JsonNode detail = api.json("/api/parcels/" + path(String.valueOf(candidate.get("id"))));
            if (expected == null || !detail.path("properties").path("enterprise").isNull()) {
                target = candidate;
                expected = detail;
            }
            if (!detail.path("properties").path("enterprise").isNull()) {
                break;
            }
        }
        String id = String.valueOf(target.get("id"));
        String code = expected.path("properties").path("code").asString();
        // the tile's attributes are the parcel's
        assertThat(target.get("code")).as("code in the tile").isEqualTo(code);
        assertThat(target.get("state")).as("state in the tile")
                .isEqualTo(expected.path("properties").path("state").path("code").asString());
        int x = ((Number) target.get("x")).intValue();
        int y = ((Number) target.get("y")).intValue();

        // A real mouse click at the parcel's pixel, through the browser's input pipeline.
        new Actions(driver).moveToLocation(x, y).click().perform();

        new WebDriverWait(driver, WAIT).until(d -> code.equals(d.findElement(By.id("parcel-code")).getText()));
        assertThat(driver.findElement(By.id("parcel-panel")).isDisplayed()).isTrue();

        JsonNode p = expected.path("properties");
        assertThat(text("parcel-state")).as("state name").isEqualTo(p.path("state").path("name").asString());
        JsonNode enterprise = p.path("enterprise");
        assertThat(text("parcel-enterprise")).as("enterprise name")
                .isEqualTo(enterprise.isNull() ? "—" : enterprise.path("name").asString());
        double mu = Double.parseDouble(text("parcel-area-mu").replace(",", ""));
        assertThat(mu).as("area in mu").isCloseTo(p.path("area").path("mu").asDouble(), within(0.0051));
        assertThat(text("parcel-area-m2")).as("m² without decimals, with separators").matches("[0-9]{1,3}(,[0-9]{3})*");
        assertThat(text("parcel-land-use")).as("land-use code").contains(p.path("landUse").path("code").asString());
        assertThat(driver.getCurrentUrl()).as("the URL names the parcel: " + driver.getCurrentUrl()).endsWith("#" + id);

        screenshot("map-parcel-panel.png");

        driver.findElement(By.id("parcel-close")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("parcel-panel")).isDisplayed());
    }

    @Test
    void legendListsEveryStateAndBlocksAreLabelled() throws IOException {
        open("/");

        String legend = driver.findElement(By.id("legend")).getText();
        for (JsonNode state : api.json("/api/states")) {
            assertThat(legend).as("legend lacks " + state.path("nameZh")).contains(state.path("nameZh").asString());
            assertThat(legend).as("legend lacks " + state.path("nameEn")).contains(state.path("nameEn").asString());
        }

        new Select(driver.findElement(By.id("zone-select"))).selectByValue("anji");
        // The whole zone at a zoom below the parcels: zones outlined, blocks named, a note to zoom in.
        js("""
                const { map } = window.landrenew;
                const z = window.landrenew.zones.get('anji');
                const [w, s, e, n] = z.bbox;
                map.setView([(s + n) / 2, (w + e) / 2], 12, { animate: false });
                """);
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".block-label")).stream()
                .map(WebElement::getText).anyMatch(t -> t.contains("范潭工业园")));
        assertThat(driver.findElement(By.id("zoom-note")).isDisplayed()).as("no 'zoom in' note below zoom 13").isTrue();
        screenshot("map-zone-overview.png");
    }

    @Test
    void theTilesDrawEveryParcelOfTheViewWithTheStateTheApiGives() {
        open("/");
        // A close view of Anji's densest block, and wait until its tiles are drawn.
        JsonNode first = api.json("/api/parcels/anji/" + path(firstAnjiParcel()));
        JsonNode centre = first.path("properties").path("centroid");
        Object outcome = driver.executeAsyncScript("""
                const [lon, lat] = arguments[0];
                const done = arguments[arguments.length - 1];
                const { map, parcelTiles } = window.landrenew;
                parcelTiles.once('load', () => setTimeout(() => done('drawn'), 100));
                map.setView([lat, lon], 15, { animate: false });
                setTimeout(() => done('the tiles never loaded'), 20000);
                """, List.of(centre.get(0).asDouble(), centre.get(1).asDouble()));
        assertThat(outcome).isEqualTo("drawn");

        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) js("""
                const { map, drawnParcels } = window.landrenew;
                const size = map.getSize();
                const inView = {};
                for (const [id, parcel] of drawnParcels()) {
                  const b = parcel.screenBounds();
                  if (b.max.x >= 0 && b.max.y >= 0 && b.min.x <= size.x && b.min.y <= size.y) inView[id] = parcel.properties.state;
                }
                const bounds = map.getBounds();
                return { inView, west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth(),
                         status: document.getElementById('load-status').textContent };
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) view.get("inView");
        assertThat(drawn.size() > 50).as("few parcels drawn at zoom 15: " + drawn.size()).isTrue();
        assertThat(String.valueOf(view.get("status")).replace(",", ""))
                .as("the bar counts the parcels drawn in view: " + view.get("status"))
                .contains(String.valueOf(drawn.size()));

        double w = ((Number) view.get("west")).doubleValue();
        double s = ((Number) view.get("south")).doubleValue();
        double e = ((Number) view.get("east")).doubleValue();
        double n = ((Number) view.get("north")).doubleValue();
        double dx = (e - w) / 10;
        double dy = (n - s) / 10;
        // Every parcel well inside the view is drawn, with its state...
        JsonNode inner = api.json("/api/parcels?limit=5000&bbox=" + (w + dx) + "," + (s + dy) + "," + (e - dx) + "," + (n - dy));
        assertThat(inner.path("numberMatched").asInt() > 20).isTrue();
        for (JsonNode feature : inner.path("features")) {
            String id = feature.path("id").asString();
            assertThat(drawn).as(id + " is in the view but not drawn").containsKey(id);
            assertThat(drawn.get(id)).as("state of " + id)
                    .isEqualTo(feature.path("properties").path("state").asString());
        }
        // ...and nothing is drawn that is not near it.
        JsonNode outer = api.json("/api/parcels?limit=5000&bbox=" + (w - dx) + "," + (s - dy) + "," + (e + dx) + "," + (n + dy));
        java.util.Set<String> near = new java.util.HashSet<>();
        outer.path("features").forEach(f -> near.add(f.path("id").asString()));
        for (String id : drawn.keySet()) {
            assertThat(near).as(id + " is drawn but not near the view").contains(id);
        }
        screenshot("map-tiles.png");
    }

    @Test
    void linksOpenTheirParcelAndTheLocateBoxSaysWhenACodeIsUnknown() {
        JsonNode anji = null;
        for (JsonNode zone : api.json("/api/zones").path("features")) {
            if ("anji".equals(zone.path("id").asString())) {
                anji = zone;
            }
        }
        assertThat(anji).as("no zone anji").isNotNull();
        List<String> bbox = new ArrayList<>();
        anji.path("bbox").forEach(v -> bbox.add(v.asString()));
        JsonNode some = api.json("/api/parcels?zone=anji&limit=2&bbox=" + String.join(",", bbox)).path("features");
        String linked = some.get(0).path("properties").path("code").asString();
        String located = some.get(1).path("properties").path("code").asString();

        open("/#anji/" + path(linked));
        new WebDriverWait(driver, WAIT).until(d -> linked.equals(d.findElement(By.id("parcel-code")).getText()));
        assertThat(text("parcel-state")).isEqualTo(
                api.json("/api/parcels/anji/" + path(linked)).path("properties").path("state").path("name").asString());

        WebElement input = driver.findElement(By.id("locate-input"));
        input.clear();
        input.sendKeys("NO-SUCH-PARCEL-404");
        driver.findElement(By.id("locate-button")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("bar-message")).getText().contains("未找到"));
        assertThat(text("bar-message").toLowerCase()).as(text("bar-message")).contains("not found");

        input.clear();
        input.sendKeys(located);
        driver.findElement(By.id("locate-button")).click();
        new WebDriverWait(driver, WAIT).until(d -> located.equals(d.findElement(By.id("parcel-code")).getText()));
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().endsWith("#anji/" + path(located)));
    }

    // ---------------------------------------------------------------- helpers

    /** The code of the Anji parcel in the block with the most parcels that comes first. */
    private String firstAnjiParcel() {
        JsonNode blocks = api.json("/api/zones/anji/blocks").path("features");
        JsonNode densest = null;
        for (JsonNode block : blocks) {
            if (densest == null || block.path("properties").path("parcelCount").asInt()
                    > densest.path("properties").path("parcelCount").asInt()) {
                densest = block;
            }
        }
        JsonNode label = densest.path("properties").path("labelPoint");
        double lon = label.get(0).asDouble();
        double lat = label.get(1).asDouble();
        JsonNode near = api.json("/api/parcels?zone=anji&limit=1&bbox=" + (lon - 0.002) + "," + (lat - 0.002) + ","
                + (lon + 0.002) + "," + (lat + 0.002));
        return near.path("features").get(0).path("properties").path("code").asString();
    }

    /** Loads the page afresh (also when only the hash differs) and waits for its first parcels. */
    private void open(String pathAndHash) {
        driver.get("about:blank");
        driver.get(api.url(pathAndHash));
        Object outcome = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const deadline = Date.now() + 25000;
                (function wait() {
                  if (window.landrenew) {
                    window.landrenew.ready.then(() => done('ready'), (e) => done('failed: ' + (e && e.message)));
                  } else if (Date.now() > deadline) {
                    done('window.landrenew never appeared');
                  } else {
                    setTimeout(wait, 50);
                  }
                })();
                """);
        assertThat(outcome).as("the map did not load its parcels").isEqualTo("ready");
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
