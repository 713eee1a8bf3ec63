package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.landrenew.support.Browser;
import com.landrenew.support.BrowserTest;
import com.landrenew.support.Fixtures;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A planner on the evaluation page: the usual scheme is shown unsaved, weights that do not add up to 100
 * are flagged and refused with the server's reason, a good scheme is saved and the results listed.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationPageBrowserTest {

    static final String ZONE = "eval-page";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final int YEAR = 2036;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private WebDriver driver;

    @BeforeAll
    void setUp() {
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            double x = AREA.x0();
            double y = AREA.y0();
            fixtures.zone(ZONE, x, y, x + 1000, y + 1000);
            for (int i = 0; i < 3; i++) {
                int e = fixtures.enterprise("页面企业" + i);
                fixtures.parcel(ZONE, null, "PG-" + i, x + 100 + i * 200, y + 100, x + 200 + i * 200, y + 200, "100102", e);
                jdbc.sql("""
                        insert into enterprise_evaluation (enterprise_id, year, tax_wan, output_wan, energy_tce, emission_t,
                               employees, rd_wan, revenue_wan)
                        values (:e, :year, :tax, 1000, 100, 5, 20, 60, 3000)""")
                        .param("e", e).param("year", YEAR).param("tax", 100 + 200 * i).update();
            }
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
    void aPlannerFixesTheWeightsSavesTheSchemeAndSeesTheClasses() {
        assertThat(browser.open("http://localhost:" + port + "/evaluation.html?zone=" + ZONE + "&year=" + YEAR,
                "landrenewEvaluation")).isEqualTo("ready");
        assertThat(driver.findElement(By.id("scheme-saved")).getText()).contains("未保存");
        assertThat(driver.findElement(By.id("weight-sum")).getText()).isEqualTo("100.00");

        WebElement taxWeight = driver.findElement(By.cssSelector("tr[data-code=tax_per_mu] .weight"));
        taxWeight.clear();
        taxWeight.sendKeys("25");
        assertThat(driver.findElement(By.id("weight-sum")).getAttribute("class")).isEqualTo("bad");
        driver.findElement(By.id("save")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(driver.findElement(By.id("error")).getText()).contains("权重之和须为 100，现为 95");

        taxWeight.clear();
        taxWeight.sendKeys("30");
        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElements(By.cssSelector("#result-rows tr[data-code]")).size() == 3);
        assertThat(driver.findElement(By.id("scheme-saved")).getText()).contains("已保存");
        assertThat(driver.findElements(By.cssSelector("#result-rows td[class^=class-]")).stream()
                .map(WebElement::getText).toList()).allMatch(c -> c.matches("[ABCD]"));
        browser.screenshot("evaluation-page.png");
        assertThat(jdbc.sql("select count(*) from evaluation_result where zone_code = :zone and year = :year")
                .param("zone", ZONE).param("year", YEAR).query(Integer.class).single()).isEqualTo(3);
    }
}
