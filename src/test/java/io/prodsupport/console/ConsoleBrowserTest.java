package io.prodsupport.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prodsupport.explain.ActivityLog;
import io.prodsupport.store.Stores;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium with chromium-driver, headless): a person logs in, the charts
 * render without a console error, a dead letter is replayed and leaves the list. The page is saved as
 * {@code target/console.png} (the README's {@code docs/console.png} is a copy).
 */
class ConsoleBrowserTest {

    @TempDir
    static Path dir;

    private static ConsoleService console;
    private static WebDriver browser;
    /** Selenium says at WARNING that it has no DevTools (CDP) bindings for this Chromium: the test uses none. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @BeforeAll
    static void start() {
        Optional<Path> driver = executable("webdriver.chrome.driver", "chromedriver");
        Assumptions.assumeTrue(
                driver.isPresent(),
                "no chromedriver found (system property webdriver.chrome.driver or on PATH): install Debian's"
                        + " chromium and chromium-driver (apt-get install -y chromium chromium-driver) to run this test");
        Optional<Path> chromium = executable("chromium.binary", "chromium");
        Assumptions.assumeTrue(chromium.isPresent(), "chromedriver found but no chromium on PATH");
        SELENIUM.setLevel(Level.SEVERE);
        console = ConsoleService.start(dir, true);
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    /** The property's path if set, else the first {@code name} on PATH. */
    private static Optional<Path> executable(String property, String name) {
        String set = System.getProperty(property);
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void a_person_logs_in_sees_the_charts_and_replays_a_dead_letter() throws Exception {
        // the sweep's first run has handled the incidents: the console has events to show
        try (ActivityLog activity =
                Stores.openActivityLog("jdbc:sqlite:" + dir.resolve("prodsupport.db"), null, null)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> console.service.inbox().depth() == 0
                            && activity.recent(1).size() == 1);
        }
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(console.base() + "/console");
        wait.until(ExpectedConditions.urlToBe(console.base() + "/console/login"));
        save("console-login.png");
        browser.findElement(By.id("token")).sendKeys(ConsoleService.TOKEN);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(console.base() + "/console"));

        List<WebElement> canvases = browser.findElements(By.tagName("canvas"));
        assertThat(canvases).hasSize(4);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (WebElement canvas : canvases) {
            assertThat(js.executeScript("return Chart.getChart(arguments[0]) != null", canvas))
                    .as("a chart is drawn on #%s", canvas.getAttribute("id"))
                    .isEqualTo(true);
            assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        }
        assertThat(browser.findElements(By.cssSelector("table.dead-letters tr[data-id]")))
                .hasSize(2);
        assertThat(browser.findElement(By.id("on-duty")).getText()).isEqualTo("Alice Oncall");

        screenshot();

        String id = console.deadLetters.get(0);
        browser.findElement(By.cssSelector("tr[data-id='" + id + "'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replayed")));
        assertThat(browser.findElement(By.id("replayed")).getText()).isEqualTo("Queued " + id + " again.");
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + id + "']")))
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("table.dead-letters tr[data-id]")))
                .hasSize(1);

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(errors).as("the browser's console").isEmpty();
    }

    /** The whole page, 1280 px wide, into {@code target/console.png}. */
    private static void screenshot() throws Exception {
        Dimension before = browser.manage().window().getSize();
        long height =
                (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 6000)));
        save("console.png");
        browser.manage().window().setSize(before);
    }

    private static void save(String name) throws Exception {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
