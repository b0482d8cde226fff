package com.promisevalidator.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven through /usr/bin/chromedriver, both named explicitly so Selenium Manager never
 * downloads anything. Missing browser (or axe-core): the test is skipped with a message on a developer's machine and
 * fails under CI (CI=true), where .ci/run installs them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    /** Put there by .ci/run (npm, into target/): third-party code is never committed. */
    static final Path AXE = Path.of(System.getProperty("browser.axe", "target/axe/node_modules/axe-core/axe.min.js"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Skips (locally) or fails (CI) when {@code file} is not there. */
    static void require(Path file, String what) {
        boolean there = Files.isExecutable(file) || (Files.isRegularFile(file) && file.toString().endsWith(".js"));
        String message = what + " not found at " + file + ": install it (.ci/run does) to run the browser tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.assertTrue(there, message);
        else Assumptions.assumeTrue(there, message);
    }

    /** A fresh browser (fresh profile) whose window is {@code width} CSS pixels wide, asking for {@code language}. */
    static Browser open(int width, int height, String language) throws IOException {
        require(CHROMIUM, "chromium");
        require(CHROMEDRIVER, "chromedriver");
        Path profile = Files.createTempDirectory("promise-browser-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=" + language);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        // the viewport itself, whatever the smallest window the platform allows
        d.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        return new Browser(d, profile);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** axe-core run in the page: the serious and critical violations, as "id: help (n nodes: selectors)". */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() throws IOException {
        require(AXE, "axe-core (npm)");
        js(Files.readString(AXE, StandardCharsets.UTF_8));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                // label-content-name-mismatch (WCAG 2.5.3) is tagged experimental in axe-core and off unless asked for
                axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ')) }))))
                  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));""");
        return ((List<Map<String, Object>>) result).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + ": " + v.get("help") + " (" + v.get("nodes") + ")")
                .toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
