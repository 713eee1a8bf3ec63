package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.support.Api;
import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * An enterprise on the map in a real (headless) Chromium: it asks the finder for 50–100 mu of class 2
 * industrial land in Anji, clicks the best result (the map flies there and its card opens), registers
 * interest from the card, and opens the 3D view, where a WebGL canvas renders the scene. Headless
 * Chromium has no GPU here: WebGL runs on SwiftShader. Also: the 2.5D buildings on the map from zoom 16.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinderBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CREDIT_CODE = "91330523MA7F8G9H1" + CreditCode.checkCharFor("91330523MA7F8G9H1");

    /** Share of the 3D canvas that differs from the sky, and how many distinct colours it shows. */
    private static final String CANVAS_PIXELS = """
            const canvas = window.landrenewScene.renderer.domElement;
            const copy = document.createElement('canvas');
            copy.width = canvas.width;
            copy.height = canvas.height;
            const ctx = copy.getContext('2d');
            ctx.drawImage(canvas, 0, 0);
            const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
            let painted = 0;
            const colours = new Set();
            for (let i = 0; i < data.length; i += 4 * 7) {
              const r = data[i], g = data[i + 1], b = data[i + 2];
              if (Math.abs(r - 0xdf) + Math.abs(g - 0xe8) + Math.abs(b - 0xf1) > 12) painted++;
              colours.add((r >> 3) + ',' + (g >> 3) + ',' + (b >> 3));
            }
            return { painted: painted / (data.length / (4 * 7)), colours: colours.size };
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        api = new Api(port);
        browser = Browser.start(1280, 800, "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                "--ignore-gpu-blocklist");
        driver = browser.driver();
        browser.signIn(api.url("/login.html"), TestUsers.PLANNER);
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEnterpriseFindsClassTwoLandRegistersInterestAndOpensThe3dView() {
        JsonNode expected = api.json("/api/finder?zone=anji&minMu=50&maxMu=100&use=100102");
        assertThat(expected.path("features").size() > 0)
                .as("the sample must offer 50-100 mu of class 2 industrial land").isTrue();
        JsonNode best = expected.path("features").get(0).path("properties");

        open("/");
        driver.findElement(By.id("finder-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("finder-panel")).isDisplayed());
        new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("finder-zone"))).getOptions().size() > 1);
        new Select(driver.findElement(By.id("finder-zone"))).selectByValue("anji");
        type("finder-min-mu", "50");
        type("finder-max-mu", "100");
        new Select(driver.findElement(By.id("finder-use"))).selectByValue("100102");
        driver.findElement(By.id("finder-search")).click();

        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#finder-list .finder-result")).isEmpty());
        List<WebElement> items = driver.findElements(By.cssSelector("#finder-list .finder-result"));
        assertThat(items.size()).as("one list item per result").isEqualTo(expected.path("features").size());
        assertThat(driver.findElement(By.id("finder-count")).getText())
                .isEqualTo(String.valueOf(expected.path("numberMatched").asInt()));
        assertThat(items.get(0).getText())
                .contains(String.format(Locale.ROOT, "%.2f", best.path("area").path("mu").asDouble()));
        waitForMapToSettle();
        browser.screenshot("finder-results.png");

        // A real click on the best result: the map flies to it and its card opens.
        items.get(0).findElement(By.cssSelector(".finder-result-line")).click();
        WebElement card = new WebDriverWait(driver, WAIT).until(d -> {
            WebElement c = d.findElement(By.cssSelector("#finder-list .finder-result.selected .finder-card"));
            return c.isDisplayed() ? c : null;
        });
        waitForMapToSettle();
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) browser.js("""
                const { map } = window.landrenew;
                const p = arguments[0];
                return { inView: map.getBounds().contains([p[1], p[0]]), zoom: map.getZoom() };
                """, List.of(best.path("labelPoint").get(0).asDouble(), best.path("labelPoint").get(1).asDouble()));
        assertThat(view.get("inView")).as("the map flew to the result: " + view).isEqualTo(Boolean.TRUE);
        List<String> members = new ArrayList<>();
        best.path("parcels").forEach(m -> members.add(m.path("code").asString()));
        for (String member : members) {
            assertThat(card.getText().contains(member) || best.path("kind").asString().equals("parcel"))
                    .as("the card lists " + member).isTrue();
        }
        browser.screenshot("finder-result-card.png");

        // Register interest from the card: one row per parcel of the result.
        long before = interests(members);
        WebElement form = card.findElement(By.cssSelector(".interest-form"));
        form.findElement(By.name("enterpriseName")).sendKeys("浙江某某新材料科技有限公司");
        form.findElement(By.name("creditCode")).sendKeys(CREDIT_CODE);
        form.findElement(By.name("contact")).sendKeys("李经理 13900000000");
        form.findElement(By.cssSelector(".interest-submit")).click();
        new WebDriverWait(driver, WAIT).until(d -> !card.findElements(By.cssSelector(".interest-ok")).isEmpty());
        assertThat(interests(members)).as("interest registered on every parcel of the result")
                .isEqualTo(before + members.size());

        // The 3D view opens in a new tab, and WebGL draws the scene.
        String mapWindow = driver.getWindowHandle();
        card.findElement(By.id("finder-3d")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getWindowHandles().size() > 1);
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(mapWindow)) {
                driver.switchTo().window(handle);
            }
        }
        String outcome = browser.awaitReady("landrenewScene");
        assertThat(outcome).as("the 3D view did not load").isEqualTo("ready");
        assertThat(driver.getCurrentUrl()).contains("code=" + members.get(0));
        Object webgl = browser.js("const gl = window.landrenewScene.renderer.getContext();"
                + "return gl instanceof WebGL2RenderingContext || gl instanceof WebGLRenderingContext;");
        assertThat(webgl).as("a WebGL context").isEqualTo(Boolean.TRUE);
        @SuppressWarnings("unchecked")
        Map<String, Object> pixels = (Map<String, Object>) browser.js(CANVAS_PIXELS);
        assertThat(((Number) pixels.get("painted")).doubleValue() > 0.3).as("the scene covers the canvas: " + pixels)
                .isTrue();
        assertThat(((Number) pixels.get("colours")).intValue() > 20)
                .as("parcels, roads and buildings in colour: " + pixels).isTrue();
        assertThat(driver.findElement(By.id("scene-info")).getText()).contains(members.get(0));
        assertThat(driver.findElement(By.id("scene-envelope")).getText()).as("available land shows its envelope")
                .contains("m²");
        Object png = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.landrenewScene.renderer.domElement.toBlob((b) => done(b.type + ' ' + b.size), 'image/png');
                """);
        assertThat(String.valueOf(png)).as("the view saves as PNG: " + png).startsWith("image/png ");
        browser.screenshot("scene-3d.png");

        // Orbiting with the mouse changes the view.
        Object before3d = browser.js("return window.landrenewScene.camera.position.toArray().join(',');");
        WebElement canvas = driver.findElement(By.cssSelector("#scene canvas"));
        new Actions(driver).moveToElement(canvas).clickAndHold().moveByOffset(160, -60)
                .release().perform();
        new WebDriverWait(driver, WAIT).until(d -> !before3d.equals(
                browser.js("return window.landrenewScene.camera.position.toArray().join(',');")));
        browser.screenshot("scene-3d-orbited.png");
        driver.close();
        driver.switchTo().window(mapWindow);
    }

    @Test
    void theParcelPanelOffersThe3dViewAndShowsInterests() {
        JsonNode found = api.json("/api/finder?zone=anji&use=100102&minMu=20&maxMu=40&combine=false&limit=1");
        String code = found.path("features").get(0).path("properties").path("code").asString();
        api.post("/api/parcels/anji/" + code + "/interests", """
                {"enterpriseName":"安吉某某家居有限公司","creditCode":"%s","contact":"王女士","need":"30亩，2027年开工"}"""
                .formatted(CREDIT_CODE));
        open("/#anji/" + code);
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("finder-section")).isEmpty());
        assertThat(driver.findElement(By.id("parcel-available")).isDisplayed()).isTrue();
        assertThat(Integer.parseInt(driver.findElement(By.id("parcel-interest-count")).getText()) >= 1).isTrue();
        assertThat(driver.findElement(By.id("parcel-interests")).getText()).contains("安吉某某家居有限公司");
        assertThat(driver.findElement(By.id("parcel-3d")).getAttribute("href"))
                .contains("scene.html?zone=anji&code=" + code);
        browser.js("document.getElementById('finder-section').scrollIntoView()");
        browser.screenshot("parcel-panel-offer.png");
    }

    @Test
    void aVisitorClickingAvailableLandGetsThe3dViewAndIsAskedToSignInToRegister() {
        JsonNode found = api.json("/api/finder?zone=anji&use=100102&minMu=20&maxMu=40&combine=false&limit=1");
        String code = found.path("features").get(0).path("properties").path("code").asString();
        try (Browser visitor = Browser.start(1280, 800)) {
            ChromeDriver page = visitor.driver();
            page.get(api.url("/#anji/" + code));
            new WebDriverWait(page, WAIT).until(d -> !d.findElements(By.id("finder-section")).isEmpty());
            assertThat(page.findElement(By.id("parcel-3d")).getAttribute("href")).contains("scene.html?zone=anji&code=" + code);
            assertThat(page.findElement(By.id("parcel-available")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.cssSelector("#finder-section .interest-signin a")).getAttribute("href"))
                    .contains("login.html?next=");
            assertThat(page.findElements(By.cssSelector("#finder-section .interest-form"))).as("no form that would 401").isEmpty();
            assertThat(((Number) visitor.js("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/interests')).length;")).intValue())
                    .as("a visitor's card never asks for the interests registered (staff only)").isZero();
            visitor.js("document.getElementById('finder-section').scrollIntoView()");
            visitor.screenshot("visitor-parcel-card.png");
        }
    }

    @Test
    void anEnterpriseUserRegistersInterestAsItsOwnEnterprise() {
        JsonNode found = api.json("/api/finder?zone=anji&use=100102&minMu=20&maxMu=40&combine=false&limit=1");
        String code = found.path("features").get(0).path("properties").path("code").asString();
        String ownCode = jdbc.sql("select credit_code from enterprise where name = :name")
                .param("name", TestUsers.ENTERPRISE_NAME).query(String.class).single();
        try (Browser enterprise = Browser.start(1280, 800)) {
            ChromeDriver page = enterprise.driver();
            enterprise.signIn(api.url("/login.html"), TestUsers.ENTERPRISE);
            page.get(api.url("/#anji/" + code));

            // 我的宗地: the enterprise's own parcels listed and outlined (it holds those other tests gave it)
            new WebDriverWait(page, WAIT).until(d -> d.findElements(By.id("mine-toggle")).stream().findFirst().orElse(null)).click();
            long held = jdbc.sql("select count(*) from parcel where enterprise_id = (select enterprise_id from app_user"
                    + " where username = :u)").param("u", TestUsers.ENTERPRISE).query(Long.class).single();
            new WebDriverWait(page, WAIT).until(d -> !d.findElements(By.cssSelector("#mine-box .mine-head, #mine-box .mine-empty")).isEmpty());
            assertThat(page.findElements(By.cssSelector("#mine-box .mine-item"))).hasSize((int) held);
            assertThat(((Number) enterprise.js("return window.landrenew.mine.outlined();")).intValue()).isEqualTo((int) held);
            enterprise.screenshot("enterprise-my-parcels.png");
            page.findElement(By.id("mine-toggle")).click();
            WebElement form = new WebDriverWait(page, WAIT).until(d -> d.findElements(By.cssSelector("#finder-section .interest-form"))
                    .stream().findFirst().orElse(null));
            WebElement name = form.findElement(By.name("enterpriseName"));
            WebElement credit = form.findElement(By.name("creditCode"));
            assertThat(name.getDomProperty("value")).isEqualTo(TestUsers.ENTERPRISE_NAME);
            assertThat(credit.getDomProperty("value")).isEqualTo(ownCode);
            assertThat(name.getDomAttribute("readonly")).as("the name is the account's (read-only)").isNotNull();
            assertThat(credit.getDomAttribute("readonly")).as("the code is the account's (read-only)").isNotNull();
            form.findElement(By.name("contact")).sendKeys("赵经理 13700000000");
            form.findElement(By.cssSelector(".interest-submit")).click();
            new WebDriverWait(page, WAIT).until(d -> jdbc.sql("""
                    select count(*) from parcel_interest i join parcel p on p.id = i.parcel_id join zone z on z.id = p.zone_id
                    where z.code = 'anji' and p.code = :code and i.credit_code = :credit and i.contact = '赵经理 13700000000'""")
                    .param("code", code).param("credit", ownCode).query(Long.class).single() == 1);
        }
    }

    @Test
    void buildingsStandOutOfTheMapFromZoom16() {
        String code = jdbc.sql("""
                select p.code from parcel p join zone z on z.id = p.zone_id join building b on b.parcel_id = p.id
                where z.code = 'anji' and p.state = 'in_production' group by p.code order by count(*) desc, p.code limit 1""")
                .query(String.class).single();
        open("/#anji/" + code);
        browser.js("window.landrenew.map.setZoom(17, { animate: false });");
        new WebDriverWait(driver, WAIT).until(d -> ((Number) browser.js(
                "return window.landrenew.buildings.drawn();")).intValue() > 0);
        driver.findElement(By.id("parcel-close")).click();
        waitForMapToSettle();
        browser.screenshot("map-buildings-25d.png");
        browser.js("window.landrenew.map.setZoom(15, { animate: false });");
        new WebDriverWait(driver, WAIT).until(d -> ((Number) browser.js(
                "return window.landrenew.buildings.drawn();")).intValue() == 0);
    }

    @Test
    void landNearAPlaceIsFoundWithItsDistanceAndClearedAgain() {
        open("/");
        driver.findElement(By.id("finder-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("finder-zone"))).getOptions().size() > 1);
        new Select(driver.findElement(By.id("finder-zone"))).selectByValue("anji");
        // the zone's places, between "anywhere" and "pick on the map"
        new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("finder-near"))).getOptions().size() > 2);
        Select near = new Select(driver.findElement(By.id("finder-near")));

        // Picking a point is cancelled with Esc.
        near.selectByValue("pick");
        assertThat(driver.findElement(By.id("finder-picker")).isDisplayed()).as("no note to click the map").isTrue();
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        assertThat(driver.findElement(By.id("finder-picker")).isDisplayed()).isFalse();
        assertThat(near.getFirstSelectedOption().getDomAttribute("value")).isEmpty();

        // Near the zone's first place (any industrial use, the form's default): marked on the map, the results as
        // the API ranks them, with distances.
        WebElement place = near.getOptions().get(1);
        String lonLat = place.getDomAttribute("value");
        near.selectByIndex(1);
        assertThat(driver.findElements(By.cssSelector(".finder-near-marker"))).as("the place is not marked").hasSize(1);
        assertThat(driver.findElement(By.id("finder-near-note")).isDisplayed()).isTrue();
        JsonNode expected = api.json("/api/finder?zone=anji&use=1001&near=" + lonLat + "&maxRoad=15");
        assertThat(expected.path("features").size() > 0).as("the sample offers land near " + place.getText()).isTrue();
        driver.findElement(By.id("finder-search")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#finder-list .finder-result")).isEmpty());
        assertThat(driver.findElement(By.id("finder-count")).getText())
                .isEqualTo(String.format(Locale.ROOT, "%,d", expected.path("numberMatched").asInt()));
        assertThat(driver.findElement(By.cssSelector("#finder-list .finder-result .finder-result-meta")).getText())
                .as("the distance to the place").containsPattern("\\d (m|km)$");
        assertThat(driver.findElements(By.cssSelector(".finder-rank-marker"))).as("the results' ranks are not on the map")
                .hasSize(driver.findElements(By.cssSelector("#finder-list .finder-result")).size());

        // Clear: no results listed or drawn.
        driver.findElement(By.id("finder-clear")).click();
        assertThat(driver.findElement(By.id("finder-results")).getText()).isEmpty();
        assertThat(((Number) browser.js("return window.landrenew.finder.results().length")).intValue()).isZero();
        assertThat(driver.findElements(By.cssSelector(".finder-rank-marker"))).as("ranks left on the map").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private long interests(List<String> codes) {
        return jdbc.sql("""
                select count(*) from parcel_interest i join parcel p on p.id = i.parcel_id join zone z on z.id = p.zone_id
                where z.code = 'anji' and p.code in (:codes)""").param("codes", codes).query(Long.class).single();
    }

    private void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Lets a fly-to animation end (Leaflet's moveend) before looking at the map. */
    private void waitForMapToSettle() {
        driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const { map } = window.landrenew;
                const onEnd = () => { clearTimeout(timer); timer = setTimeout(finish, 400); };
                const finish = () => { map.off('moveend', onEnd); done(); };
                let timer = setTimeout(finish, 1200);
                map.on('moveend', onEnd);
                """);
    }

    /** Loads the map afresh and waits for its first parcels. */
    private void open(String pathAndHash) {
        assertThat(browser.open(api.url(pathAndHash), "landrenew")).as("the map did not load its parcels")
                .isEqualTo("ready");
    }
}
