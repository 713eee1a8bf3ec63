package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.SurveyGeoJson;
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

/** A planner uploads a file on the import page: a bad feature is named and nothing is written; a good file lands. */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPageBrowserTest {

    static final String ZONE = "import-page-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 1);
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
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X, Y, X + 1000, Y + 1000);
        }
        browser = Browser.start(1280, 1000);
        browser.signIn("http://localhost:" + port + "/login.html", TestUsers.PLANNER);
        driver = browser.driver();
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aBadFeatureIsNamedAndAGoodFileIsImported() throws Exception {
        driver.get("http://localhost:" + port + "/import.html");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(d -> !new Select(d.findElement(By.id("zone"))).getOptions().isEmpty());
        new Select(driver.findElement(By.id("zone"))).selectByValue(ZONE);

        Path bad = temp.resolve("bad.geojson");
        Files.writeString(bad, SurveyGeoJson.collection(SurveyGeoJson.feature("PAGE-1", "100101", "", rect(100, 100, 200, 200)),
                SurveyGeoJson.feature("PAGE-2", "100101", "", rect(900, 900, 1100, 1000))));
        driver.findElement(By.id("file")).sendKeys(bad.toString());
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-outcome"), "422"));
        assertThat(driver.findElement(By.id("import-outcome")).getText()).contains("2 个要素中有 1 个有问题，未导入任何要素。",
                "nothing was imported");
        assertThat(driver.findElement(By.id("import-report")).getText()).contains("PAGE-2",
                "超出开发区 " + ZONE + " 10000.0 m²。lies partly outside zone " + ZONE);
        assertThat(count("PAGE-1")).isZero();
        browser.screenshot("import-rejected.png");

        Path good = temp.resolve("good.geojson");
        Files.writeString(good, SurveyGeoJson.collection(SurveyGeoJson.feature("PAGE-1", "M1", "", rect(100, 100, 200, 200))));
        driver.findElement(By.id("file")).clear();
        driver.findElement(By.id("file")).sendKeys(good.toString());
        driver.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-outcome"), "Imported 1"));
        assertThat(count("PAGE-1")).isEqualTo(1);
        browser.screenshot("import-done.png");
    }

    private int count(String code) {
        return jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Integer.class).single();
    }

    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X + x0, Y + y0, X + x1, Y + y1);
    }
}
