package com.landrenew.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 3D view of a combined site in Chromium: three stored parcels S1–S3 (S2 an L of two rectangles)
 * with height limits, and N, in use, beside them. The site is one subject: its total area, every
 * parcel's envelope, all of it in the camera's view; the saved PNG carries a title band and a legend;
 * on a phone Reset and Save are reachable and the info panel is folded.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SceneBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "scene-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X = AREA.x0() + 200;
    private static final double Y = AREA.y0() + 200;
    private static final String[] WEBGL = { "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        "--ignore-gpu-blocklist" };
    private static final Pattern MU = Pattern.compile("共 ([0-9,]+\\.[0-9]{2}) 亩");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeAll
    void buildTheLand() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (fixtures.zoneExists(ZONE)) {
            return;
        }
        fixtures.zone(ZONE, AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
        fixtures.block(ZONE, "b", X - 20, Y - 20, X + 520, Y + 220);
        long s1 = fixtures.parcel(ZONE, "b", "S1", X, Y, X + 120, Y + 90, "100102", null);
        long s2 = fixtures.parcel(ZONE, "b", "S2", X + 130, Y, X + 260, Y + 70, "100102", null);
        long s3 = fixtures.parcel(ZONE, "b", "S3", X + 270, Y, X + 333.3, Y + 150, "100102", null);
        fixtures.parcel(ZONE, "b", "N", X + 350, Y, X + 500, Y + 150, "100101", null);
        // S2 becomes an L: a second rectangle on its north side
        jdbc.sql("update parcel set geom = ST_Multi(ST_Union(geom, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549))) where id = :id")
                .param("x0", X + 130).param("y0", Y + 70).param("x1", X + 170).param("y1", Y + 200).param("id", s2).update();
        for (long id : List.of(s1, s2, s3)) {
            fixtures.walk(id, "2024-03-01", "vacating", "vacated", "stored");
        }
        jdbc.sql("update parcel set far_min = 1.0, far_max = 2.5, height_limit_m = 30 where id = any(cast(:ids as bigint[]))")
                .param("ids", new Long[] { s1, s2, s3 }).update();
    }

    private String sceneUrl() {
        return api.url("/scene.html?zone=" + ZONE + "&code=S1&site=S1,S2,S3");
    }

    @Test
    void aCombinedSiteIsOneSubjectFramedWholeAndSavedWithTitleAndLegend() {
        try (Browser browser = Browser.start(1280, 800, WEBGL)) {
            ChromeDriver driver = browser.driver();
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            assertThat(browser.open(sceneUrl(), "landrenewScene")).isEqualTo("ready");

            double expectedMu = jdbc.sql("""
                    select sum(ST_Area(ST_Transform(p.geom, 4549))) * 15 / 10000 from parcel p join zone z on z.id = p.zone_id
                    where z.code = :zone and p.code in ('S1', 'S2', 'S3')""").param("zone", ZONE).query(Double.class).single();
            String total = driver.findElement(By.id("scene-site-area")).getText();
            Matcher m = MU.matcher(total);
            assertThat(m.find()).as(total).isTrue();
            assertThat(Double.parseDouble(m.group(1).replace(",", ""))).as(total).isCloseTo(expectedMu, within(0.005));
            assertThat(total).startsWith("3 宗");
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) browser.js("return window.landrenewScene.stats;");
            assertThat(((Number) stats.get("siteParcels")).intValue()).isEqualTo(3);
            assertThat(((Number) stats.get("envelopes")).intValue()).as("every parcel's envelope").isEqualTo(3);
            assertThat(((Number) stats.get("areaMu")).doubleValue()).isCloseTo(expectedMu, within(0.0001));
            assertThat(driver.findElement(By.id("scene-info")).getText()).contains("S1", "S2", "S3");
            assertThat(driver.findElement(By.id("scene-label")).getText()).contains("S1", "等 3 宗", "亩");

            // Every corner of every parcel of the site lies inside the camera's view.
            Object outside = browser.js("""
                    const s = window.landrenewScene;
                    const ndc = s.current.site.parcels.flatMap((p) => p.polygons.flatMap((poly) => poly[0]))
                      .map(([x, y]) => new s.camera.position.constructor(x, 0, -y).project(s.camera));
                    return ndc.filter((v) => Math.abs(v.x) > 1 || Math.abs(v.y) > 1).length;""");
            assertThat(((Number) outside).intValue()).as("corners outside the view").isZero();

            // A neighbour's code on hover.
            @SuppressWarnings("unchecked")
            List<Number> n = (List<Number>) browser.js("""
                    const s = window.landrenewScene;
                    const box = s.renderer.domElement.getBoundingClientRect();
                    const origin = s.current.origin;
                    const v = new s.camera.position.constructor(arguments[0] - origin.x, 0, -(arguments[1] - origin.y)).project(s.camera);
                    return [Math.round(box.left + (v.x + 1) / 2 * box.width), Math.round(box.top + (1 - v.y) / 2 * box.height)];""",
                    X + 425, Y + 75);
            new Actions(driver).moveToLocation(n.get(0).intValue(), n.get(1).intValue()).perform();
            new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("scene-hover")).isDisplayed());
            assertThat(driver.findElement(By.id("scene-hover")).getText()).contains("N");
            browser.screenshot("scene-3d-combined-site.png");

            // The saved picture: the view with a title band above and a legend band below.
            driver.findElement(By.id("scene-save")).click();
            new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(browser.js("return window.landrenewScene.saved !== null;")));
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = (Map<String, Object>) browser.js("""
                    const s = window.landrenewScene.saved;
                    return { type: s.type, bytes: s.bytes, width: s.width, height: s.height, viewWidth: s.viewWidth,
                             viewHeight: s.viewHeight, title: s.title, legend: s.legend };""");
            assertThat(saved.get("type")).isEqualTo("image/png");
            assertThat(((Number) saved.get("width")).intValue()).isEqualTo(((Number) saved.get("viewWidth")).intValue());
            assertThat(((Number) saved.get("height")).intValue()).as("title and legend bands around the view")
                    .isGreaterThan(((Number) saved.get("viewHeight")).intValue() + 80);
            assertThat(String.valueOf(saved.get("title"))).contains(ZONE, "S1", "S2", "S3", String.format("%.2f 亩", expectedMu));
            assertThat(((Number) saved.get("legend")).intValue()).as("states, buildings, roads, site, envelope")
                    .isGreaterThanOrEqualTo(5);
            // The title is drawn: light text pixels in the dark title band.
            Object light = browser.js("""
                    const c = window.landrenewScene.saved.canvas;
                    const d = c.getContext('2d').getImageData(0, 0, c.width, Math.round(c.height - window.landrenewScene.saved.viewHeight) / 3).data;
                    let light = 0;
                    for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 200 && d[i + 2] > 200) light++;
                    return light;""");
            assertThat(((Number) light).intValue()).as("white title text in the band").isGreaterThan(200);
            // The picture itself, to look at.
            String png = String.valueOf(browser.js("return window.landrenewScene.saved.canvas.toDataURL('image/png');"));
            try {
                Files.write(browser.screenshot("scene-3d-saved-picture.png"),
                        Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void onAPhoneResetAndSaveAreReachableAndTheInfoPanelIsFolded() {
        try (Browser browser = Browser.start(1280, 800, WEBGL)) {
            ChromeDriver driver = browser.driver();
            browser.emulatePhone(390, 844);
            assertThat(browser.open(sceneUrl(), "landrenewScene")).as("a visitor sees stored land").isEqualTo("ready");
            for (String id : List.of("scene-reset", "scene-save")) {
                assertThat(driver.findElement(By.id(id)).isDisplayed()).as(id).isTrue();
                Object right = browser.js("return arguments[0].getBoundingClientRect().right;", driver.findElement(By.id(id)));
                assertThat(((Number) right).doubleValue()).as(id + " within the screen").isLessThanOrEqualTo(390);
            }
            assertThat(((Number) browser.js("return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(390);
            Object infoHeight = browser.js("return document.getElementById('scene-info').getBoundingClientRect().height;");
            assertThat(((Number) infoHeight).doubleValue()).as("folded: a line, not half the view").isLessThan(60);
            assertThat(driver.findElement(By.cssSelector(".touch-hint")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.cssSelector(".touch-hint")).getText()).contains("单指", "One finger");
            browser.screenshot("scene-3d-phone.png");
            driver.findElement(By.id("scene-info-toggle")).click();
            assertThat(driver.findElement(By.id("scene-site-area")).isDisplayed()).isTrue();
            browser.screenshot("scene-3d-phone-info.png");
        }
    }
}
