package org.smartassistant.e2e.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smartassistant.e2e.Suite;

/**
 * Debian's headless Chromium driven through its chromedriver (never a downloaded browser), on
 * rest-service's admin UI; takes screenshots at desktop and phone width.
 */
final class AdminBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String REQUIRED_VARIABLE = "BROWSER_TESTS";
  static final Path SCREENSHOTS = Suite.projectRoot().resolve("e2e/target/admin-screenshots");

  final ChromeDriver driver;
  private final String baseUrl;
  private final Path profile;

  /** Whether Debian's Chromium and its driver are installed. */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Skips the calling test when Debian's Chromium or its driver is not installed, or fails it when
   * {@code BROWSER_TESTS=required} ({@code .ci/run} sets it, after installing them): a machine
   * without a browser still runs the rest of the suite, and CI never skips these tests.
   */
  static void assumeInstalled() {
    if (installed()) {
      return;
    }
    String missing =
        (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM)
            + " is missing: the admin UI tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; .ci/run installs them)";
    if ("required".equals(System.getenv(REQUIRED_VARIABLE))) {
      throw new IllegalStateException(missing + "; " + REQUIRED_VARIABLE + "=required");
    }
    Assumptions.abort(missing + ": skipped");
  }

  AdminBrowser(String baseUrl) {
    assumeInstalled();
    this.baseUrl = baseUrl;
    try {
      this.profile = Files.createTempDirectory("admin-ui-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    desktop();
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  String text() {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                "complete"
                        .equals(
                            ((JavascriptExecutor) d).executeScript("return document.readyState"))
                    ? d.findElement(By.tagName("body")).getText()
                    : null);
  }

  /**
   * The page's text once it contains every one of {@code expected} (a click's answer may still be
   * loading); the last text seen when it never does, for the assertion to show.
   */
  String textContaining(String... expected) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(30))
          .ignoring(NoSuchElementException.class)
          .ignoring(StaleElementReferenceException.class)
          .until(
              d -> {
                String text = d.findElement(By.tagName("body")).getText();
                for (String part : expected) {
                  if (!text.contains(part)) {
                    return null;
                  }
                }
                return text;
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      return text();
    }
  }

  String path() {
    return driver.getCurrentUrl().substring(baseUrl.length());
  }

  /** Fills and sends the login form; returns the page's text once the answer has loaded. */
  String login(String user, String password) {
    open("/admin/login");
    WebElement name = find("#username");
    name.clear();
    name.sendKeys(user);
    find("#password").sendKeys(password);
    find("#login").click();
    // the form posts and is redirected: wait for the page it lands on
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(NoSuchElementException.class)
        .until(
            d ->
                !d.getCurrentUrl().endsWith("/admin/login")
                    && "complete"
                        .equals(
                            ((JavascriptExecutor) d).executeScript("return document.readyState"))
                    && !d.findElements(By.tagName("body")).isEmpty());
    return text();
  }

  void desktop() {
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  /** The page as it is now, at desktop and at phone width: {@code <page>-desktop.png}, ... */
  void screenshot(String page) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (String[] size : new String[][] {{"desktop", "1280", "900"}, {"phone", "390", "844"}}) {
        driver
            .manage()
            .window()
            .setSize(new Dimension(Integer.parseInt(size[1]), Integer.parseInt(size[2])));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(page + "-" + size[0] + ".png"), png);
      }
      desktop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
