package com.landrenew.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.LandRenewTest;
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
@LandRenewTest
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
            assertEquals("ready", browser.open(api.url("/#anji"), "landrenew"));
            shown(browser, "map");

            driver.findElement(By.id("finder-toggle")).click();
            new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("finder-zone"))).getOptions().size() > 1);
            new Select(driver.findElement(By.id("finder-zone"))).selectByValue("anji");
            driver.findElement(By.id("finder-search")).click();
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#finder-list .finder-result")).isEmpty());
            shown(browser, "finder");

            assertEquals("ready", browser.open(api.url("/scene.html?zone=anji&code=" + available), "landrenewScene"),
                    "the 3D view (three.js through the import map) did not load");
            shown(browser, "scene");

            assertEquals("ready", browser.open(api.url("/audit.html?zone=anji"), "landrenewAudit"));
            shown(browser, "audit");
            assertEquals("ready", browser.open(api.url("/supply.html?zone=anji"), "landrenewSupply"));
            shown(browser, "supply");
            assertEquals("ready", browser.open(api.url("/trail.html"), "landrenewTrail"));
            shown(browser, "trail");

            driver.get(api.url("/import.html"));
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#zone option")).isEmpty());
            shown(browser, "import");

            // A user locked out by wrong passwords: the users page shows it and the admin lifts it.
            assertEquals(201, api.as(TestUsers.ADMIN).post("/api/users", """
                    {"username":"%s","displayName":"锁定演示 Locked","role":"auditor","password":"%s"}"""
                    .formatted(LOCKED, PASSWORD)).status());
            for (int i = 0; i < 10; i++) {
                api.as(LOCKED, "wrong " + i).get("/api/me");
            }
            assertEquals(429, api.as(LOCKED, PASSWORD).get("/api/me").status());
            driver.get(api.url("/users.html"));
            WebElement unlock = new WebDriverWait(driver, WAIT).until(d -> d.findElements(
                    By.cssSelector("tr[data-user='" + LOCKED + "'] button.unlock")).stream().findFirst().orElse(null));
            assertTrue(driver.findElement(By.cssSelector("tr[data-user='" + LOCKED + "']")).getText().contains("登录锁定至"));
            shown(browser, "users");
            unlock.click();
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(
                    By.cssSelector("tr[data-user='" + LOCKED + "'] button.unlock")).isEmpty());
            assertTrue(driver.findElement(By.id("users-ok")).getText().contains(LOCKED));
            assertEquals(200, api.as(LOCKED, PASSWORD).get("/api/me").status(), "unlocked from the page");
        } finally {
            clock.passSignInLockouts();   // the ten wrong passwords from 127.0.0.1 count no more for other tests
        }
    }

    /** The page drew without a policy violation; its screenshot for a person to look at. */
    private static void shown(Browser browser, String page) {
        List<String> violations = browser.cspViolations();
        assertTrue(violations.isEmpty(), page + " broke the Content-Security-Policy: " + violations);
        browser.screenshot("policy-" + page + ".png");
    }
}
