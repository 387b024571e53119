package dev.llmtwin.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.Ids;
import dev.llmtwin.testing.TestRequirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator console in a real browser (the machine's Chromium through Selenium)
 * against the whole fleet on loopback: sign in, crawl local pages and watch the job
 * finish, see a failed link's reason, find a page through the search playground, read a
 * hostile page's markup as text, replay a dead letter, preview an extraction. Screenshots
 * go to {@code target/console-screenshots/} for review.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Duration WAIT = Duration.ofSeconds(90);

	@TempDir
	static Path dataDir;

	private static LocalStack stack;

	private static PageServer pages;

	private static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		TestRequirements.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver at /usr/bin (Debian packages chromium and chromium-driver)");
		stack = LocalStack.start(PipelineScenario.settings(dataDir));
		pages = new PageServer("console-pages");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--window-size=1280,1000");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build(), options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (pages != null) {
			pages.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void signInAndCrawlLocalPagesUntilTheJobIsDone() {
		browser.get(stack.consoleUrl() + "/crawls");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		screenshot("01-sign-in");
		browser.findElement(By.id("apiKey")).sendKeys("not the key");
		clickThrough(By.cssSelector("main form button[type=submit]"));
		assertThat(text(By.cssSelector(".problem"))).contains("not the fleet's API key");
		browser.findElement(By.id("apiKey")).sendKeys(stack.apiKey());
		clickThrough(By.cssSelector("main form button[type=submit]"));
		assertThat(browser.getCurrentUrl()).contains("/crawls");
		assertThat(text(By.cssSelector(".empty"))).contains("No crawls yet");
		screenshot("02-empty-fleet");

		browser.findElement(By.id("author")).sendKeys("Ada Example");
		browser.findElement(By.id("links"))
			.sendKeys(String.join("\n", pages.url("essay.html"), pages.url("hostile.html"),
					pages.url("no-such-page.html"), "ftp://not-crawlable"));
		// The source of each link shows as it is typed; a link that would be refused says
		// why.
		waitFor().until((driver) -> driver.findElements(By.cssSelector("#routes li")).size() == 4);
		assertThat(browser.findElements(By.cssSelector("#routes li .source")).stream().map(WebElement::getText))
			.containsExactly("web", "web", "web", "refused");
		assertThat(text(By.cssSelector("#routes li:last-child .reason"))).contains("not an absolute http or https URL");
		screenshot("03-links-routed");
		removeLastLine();
		waitFor().until((driver) -> driver.findElements(By.cssSelector("#routes li")).size() == 3);
		clickThrough(By.cssSelector(".crawl-form button[type=submit]"));
		assertThat(text(By.cssSelector(".notice"))).contains("accepted: 3 links by Ada Example");

		// The progress bar is refreshed by htmx until every link has finished.
		String finishedOfTotal = waitFor().until((driver) -> {
			WebElement progress = driver.findElement(By.cssSelector(".job .bar"));
			String finished = progress.getAttribute("aria-valuenow");
			return "3".equals(finished) ? finished + "/" + progress.getAttribute("aria-valuemax") : null;
		});
		assertThat(finishedOfTotal).isEqualTo("3/3");
		assertThat(text(By.cssSelector(".job .status"))).isEqualTo("done");
		assertThat(text(By.cssSelector(".job .failures"))).contains("no-such-page.html").contains("404");
		screenshot("04-crawl-done");
	}

	@Test
	@Order(2)
	void thePageIsFoundThroughTheSearchPlayground() {
		String essay = pages.url("essay.html");
		WebElement hit = waitFor().until((driver) -> {
			driver.get(stack.consoleUrl() + "/search");
			driver.findElement(By.id("q")).sendKeys("who polishes the brass lens before dawn");
			clickThrough(By.cssSelector(".search-form button[type=submit]"));
			List<WebElement> hits = driver.findElements(By.cssSelector(".hit"));
			return (!hits.isEmpty() && hits.get(0).getText().contains(essay)) ? hits.get(0) : null;
		});
		assertThat(hit.findElements(By.tagName("mark")).stream().map(WebElement::getText)).contains("brass", "lens");
		screenshot("05-search");
		clickThrough(hit.findElement(By.cssSelector("a.document")));
		assertThat(text(By.tagName("h1"))).isEqualTo("Keeping the light at Lofoten");
		assertThat(text(By.cssSelector(".text"))).contains("Storms arrive from the west");
		assertThat(browser.findElements(By.cssSelector(".chunks li"))).isNotEmpty();
		screenshot("06-document");
	}

	@Test
	@Order(3)
	void crawledMarkupIsShownAsTextAndNeverRuns() {
		String id = Ids.documentId(pages.url("hostile.html"));
		waitFor().until((driver) -> {
			driver.get(stack.consoleUrl() + "/documents/" + id);
			return driver.findElements(By.cssSelector(".document-view .text")).isEmpty() ? null : true;
		});
		assertThat(text(By.tagName("h1"))).contains("<script>alert('title')</script>");
		assertThat(text(By.cssSelector(".document-view .text"))).contains("<img src=x onerror=alert('body')>");
		assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		screenshot("07-hostile-page-as-text");
	}

	@Test
	@Order(4)
	void aDeadLetterIsListedWithItsReasonAndReplayedAndEverythingCanBeRepublished() {
		publishPoison();
		browser.get(stack.consoleUrl() + "/pipeline");
		WebElement letters = waitFor().until((driver) -> {
			List<WebElement> tables = driver.findElements(By.id("dead-letters"));
			return (!tables.isEmpty() && tables.get(0).getText().contains("Malformed change event")) ? tables.get(0)
					: null;
		});
		assertThat(letters.getText()).contains("articles.insert");
		assertThat(text(By.id("raw-documents"))).isEqualTo("2");
		screenshot("08-pipeline-dead-letter");
		clickThrough(By.cssSelector("form[action$='/pipeline/replay'] button"));
		assertThat(text(By.cssSelector(".notice"))).contains("1 dead letter sent back to the feature queue");
		screenshot("09-replayed");
		clickThrough(By.cssSelector("form[action$='/pipeline/snapshot'] button"));
		assertThat(text(By.cssSelector(".notice"))).startsWith("Re-publishing every document of").contains("articles");
	}

	@Test
	@Order(5)
	void theExtractionPreviewShowsWhatALinkOrAnUploadedPageWouldStore() throws IOException {
		browser.get(stack.consoleUrl() + "/extract");
		browser.findElement(By.id("url")).sendKeys(pages.url("essay.html"));
		clickThrough(By.cssSelector("main form button[type=submit]"));
		assertThat(text(By.id("extracted-title-value"))).isEqualTo("Keeping the light at Lofoten");
		assertThat(text(By.cssSelector("#extracted .text"))).contains("polish the brass lens");
		screenshot("10-extraction-preview");

		// A saved page, uploaded: a multipart form with its CSRF token.
		Path saved = dataDir.resolve("saved-page.html");
		Files.writeString(saved,
				"<html><head><title>A saved page</title></head><body><article><p>"
						+ "The saved page tells of tide tables and harbour masters along the southern coast. ".repeat(4)
						+ "</p></article></body></html>");
		browser.findElement(By.id("page")).sendKeys(saved.toAbsolutePath().toString());
		clickThrough(By.cssSelector("main form button[type=submit]"));
		assertThat(text(By.id("extracted-title-value"))).isEqualTo("A saved page");
		assertThat(text(By.cssSelector("#extracted .text"))).contains("tide tables and harbour masters");
		assertThat(cspViolations()).isEmpty();
	}

	@Test
	@Order(6)
	void theCrawlsPageFitsAPhonesWidth() {
		browser.manage().window().setSize(new Dimension(390, 844));
		try {
			browser.get(stack.consoleUrl() + "/crawls");
			text(By.cssSelector(".job .status"));
			Object overflow = ((JavascriptExecutor) browser)
				.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
			assertThat(((Number) overflow).intValue()).as("horizontal scrolling in pixels").isLessThanOrEqualTo(0);
			screenshot("11-crawls-on-a-phone");
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 1000));
		}
	}

	private static void removeLastLine() {
		WebElement links = browser.findElement(By.id("links"));
		String value = links.getDomProperty("value");
		links.clear();
		links.sendKeys(value.substring(0, value.lastIndexOf('\n')));
	}

	private static void publishPoison() {
		LocalStackSettings.RabbitMq rabbit = stack.broker();
		CachingConnectionFactory connections = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		connections.setUsername(rabbit.username());
		connections.setPassword(rabbit.password());
		connections.setVirtualHost(rabbit.virtualHost());
		try {
			new RabbitTemplate(connections).send(AmqpNames.RAW_CHANGES, "articles.insert",
					MessageBuilder.withBody("{\"eventId\": \"cut".getBytes(StandardCharsets.UTF_8))
						.setContentType(MessageProperties.CONTENT_TYPE_JSON)
						.setMessageId("poison-from-console-test")
						.build());
		}
		finally {
			connections.destroy();
		}
	}

	private static List<String> cspViolations() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private static void clickThrough(By control) {
		clickThrough(browser.findElement(control));
	}

	/**
	 * Clicks a link or a form's button and waits until the page it loads has replaced
	 * this one: a click returns before the navigation ends, so reading right after it can
	 * read the old page (under load it did: the URL was still the sign-in page's).
	 */
	private static void clickThrough(WebElement control) {
		WebElement page = browser.findElement(By.tagName("html"));
		control.click();
		waitFor().until(ExpectedConditions.stalenessOf(page));
	}

	private static String text(By by) {
		return waitFor().until((driver) -> {
			WebElement element = driver.findElement(by);
			return element.isDisplayed() ? element.getText() : null;
		});
	}

	private static WebDriverWait waitFor() {
		// htmx replaces the live parts while the test reads them.
		WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(250));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private static void screenshot(String name) {
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot save the screenshot " + name, ex);
		}
	}

}
