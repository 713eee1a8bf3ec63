package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A planner edits a parcel from the map's panel in headless Chromium; then a second edit made on a
 * version someone else has meanwhile changed is refused and the form says so. Fixture zone
 * "edit-browser" is the 1 km square of its own test area.
 */
@BrowserTest
class ParcelEditBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "edit-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X0 = AREA.x0();
    private static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPlannerEditsTheFarAndASaveOnAStaleVersionIsRefused() {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
        fixtures.parcel(ZONE, null, "EB-1", X0, Y0, X0 + 120, Y0 + 90, "100102", null);

        try (Browser browser = Browser.start(1280, 1000)) {
            browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
            ChromeDriver driver = browser.driver();
            assertThat(browser.open(api.url("/#" + ZONE + "/EB-1"), "landrenew")).isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> !d.findElements(By.id("edit-open")).isEmpty());
            assertThat(driver.findElement(By.id("edit-trail")).getDomAttribute("href"))
                    .endsWith("trail.html?key=" + ZONE + "%2FEB-1");
            driver.findElement(By.id("edit-open")).click();
            assertThat(driver.findElement(By.id("edit-version")).getText()).isEqualTo("0");
            type(driver, "edit-far-min", "1.5");
            type(driver, "edit-far-max", "3.2");
            driver.findElement(By.id("edit-submit")).click();
            // The panel is drawn again after the save: an element found just before may be gone when read.
            wait.ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("parcel-far")).getText().contains("3.20"));
            assertThat(driver.findElement(By.id("transition-ok")).getText()).contains("version 1");
            browser.screenshot("parcel-edit-saved.png");
            assertThat(farMax()).isEqualByComparingTo("3.2");
            assertThat(jdbc.sql("""
                    select actor from audit_log where table_name = 'parcel' and row_key = :key order by id desc limit 1""")
                    .param("key", ZONE + "/EB-1").query(String.class).single()).isEqualTo(TestUsers.PLANNER);

            // The panel now holds version 1; someone else saves meanwhile, so this form's save is stale.
            wait.until(d -> !d.findElements(By.id("edit-open")).isEmpty());
            driver.findElement(By.id("edit-open")).click();
            assertThat(driver.findElement(By.id("edit-version")).getText()).isEqualTo("1");
            assertThat(api.put("/api/parcels/" + ZONE + "/EB-1", "{\"version\":1,\"heightLimitM\":24}").status())
                    .isEqualTo(200);
            type(driver, "edit-far-max", "4.0");
            driver.findElement(By.id("edit-submit")).click();
            String error = wait.ignoring(StaleElementReferenceException.class).until(d -> {
                WebElement box = d.findElement(By.id("edit-error"));
                return box.isDisplayed() ? box.getText() : null;
            });
            assertThat(error.contains("此宗地已被他人修改") && error.contains("now version 2")).as(error).isTrue();
            assertThat(farMax()).as("nothing overwritten").isEqualByComparingTo("3.2");
            browser.screenshot("parcel-edit-conflict.png");

            driver.findElement(By.id("edit-reload")).click();
            wait.until(d -> d.findElement(By.id("parcel-height")).getText().contains("24"));
        }
    }

    private BigDecimal farMax() {
        return jdbc.sql("select p.far_max from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = 'EB-1'")
                .param("zone", ZONE).query(BigDecimal.class).single();
    }

    private static void type(ChromeDriver driver, String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
