package com.landrenew.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile and the flags our
 * closed network needs. Browsers cannot be downloaded here, so a missing package fails the test with
 * the command that installs it. Screenshots go to target/screenshots/.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser window of the given size; {@code extraArguments} add Chromium flags (e.g. for WebGL). */
    public static Browser start(int width, int height, String... extraArguments) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ", which are missing: run the tests with the README's test command,"
                    + " `bash src/sh/landrenew.sh test`, which installs chromium and chromium-driver.");
        }
        try {
            Path profile = Files.createTempDirectory("landrenew-chromium-");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile));
            arguments.addAll(List.of(extraArguments));
            options.addArguments(arguments);
            // The console log, to read the Content-Security-Policy violations Chromium reports there.
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Files.createDirectories(SCREENSHOTS);
            return new Browser(service, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Loads {@code url} afresh (also when only its hash differs) and waits as {@link #awaitReady} does. */
    public String open(String url, String global) {
        driver.get("about:blank");
        driver.get(url);
        return awaitReady(global);
    }

    /**
     * Waits (25 s at most) for the page's {@code window[global].ready} promise; answers "ready", or what
     * went wrong for an assertion to show.
     */
    public String awaitReady(String global) {
        return String.valueOf(driver.executeAsyncScript("""
                const [global, done] = [arguments[0], arguments[arguments.length - 1]];
                const deadline = Date.now() + 25000;
                (function wait() {
                  if (window[global]) {
                    window[global].ready.then(() => done('ready'), (e) => done('failed: ' + (e && e.message)));
                  } else if (Date.now() > deadline) {
                    done('window.' + global + ' never appeared');
                  } else {
                    setTimeout(wait, 50);
                  }
                })();
                """, global));
    }

    /**
     * Signs in on the sign-in page at {@code loginUrl} (…/login.html) as one of {@link TestUsers}, as a
     * person would: types the name and password, presses the button, waits for the map page.
     */
    public void signIn(String loginUrl, String testUser) {
        driver.get(loginUrl);
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(testUser);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestUsers.password(testUser));
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> !d.getCurrentUrl().contains("login.html"));
    }

    /**
     * Makes the page a phone's: {@code width} × {@code height} CSS pixels at a device pixel ratio of 2, as
     * a mobile device with touch (Chrome DevTools' device emulation; a desktop window cannot be narrower
     * than 500 px). Reload the page afterwards.
     */
    public void emulatePhone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
    }

    /** Saves what the browser shows as target/screenshots/{name}. */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name);
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Where a [longitude, latitude] is on the map page (window.landrenew.map), in page pixels, to click it. */
    @SuppressWarnings("unchecked")
    public List<Number> mapPagePoint(double[] lonLat) {
        return (List<Number>) js("""
                const map = window.landrenew.map;
                const p = map.latLngToContainerPoint([arguments[1], arguments[0]]);
                const box = map.getContainer().getBoundingClientRect();
                return [Math.round(box.left + p.x), Math.round(box.top + p.y)];""", lonLat[0], lonLat[1]);
    }

    /**
     * The Content-Security-Policy violations Chromium has reported in its console since the last call
     * (a blocked inline script, style, image or connection), as its messages.
     */
    public List<String> cspViolations() {
        List<String> violations = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy")) {
                violations.add(entry.getMessage());
            }
        }
        return violations;
    }

    /** Quits the browser; fails if any page it showed broke the Content-Security-Policy. */
    @Override
    public void close() {
        List<String> violations = List.of();
        try {
            violations = cspViolations();
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
        if (!violations.isEmpty()) {
            fail("The pages broke the Content-Security-Policy (see security/ContentSecurityPolicy):\n"
                    + String.join("\n", violations));
        }
    }
}
