package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A planner, signed in, splits a parcel from the map's panel in headless Chromium: "分割 Split", a line clicked across
 * the parcel and finished with a double-click, confirmed; the children then exist in the API and the
 * parent is gone. Fixture zone "split-browser" is the 1 km square
 * of its own test area.
 */
@BrowserTest
class ParcelSplitBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "split-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X = AREA.x0() + 100;
    private static final double Y = AREA.y0() + 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPlannerSplitsAParcelByDrawingALineAcrossIt() {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
        // 100 m x 200 m; the line at x + 30 cuts 30 x 200 = 6,000 m² and 70 x 200 = 14,000 m²
        fixtures.parcel(ZONE, null, "SB-1", X, Y, X + 100, Y + 200, "100102", null);

        try (Browser browser = Browser.start(1280, 1000)) {
            ChromeDriver driver = browser.driver();
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            assertThat(browser.open(api.url("/#" + ZONE + "/SB-1"), "landrenew")).isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> !d.findElements(By.id("split-start")).isEmpty());
            driver.findElement(By.id("split-start")).click();

            List<List<Number>> points = List.of(pagePoint(browser, X + 30, Y - 25), pagePoint(browser, X + 30, Y + 225));
            new Actions(driver).moveToLocation(points.get(0).get(0).intValue(), points.get(0).get(1).intValue()).click()
                    .perform();
            new Actions(driver).moveToLocation(points.get(1).get(0).intValue(), points.get(1).get(1).intValue())
                    .doubleClick().perform();
            wait.until(d -> !d.findElements(By.id("split-form")).isEmpty());
            driver.findElement(By.id("split-reason")).sendKeys("分两宗出让");
            browser.screenshot("parcel-split-line.png");
            driver.findElement(By.id("split-submit")).click();

            wait.until(d -> d.findElement(By.id("parcel-code")).getText().equals("SB-1-1"));
            wait.until(d -> d.findElement(By.id("parcel-lineage")).getText().contains("SB-1"));
            assertThat(driver.findElement(By.id("transition-ok")).getText()).contains("SB-1-1、SB-1-2");
            browser.screenshot("parcel-split-done.png");
        }

        // The line was clicked to the pixel (about a metre here): the parts are 14,000 and 6,000 m² to 200 m² (a metre
        // along the 200 m cut), and make up the parent exactly.
        double larger = api.json("/api/parcels/" + ZONE + "/SB-1-1").path("properties").path("area").path("m2").asDouble();
        double smaller = api.json("/api/parcels/" + ZONE + "/SB-1-2").path("properties").path("area").path("m2").asDouble();
        assertThat(larger).as("the larger part first").isCloseTo(14000.0, within(200.0));
        assertThat(smaller).isCloseTo(6000.0, within(200.0));
        assertThat(larger + smaller).isCloseTo(20000.0, within(0.01));
        assertThat(api.get("/api/parcels/" + ZONE + "/SB-1").status()).isEqualTo(410);
        assertThat(api.json("/api/parcels/" + ZONE + "/SB-1-2/lineage").path("parents").get(0)
                .path("actor").asString()).isEqualTo(TestUsers.PLANNER);
    }

    /** Where a survey point (EPSG:4549) lies on the page, in CSS pixels. */
    private List<Number> pagePoint(Browser browser, double x, double y) {
        return browser.mapPagePoint(SurveyShapes.lonLat(jdbc, x, y));
    }
}
