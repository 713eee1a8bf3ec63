package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The map view's print layout (map/print.js): on paper a title with the zone and the date, the map with
 * its scale bar, a north arrow and the legend, without the top bar; a spinner while a slow parcel
 * answers; block names stepping back where parcels are drawn.
 */
@BrowserTest
class MapViewBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "map-view-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X = AREA.x0() + 200;
    private static final double Y = AREA.y0() + 200;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api land() {
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (MapViewBrowserTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
                fixtures.block(ZONE, "b", X - 20, Y - 20, X + 420, Y + 220);
                fixtures.parcel(ZONE, "b", "MV-1", X, Y, X + 200, Y + 200, "100102", null);
                fixtures.parcel(ZONE, "b", "MV-2", X + 210, Y, X + 400, Y + 200, "100101", null);
            }
        }
        return new Api(port);
    }

    @Test
    void onAPhoneTheCardAndTheFinderAreBottomSheetsOverAVisibleMap() {
        Api api = land();
        try (Browser browser = Browser.start(1400, 900)) {
            ChromeDriver driver = browser.driver();
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            browser.emulatePhone(390, 844);
            assertThat(browser.open(api.url("/#" + ZONE + "/MV-1"), "landrenew")).isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> d.findElement(By.id("parcel-panel")).isDisplayed());
            assertThat(top("parcel-panel", browser)).as("the card leaves the upper half of the map").isGreaterThan(844 * 0.45);
            browser.screenshot("phone-card-sheet.png");
            driver.findElement(By.cssSelector("#parcel-panel .sheet-handle")).click();
            assertThat(height("parcel-panel", browser)).as("folded to its head").isLessThan(100);
            driver.findElement(By.cssSelector("#parcel-panel .sheet-handle")).click();
            assertThat(height("parcel-panel", browser)).as("out again").isGreaterThan(300);

            // The finder over it: the finder opens as a sheet; a parcel opened from it folds the finder.
            browser.js("document.getElementById('finder-toggle').click();");
            wait.until(d -> d.findElement(By.id("finder-panel")).isDisplayed());
            assertThat(top("finder-panel", browser)).isGreaterThan(844 * 0.45);
            browser.screenshot("phone-finder-sheet.png");
            browser.js("window.landrenew.selectParcel(arguments[0], 'MV-2');", ZONE);
            wait.until(d -> d.findElement(By.id("parcel-code")).getText().contains("MV-2"));
            assertThat(height("finder-panel", browser)).as("the finder folds under the card").isLessThan(70);
            assertThat(top("parcel-panel", browser)).as("the map still shows above both").isGreaterThan(844 * 0.45);
            browser.screenshot("phone-card-and-finder-sheets.png");
        }
    }

    private static double top(String id, Browser browser) {
        return ((Number) browser.js("return document.getElementById(arguments[0]).getBoundingClientRect().top;", id)).doubleValue();
    }

    private static double height(String id, Browser browser) {
        return ((Number) browser.js("return document.getElementById(arguments[0]).getBoundingClientRect().height;", id)).doubleValue();
    }

    @Test
    void printsTheViewWithTitleLegendScaleAndNorthArrowAndShowsASpinnerOnASlowParcel() {
        Api api = land();
        try (Browser browser = Browser.start(1400, 900)) {
            ChromeDriver driver = browser.driver();
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            assertThat(browser.open(api.url("/#" + ZONE + "/MV-1"), "landrenew")).isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);

            // A parcel that answers slowly shows a spinner until its card shows.
            browser.js("""
                    const original = window.fetch;
                    window.fetch = (url, options) => String(url).includes('api/parcels/') && String(url).endsWith('MV-2')
                      ? new Promise((resolve) => setTimeout(() => resolve(original(url, options)), 1500)) : original(url, options);""");
            browser.js("window.landrenew.selectParcel(arguments[0], 'MV-2');", ZONE);
            wait.until(d -> d.findElement(By.id("parcel-loading")).isDisplayed());
            assertThat(driver.findElement(By.id("parcel-loading")).getText()).contains("读取宗地", "Loading");
            wait.until(d -> d.findElement(By.id("parcel-code")).getText().contains("MV-2"));
            assertThat(driver.findElement(By.id("parcel-loading")).isDisplayed()).as("gone once the card shows").isFalse();
            driver.findElement(By.id("parcel-close")).click();

            // Where parcels are drawn (zoom 13 and closer), block names step back.
            assertThat(((Number) browser.js("return window.landrenew.map.getZoom();")).intValue()).isGreaterThanOrEqualTo(13);
            assertThat(driver.findElement(By.id("map")).getAttribute("class")).contains("labels-parcels");

            // Print: the browser's dialog is replaced by a counter; the page is then shown as on paper.
            browser.js("window.printed = 0; window.print = () => { window.printed++; };");
            driver.findElement(By.id("print-map")).click();
            assertThat(((Number) browser.js("return window.printed;")).intValue()).isEqualTo(1);
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            String zoneName = String.valueOf(browser.js("return document.getElementById('zone-select').selectedOptions[0].textContent.trim();"));
            String title = driver.findElement(By.id("print-sheet")).getText();
            assertThat(title).contains("LandRenew", zoneName, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "宗");
            for (String shown : List.of("print-sheet", "print-north", "legend", "map")) {
                assertThat(driver.findElement(By.id(shown)).isDisplayed()).as(shown + " on paper").isTrue();
            }
            assertThat(driver.findElement(By.cssSelector(".leaflet-control-scale")).isDisplayed()).as("scale bar").isTrue();
            assertThat(driver.findElements(By.cssSelector("#legend .legend-item")).size()).as("every state").isGreaterThan(3);
            assertThat(driver.findElement(By.id("topbar")).isDisplayed()).as("no top bar on paper").isFalse();
            assertThat(driver.findElement(By.id("print-map")).isDisplayed()).as("nor the print button").isFalse();
            Object mapTop = browser.js("return document.getElementById('map').getBoundingClientRect().top;");
            Object sheetBottom = browser.js("return document.getElementById('print-sheet').getBoundingClientRect().bottom;");
            assertThat(((Number) mapTop).doubleValue()).as("the title above the map").isGreaterThanOrEqualTo(((Number) sheetBottom).doubleValue());
            browser.screenshot("map-print.png");

            // After printing the screen is as it was.
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            browser.js("window.dispatchEvent(new Event('afterprint'));");
            assertThat(driver.findElement(By.id("print-north")).isDisplayed()).as("the arrow is for paper").isFalse();
            assertThat(driver.findElement(By.id("topbar")).isDisplayed()).isTrue();
        }
    }
}
