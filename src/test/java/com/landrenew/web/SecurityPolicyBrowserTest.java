package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.MovableClock;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page in Chromium under the Content-Security-Policy (security/ContentSecurityPolicy): sign-in,
 * the map with the finder, the 3D view, the tally, supply planning, the trail, import and the users
 * page, each loaded and used a little with no violation in the browser's console; screenshots in
 * target/screenshots/policy-*.png. On the users page the admin lifts a sign-in lockout with its button.
 */
@BrowserTest
class SecurityPolicyBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final String LOCKED = "sec12-page-locked";
    private static final String PASSWORD = "page locked password 1";

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Test
    void everyPageWorksUnderTheContentSecurityPolicy() {
        Api api = new Api(port);
        String available = api.json("/api/finder?zone=anji&combine=false&limit=1").path("features").get(0)
                .path("properties").path("code").asString();
        try (Browser browser = Browser.start(1280, 820, "--use-gl=angle", "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist")) {
            ChromeDriver driver = browser.driver();
            driver.get(api.url("/login.html"));
            new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("login-submit")).isDisplayed());
            shown(browser, "login");

            browser.signIn(api.url("/login.html"), TestUsers.ADMIN);
            assertThat(browser.open(api.url("/#anji"), "landrenew")).isEqualTo("ready");
            shown(browser, "map");

            driver.findElement(By.id("finder-toggle")).click();
            new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("finder-zone"))).getOptions().size() > 1);
            new Select(driver.findElement(By.id("finder-zone"))).selectByValue("anji");
            driver.findElement(By.id("finder-search")).click();
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#finder-list .finder-result")).isEmpty());
            shown(browser, "finder");

            assertThat(browser.open(api.url("/scene.html?zone=anji&code=" + available), "landrenewScene")).as("the 3D view (three.js through the import map) did not load").isEqualTo("ready");
            shown(browser, "scene");

            assertThat(browser.open(api.url("/audit.html?zone=anji"), "landrenewAudit")).isEqualTo("ready");
            shown(browser, "audit");
            assertThat(browser.open(api.url("/supply.html?zone=anji"), "landrenewSupply")).isEqualTo("ready");
            shown(browser, "supply");
            assertThat(browser.open(api.url("/trail.html"), "landrenewTrail")).isEqualTo("ready");
            shown(browser, "trail");

            driver.get(api.url("/import.html"));
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#zone option")).isEmpty());
            shown(browser, "import");

            // A user locked out by wrong passwords: the users page shows it and the admin lifts it.
            assertThat(api.as(TestUsers.ADMIN).post("/api/users", """
                    {"username":"%s","displayName":"锁定演示 Locked","role":"auditor","password":"%s"}"""
                    .formatted(LOCKED, PASSWORD)).status()).isEqualTo(201);
            for (int i = 0; i < 10; i++) {
                api.as(LOCKED, "wrong " + i).get("/api/me");
            }
            assertThat(api.as(LOCKED, PASSWORD).get("/api/me").status()).isEqualTo(429);
            driver.get(api.url("/users.html"));
            WebElement unlock = new WebDriverWait(driver, WAIT).until(d -> d.findElements(
                    By.cssSelector("tr[data-user='" + LOCKED + "'] button.unlock")).stream().findFirst().orElse(null));
            assertThat(driver.findElement(By.cssSelector("tr[data-user='" + LOCKED + "']")).getText().contains("登录锁定至")).isTrue();
            shown(browser, "users");
            unlock.click();
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(
                    By.cssSelector("tr[data-user='" + LOCKED + "'] button.unlock")).isEmpty());
            assertThat(driver.findElement(By.id("users-ok")).getText().contains(LOCKED)).isTrue();
            assertThat(api.as(LOCKED, PASSWORD).get("/api/me").status()).as("unlocked from the page").isEqualTo(200);
        } finally {
            clock.passSignInLockouts();   // the ten wrong passwords from 127.0.0.1 count no more for other tests
        }
    }

    /** The page drew without a policy violation; its screenshot for a person to look at. */
    private static void shown(Browser browser, String page) {
        List<String> violations = browser.cspViolations();
        assertThat(violations.isEmpty()).as(page + " broke the Content-Security-Policy: " + violations).isTrue();
        browser.screenshot("policy-" + page + ".png");
    }
}
