package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A visitor's map (available land only, a sign-in link, no staff pages), a wrong password answered on
 * the sign-in page, and an enterprise user signed in: their name in the header, still no staff pages,
 * and a parcel's readiness without the planners' button to record it.
 */
@BrowserTest
class SignInBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVisitorSeesAvailableLandAndSignsInAsAnEnterprise() {
        Api api = new Api(port);
        try (Browser browser = Browser.start(1280, 800)) {
            ChromeDriver driver = browser.driver();
            assertThat(browser.open(api.url("/#anji"), "landrenew")).as("the map did not load for a visitor")
                    .isEqualTo("ready");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> !d.findElements(By.id("sign-in-link")).isEmpty());
            assertThat(driver.findElement(By.id("audit-link")).isDisplayed()).as("the auditors' page is for staff")
                    .isFalse();
            assertThat(driver.findElement(By.id("trail-link")).isDisplayed()).isFalse();
            assertThat(browser.js("return document.querySelector('.leaflet-pane') ? 'ok' : ''")).isEqualTo("ok");
            assertThat(browser.js("return window.landrenew.parcelTiles.options.layer"))
                    .as("visitors draw the available-land tiles").isEqualTo("available");
            browser.screenshot("visitor-map.png");

            driver.get(api.url("/audit.html"));
            wait.until(d -> d.getCurrentUrl().contains("login.html?next="));
            driver.findElement(By.id("username")).sendKeys(TestUsers.ENTERPRISE);
            driver.findElement(By.id("password")).sendKeys("not the password");
            driver.findElement(By.id("login-submit")).click();
            wait.until(d -> d.findElement(By.id("login-error")).isDisplayed());
            assertThat(driver.findElement(By.id("login-error")).getText()).contains("用户名或密码错误", "Wrong username or password");
            browser.screenshot("sign-in-refused.png");

            browser.signIn(api.url("/login.html"), TestUsers.ENTERPRISE);
            assertThat(browser.open(api.url("/#anji"), "landrenew")).isEqualTo("ready");
            wait.until(d -> !d.findElements(By.cssSelector("#whoami .whoami-name")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("#whoami .whoami-name")).getDomProperty("textContent"))
                    .as("signed in (the name may sit in the folded ☰ menu)").contains(TestUsers.ENTERPRISE);
            assertThat(driver.findElement(By.id("audit-link")).isDisplayed()).as("still no staff pages").isFalse();
            assertThat(browser.js("return window.landrenew.parcelTiles.options.layer")).isEqualTo("parcels");
            browser.screenshot("enterprise-map.png");

            // a parcel's readiness: shown, but recording it is for planners
            String code = jdbc.sql("""
                    select p.code from parcel p join zone z on z.id = p.zone_id
                    where z.code = 'anji' and p.state = 'stored' order by p.code limit 1""").query(String.class).single();
            driver.get("about:blank");
            assertThat(browser.open(api.url("/#anji/" + code), "landrenew")).isEqualTo("ready");
            wait.until(d -> !d.findElements(By.id("readiness-summary")).isEmpty());
            assertThat(driver.findElement(By.id("readiness-edit")).isDisplayed()).as("only planners record readiness")
                    .isFalse();
            browser.screenshot("enterprise-parcel-panel.png");
        }
    }
}
