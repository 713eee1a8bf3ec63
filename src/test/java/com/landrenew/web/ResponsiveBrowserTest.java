package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page on a 1600 × 1000 screen, a 768 × 1024 tablet and a 390 × 844 phone: nothing scrolls sideways, the top bar's
 * contents fit or fold into the ☰ menu (header.js), and signing out stays within reach (the planner's bar
 * was 1,757 px wide on a 1600 px screen, the phone's 795 px). Screenshots in target/screenshots/responsive-*.
 */
@BrowserTest
class ResponsiveBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(25);

    @LocalServerPort
    int port;

    @Test
    void noPageScrollsSidewaysAndSignOutIsReachable() {
        Api api = new Api(port);
        String available = api.json("/api/finder?zone=anji&combine=false&limit=1").path("features").get(0)
                .path("properties").path("code").asString();
        // page → the global whose ready promise says it has drawn (null: wait for the page's first element)
        Map<String, String> pages = Map.of("/#anji", "landrenew", "/audit.html?zone=anji", "landrenewAudit",
                "/supply.html?zone=anji", "landrenewSupply", "/trail.html", "landrenewTrail",
                "/scene.html?zone=anji&code=" + available, "landrenewScene");
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][] {{1600, 1000}, {768, 1024}, {390, 844}}) {
            try (Browser browser = Browser.start(size[0], size[1], "--use-gl=angle", "--use-angle=swiftshader",
                    "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist")) {
                ChromeDriver driver = browser.driver();
                if (size[0] < 500) {
                    browser.emulatePhone(size[0], size[1]);
                }
                browser.signIn(api.url("/login.html"), TestUsers.ADMIN);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    assertThat(browser.open(api.url(page.getKey()), page.getValue())).as(page.getKey()).isEqualTo("ready");
                    check(browser, page.getKey(), size[0], "sign-out", problems);
                    if (page.getKey().startsWith("/supply") && ((Number) browser.js(
                            "return document.getElementById('map').getBoundingClientRect().height;")).doubleValue() < 200) {
                        problems.add(page.getKey() + " at " + size[0] + " px shows no map to pick land on");
                    }
                }
                for (String page : List.of("/import.html", "/users.html", "/zones.html")) {
                    driver.get(api.url(page));
                    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("sign-out")).isEmpty());
                    check(browser, page, size[0], "sign-out", problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The map page for a visitor, an enterprise user and a planner (each bar holds other things) on both screens. */
    @Test
    void theMapFitsEveryRole() {
        Api api = new Api(port);
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][] {{1600, 1000}, {390, 844}}) {
            for (String user : new String[] {null, TestUsers.ENTERPRISE, TestUsers.PLANNER}) {
                try (Browser browser = Browser.start(size[0], size[1])) {
                    if (size[0] < 500) {
                        browser.emulatePhone(size[0], size[1]);
                    }
                    if (user != null) {
                        browser.signIn(api.url("/login.html"), user);
                    }
                    assertThat(browser.open(api.url("/#anji"), "landrenew")).isEqualTo("ready");
                    check(browser, "/#anji " + (user == null ? "visitor" : user), size[0],
                            user == null ? "sign-in-link" : "sign-out", problems);
                    legendFoldedOnlyOnAPhone(browser, size[0], problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The legend starts folded on a phone (it would cover a third of the map), open on a desktop; its title toggles it. */
    private static void legendFoldedOnlyOnAPhone(Browser browser, int width, List<String> problems) {
        String folded = "return document.getElementById('legend').classList.contains('collapsed');";
        boolean phone = width < 500;
        if ((Boolean) browser.js(folded) != phone) {
            problems.add("the map's legend at " + width + " px is " + (phone ? "open" : "folded"));
            return;
        }
        browser.driver().findElement(By.cssSelector("#legend .legend-toggle")).click();
        if ((Boolean) browser.js(folded) == phone) {
            problems.add("the map's legend at " + width + " px does not " + (phone ? "open" : "fold") + " when its title is tapped");
        }
        if (phone) {
            browser.screenshot("responsive-legend-open-" + width + ".png");
        }
    }

    /** No sideways scrolling; the bar fits or is folded; signing out (in) is on screen, through the menu if folded. */
    private static void check(Browser browser, String page, int width, String account, List<String> problems) {
        ChromeDriver driver = browser.driver();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id(account)).isEmpty());
        String name = page.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        // the bar refits a frame after its contents change (a status line that grows): let it settle
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> (Boolean) browser.js("""
                const bar = document.getElementById('topbar');
                return bar.classList.contains('folded') || bar.scrollWidth <= bar.clientWidth + 1;"""));
        long pageWidth = ((Number) browser.js("return document.documentElement.scrollWidth;")).longValue();
        long viewport = ((Number) browser.js("return window.innerWidth;")).longValue();
        if (pageWidth > viewport) {
            problems.add(page + " at " + width + " px scrolls sideways: " + pageWidth + " px wide in " + viewport);
        }
        boolean folded = (Boolean) browser.js("return document.getElementById('topbar').classList.contains('folded');");
        boolean barFits = (Boolean) browser.js("""
                const bar = document.getElementById('topbar');
                return bar.scrollWidth <= bar.clientWidth + 1;""");
        if (!barFits) {
            problems.add(page + " at " + width + " px: the top bar overflows");
        }
        browser.screenshot("responsive-" + name + "-" + width + ".png");
        if (folded) {
            driver.findElement(By.id("bar-menu")).click();
            browser.screenshot("responsive-" + name + "-" + width + "-menu.png");
        }
        WebElement signOut = driver.findElement(By.id(account));
        boolean reachable = signOut.isDisplayed() && (Boolean) browser.js("""
                const r = arguments[0].getBoundingClientRect();
                return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;""", signOut);
        if (!reachable) {
            problems.add(page + " at " + width + " px: " + account + " is out of reach" + (folded ? " in the menu" : ""));
        }
        if (folded) {
            driver.findElement(By.id("bar-menu")).click();
        }
    }
}
