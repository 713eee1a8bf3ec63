package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An auditor on trail.html in headless Chromium: filters the trail by a parcel, sees its change of
 * state with who made it, and opens the before/after. Fixture zone "trail-browser" is the 1 km
 * square of its own test area.
 */
@BrowserTest
class AuditTrailBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = "trail-browser";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    private static final double X0 = AREA.x0();
    private static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAuditorFiltersTheTrailByAParcelAndSeesItsChangeBeforeAndAfter() {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
        fixtures.parcel(ZONE, null, "TB-1", X0, Y0, X0 + 100, Y0 + 80, "100102", null);
        assertThat(api.post("/api/parcels/" + ZONE + "/TB-1/transitions", """
                {"to":"low_efficiency","effectiveDate":"2024-06-01","reason":"亩均评价D类"}""")
                .status()).isEqualTo(201);

        try (Browser browser = Browser.start(1280, 860)) {
            browser.signIn(api.url("/login.html"), TestUsers.AUDITOR);
            ChromeDriver driver = browser.driver();
            assertThat(browser.open(api.url("/trail.html"), "landrenewTrail")).isEqualTo("ready");
            driver.findElement(By.id("key")).sendKeys(ZONE + "/TB-1");
            driver.findElement(By.id("table")).sendKeys("宗地");
            driver.findElement(By.id("apply")).click();
            new WebDriverWait(driver, WAIT).until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state"))
                    && d.findElements(By.cssSelector("#entries-body tr.entry")).size() == 2);

            List<WebElement> rows = driver.findElements(By.cssSelector("#entries-body tr.entry"));
            WebElement change = rows.get(0);
            assertThat(change.findElement(By.cssSelector("td.actor")).getText()).isEqualTo(TestUsers.PLANNER);
            assertThat(change.getText()).contains("修改 update").as("the table by its name").contains("宗地 parcel");
            assertThat(change.findElement(By.cssSelector("td.changed")).getText()).isEqualTo("state version");
            assertThat(rows.get(1).getText()).as("the fixture's insert, older, below").contains("新增 insert");

            change.findElement(By.cssSelector("button.expand")).click();
            WebElement diff = driver.findElement(By.cssSelector("#entries-body tr.detail:not([hidden]) table.diff"));
            String stateRow = diff.findElements(By.cssSelector(":scope > tbody > tr")).get(0).getText();
            assertThat(stateRow.contains("state") && stateRow.contains("in_use") && stateRow.contains("low_efficiency"))
                    .as(stateRow).isTrue();
            assertThat(driver.getCurrentUrl()).contains("key=" + ZONE + "%2FTB-1");
            assertThat(driver.findElement(By.id("download-csv")).getDomAttribute("href"))
                    .contains("key=" + ZONE + "%2FTB-1");
            browser.screenshot("audit-trail.png");
        }
    }
}
