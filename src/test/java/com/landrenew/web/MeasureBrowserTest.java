package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * The map's measuring tool (map/measure.js): the area and the distance it shows for clicked points agree
 * with PostGIS's planar area and length of the same points in EPSG:4549 (the official areas' CRS), and
 * clicks while measuring do not open parcels.
 */
@BrowserTest
class MeasureBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "measure-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X = AREA.x0() + 100;
    private static final double Y = AREA.y0() + 100;
    private static final Pattern M2 = Pattern.compile("([0-9,]+\\.[0-9]) m²");
    private static final Pattern DISTANCE = Pattern.compile("([0-9,]+\\.[0-9]) m");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void areaAndDistanceAgreeWithPostgisInTheSurveyCrs() {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
        fixtures.parcel(ZONE, null, "MS-1", X, Y, X + 100, Y + 200, "100102", null);   // 100 m x 200 m

        try (Browser browser = Browser.start(1280, 1000)) {
            ChromeDriver driver = browser.driver();
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            assertThat(browser.open(api.url("/#" + ZONE + "/MS-1"), "landrenew")).isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.findElement(By.id("parcel-close")).click();

            driver.findElement(By.id("measure-area")).click();
            assertThat(browser.js("return window.landrenew.measure.mode();")).isEqualTo("area");
            List<List<Number>> corners = List.of(pagePoint(browser, X, Y), pagePoint(browser, X + 100, Y),
                    pagePoint(browser, X + 100, Y + 200), pagePoint(browser, X, Y + 200));
            for (int i = 0; i < corners.size() - 1; i++) {
                new Actions(driver).moveToLocation(corners.get(i).get(0).intValue(), corners.get(i).get(1).intValue())
                        .click().perform();
            }
            new Actions(driver).moveToLocation(corners.get(3).get(0).intValue(), corners.get(3).get(1).intValue())
                    .doubleClick().perform();
            wait.until(d -> browser.js("return window.landrenew.measure.mode();") == null);
            String readout = driver.findElement(By.id("measure-readout")).getText();
            browser.screenshot("map-measure-area.png");
            assertThat(driver.findElement(By.id("parcel-panel")).isDisplayed()).as("clicks while measuring open no parcel").isFalse();

            double shown = number(M2, readout);
            double postgis = jdbc.sql("select ST_Area(ST_Transform(ST_GeomFromText(:wkt, 4326), 4549))")
                    .param("wkt", "POLYGON((" + ring(browser) + "))").query(Double.class).single();
            assertThat(shown).as(readout).isCloseTo(postgis, within(postgis * 0.0005));
            assertThat(shown).as("the parcel's corners, clicked to the pixel").isCloseTo(20_000, within(400.0));
            assertThat(readout).contains("亩");

            driver.findElement(By.id("measure-length")).click();
            new Actions(driver).moveToLocation(corners.get(0).get(0).intValue(), corners.get(0).get(1).intValue())
                    .click().perform();
            new Actions(driver).moveToLocation(corners.get(2).get(0).intValue(), corners.get(2).get(1).intValue())
                    .doubleClick().perform();
            wait.until(d -> browser.js("return window.landrenew.measure.mode();") == null);
            String line = driver.findElement(By.id("measure-readout")).getText();
            double length = jdbc.sql("select ST_Length(ST_Transform(ST_GeomFromText(:wkt, 4326), 4549))")
                    .param("wkt", "LINESTRING(" + path(browser) + ")").query(Double.class).single();
            assertThat(number(DISTANCE, line)).as(line).isCloseTo(length, within(length * 0.0005));
            assertThat(length).as("the diagonal of 100 m x 200 m").isCloseTo(Math.hypot(100, 200), within(3.0));
        }
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Number>> points(Browser browser) {
        return (List<List<Number>>) browser.js("return window.landrenew.measure.points();");
    }

    private static String path(Browser browser) {
        return points(browser).stream().map(p -> p.get(0) + " " + p.get(1)).collect(Collectors.joining(","));
    }

    private static String ring(Browser browser) {
        List<List<Number>> points = points(browser);
        return path(browser) + "," + points.get(0).get(0) + " " + points.get(0).get(1);
    }

    private List<Number> pagePoint(Browser browser, double x, double y) {
        return browser.mapPagePoint(SurveyShapes.lonLat(jdbc, x, y));
    }
}
