package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A zone set up from nothing in the browser, as an admin does on a fresh installation: the zone made from
 * pasted GeoJSON on the zones page, its blocks and then its parcels imported there, the parcels placed in
 * the blocks by location and drawn on the map. Zone zp-new (1 km square) on this class's own test area.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZonesPageBrowserTest {

    static final String ZONE = "zp-new";
    static final TestAreas.Area AREA = TestAreas.claim("ZonesPageBrowserTest", 2, 2);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    private Browser browser;
    private WebDriver driver;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start(1280, 1100);
        browser.signIn("http://localhost:" + port + "/login.html", TestUsers.ADMIN);
        driver = browser.driver();
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminCreatesAZoneImportsItsBlocksAndParcelsAndSeesThemOnTheMap() throws Exception {
        assertThat(browser.open("http://localhost:" + port + "/zones.html", "landrenewZones")).isEqualTo("ready");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.findElement(By.id("zone-code")).sendKeys(ZONE);
        driver.findElement(By.id("zone-name")).sendKeys("新建测试园区");
        browser.js("document.getElementById('zone-geojson').value = arguments[0];",
                SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X, Y, X + 1000, Y + 1000)));
        driver.findElement(By.id("zone-create")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zone-outcome"), "Created zone " + ZONE));
        assertThat(driver.findElement(By.id("zone-outcome")).getText()).contains("100.00 ha");
        wait.until(d -> new Select(d.findElement(By.id("zone"))).getFirstSelectedOption().getAttribute("value").equals(ZONE));

        Path blocks = temp.resolve("blocks.geojson");
        Files.writeString(blocks, SurveyGeoJson.collection(block("zp-a", "甲区", 0, 0, 500, 1000), block("zp-b", "乙区", 500, 0, 1000, 1000)));
        new Select(driver.findElement(By.id("target"))).selectByValue("blocks");
        driver.findElement(By.id("file")).sendKeys(blocks.toString());
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-outcome"), "Imported 2 blocks"));

        Path parcels = temp.resolve("parcels.geojson");
        Files.writeString(parcels, SurveyGeoJson.collection(parcel("ZP-1", 100, 100, 300, 300), parcel("ZP-2", 600, 100, 800, 300),
                parcel("ZP-3", 420, 600, 560, 700)));
        new Select(driver.findElement(By.id("target"))).selectByValue("parcels");
        driver.findElement(By.id("file")).clear();
        driver.findElement(By.id("file")).sendKeys(parcels.toString());
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-outcome"), "Imported 3 parcels"));
        // the lists are read again after the report is shown; ZP-3 lies 80 m in zp-a, 60 m in zp-b
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("block-list"), "zp-a 甲区 50.00 2"));
        assertThat(driver.findElement(By.id("block-list")).getText()).contains("zp-b 乙区 50.00 1");
        browser.screenshot("zones-page-filled.png");

        assertThat(browser.open("http://localhost:" + port + "/index.html#zone=" + ZONE, "landrenew")).isEqualTo("ready");
        @SuppressWarnings("unchecked")
        List<String> drawn = (List<String>) browser.js("""
                return [...window.landrenew.drawnParcels().values()].map((p) => p.properties.code).sort();""");
        assertThat(drawn).contains("ZP-1", "ZP-2", "ZP-3");
        browser.screenshot("zones-page-on-the-map.png");
        assertThat(browser.cspViolations()).isEmpty();
    }

    private static String block(String code, String name, double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + SurveyGeoJson.rectangle(X + x0, Y + y0, X + x1, Y + y1) + "}}";
    }

    private static String parcel(String code, double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.feature(code, "100102", "", SurveyGeoJson.rectangle(X + x0, Y + y0, X + x1, Y + y1));
    }
}
