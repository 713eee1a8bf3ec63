package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The map page at 1600×1000 with its ground: our basemap drawn under the parcels with its names, the
 * finder's motorway exit on it, and the search box finding a parcel by the tail of its code and an
 * enterprise by name. Screenshots in target/screenshots/basemap-*.png.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasemapSearchBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Pixels some basemap tile has drawn (not transparent), and the panes' stacking. */
    private static final String BASEMAP_DRAWN = """
            const { map } = window.landrenew;
            let drawn = 0;
            for (const canvas of map.getPane('basemap').querySelectorAll('canvas')) {
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
            }
            const z = (name) => Number(getComputedStyle(map.getPane(name)).zIndex);
            return { drawn, basemap: z('basemap'), parcels: z('parcels'), overlay: z('overlayPane'),
                     labels: document.querySelectorAll('.basemap-label').length };
            """;

    @LocalServerPort
    int port;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        api = new Api(port);
        browser = Browser.start(1600, 1000);
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
    void theBasemapIsDrawnUnderTheParcelsWithItsNamesAndTheMotorwayExit() {
        assertThat(browser.open(api.url("/"), "landrenew")).isEqualTo("ready");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> state = (java.util.Map<String, Object>) waitFor(BASEMAP_DRAWN, "drawn");
        assertThat(((Number) state.get("basemap")).intValue()).as("the basemap pane lies under the fills and parcels")
                .isLessThan(((Number) state.get("overlay")).intValue())
                .isLessThan(((Number) state.get("parcels")).intValue());
        assertThat(((Number) state.get("labels")).intValue()).as("names of roads and places").isPositive();
        browser.screenshot("basemap-map.png");

        // The layer switcher: no basemap (shapes and names go), ours again; the blocks off.
        driver.findElement(By.cssSelector("#layer-switcher .leaflet-control-layers-toggle")).click();
        switcher("无底图").click();
        assertThat(browser.js("return window.landrenew.map.hasLayer(window.landrenew.basemapTiles)")).isEqualTo(Boolean.FALSE);
        assertThat(driver.findElements(By.cssSelector(".basemap-label"))).isEmpty();
        switcher("本站底图").click();
        waitFor(BASEMAP_DRAWN, "labels");
        int blockLabels = driver.findElements(By.cssSelector(".block-label")).size();
        assertThat(blockLabels).isPositive();
        switcher("区块").click();
        assertThat(driver.findElements(By.cssSelector(".block-label"))).as("blocks hidden").isEmpty();
        switcher("区块").click();
        assertThat(driver.findElements(By.cssSelector(".block-label"))).hasSize(blockLabels);
        // Idle land and available land highlighted over the parcels: their tiles are drawn in the outlines' pane.
        String canvases = "return window.landrenew.map.getPane('outlines').querySelectorAll('canvas').length";
        for (String highlight : List.of("闲置土地", "可供土地")) {
            long before = ((Number) browser.js(canvases)).longValue();
            switcher(highlight).click();
            new WebDriverWait(driver, WAIT).until(d -> ((Number) browser.js(canvases)).longValue() > before);
            switcher(highlight).click();
            new WebDriverWait(driver, WAIT).until(d -> ((Number) browser.js(canvases)).longValue() == before);
        }

        // The finder's motorway exit, found by its name, is on the map with its name.
        search("杭长高速安吉出口");
        WebElement first = new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector("#search-suggestions li")));
        assertThat(first.getText()).contains("杭长高速安吉出口", "高速出口");
        first.click();
        new WebDriverWait(driver, WAIT).until(d -> browser.js("""
                const { map } = window.landrenew;
                return map.getZoom() >= 14 && [...document.querySelectorAll('.basemap-motorway_exit')]
                  .some((label) => label.textContent === '杭长高速安吉出口'
                        && map.getContainer().getBoundingClientRect().top < label.getBoundingClientRect().top);
                """).equals(Boolean.TRUE));
        waitFor(BASEMAP_DRAWN, "drawn");
        browser.screenshot("basemap-motorway-exit.png");
    }

    @Test
    void searchingTheTailOfACodeOpensThatParcel() {
        assertThat(browser.open(api.url("/"), "landrenew")).isEqualTo("ready");
        JsonNode answers = api.json("/api/search?q=GB00011");
        String expected = answers.get(0).path("label").asString();
        assertThat(expected).endsWith("GB00011");
        search("GB00011");
        List<WebElement> items = new WebDriverWait(driver, WAIT)
                .until(d -> d.findElements(By.cssSelector("#search-suggestions li.search-parcel")).isEmpty() ? null
                        : d.findElements(By.cssSelector("#search-suggestions li.search-parcel")));
        assertThat(items.get(0).getText()).contains(expected);
        driver.findElement(By.id("locate-input")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> expected.equals(d.findElement(By.id("parcel-code")).getText()));
        awaitParcelsDrawn();
        browser.screenshot("basemap-search-code-tail.png");
    }

    @Test
    void searchingAnEnterpriseByNameFliesToItsLand() {
        assertThat(browser.open(api.url("/"), "landrenew")).isEqualTo("ready");
        JsonNode enterprise = null;
        for (JsonNode answer : api.json("/api/search?q=" + URLEncoder.encode("椅业", StandardCharsets.UTF_8))) {
            if (answer.path("kind").asString().equals("enterprise")) {
                enterprise = answer;
                break;
            }
        }
        assertThat(enterprise).as("a sample enterprise making chairs").isNotNull();
        String name = enterprise.path("label").asString();
        JsonNode bbox = enterprise.path("bbox");
        double lon = (bbox.get(0).asDouble() + bbox.get(2).asDouble()) / 2;
        double lat = (bbox.get(1).asDouble() + bbox.get(3).asDouble()) / 2;
        // Start far from it (a view of the other zone's side), so that the flight is seen.
        browser.js("window.landrenew.map.setView([arguments[0] + 0.3, arguments[1] + 0.3], 13, { animate: false })", lat, lon);
        assertThat(browser.js("return window.landrenew.map.getBounds().contains([arguments[0], arguments[1]])", lat, lon))
                .as("its land is not in view before").isEqualTo(Boolean.FALSE);
        search(name);
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#search-suggestions li.search-enterprise")).isEmpty());
        WebElement input = driver.findElement(By.id("locate-input"));
        List<WebElement> items = driver.findElements(By.cssSelector("#search-suggestions li"));
        int index = 0;
        while (!items.get(index).getAttribute("class").contains("search-enterprise")) {
            index++;
        }
        for (int i = 0; i <= index; i++) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(items.get(index).getAttribute("class")).contains("active");
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> browser.js("""
                const { map } = window.landrenew;
                return !map._animatingZoom && map.getZoom() >= 14 && map.getBounds().contains([arguments[0], arguments[1]]);
                """, lat, lon).equals(Boolean.TRUE));
        assertThat(driver.findElement(By.id("bar-message")).getText()).contains(name);
        awaitParcelsDrawn();
        browser.screenshot("basemap-search-enterprise.png");
    }

    /** Waits until the parcel tiles of the view are loaded and draw parcels (for the screenshots). */
    private void awaitParcelsDrawn() {
        new WebDriverWait(driver, WAIT).until(d -> browser.js("""
                const { map, parcelTiles, drawnParcels } = window.landrenew;
                return !map._animatingZoom && !parcelTiles.isLoading() && drawnParcels().size > 0;
                """).equals(Boolean.TRUE));
    }

    /** The input of the layer switcher's entry whose label holds {@code text}. */
    private WebElement switcher(String text) {
        return driver.findElements(By.cssSelector("#layer-switcher label")).stream()
                .filter(label -> label.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no switcher entry " + text)).findElement(By.tagName("input"));
    }

    private void search(String text) {
        WebElement input = driver.findElement(By.id("locate-input"));
        input.clear();
        input.sendKeys(text);
    }

    /** Runs {@code script} until its answer's {@code key} is a positive number; answers the last answer. */
    private Object waitFor(String script, String key) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            Object answer = browser.js(script);
            return answer instanceof java.util.Map<?, ?> m && m.get(key) instanceof Number n && n.intValue() > 0 ? answer : null;
        });
    }
}
