package dev.llmtwin.crawler.source.linkedin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.browser.BrowserPool;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.guard.UrlGuard;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.PostDocument;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/**
 * Crawls LinkedIn posts through the worker's Chromium: logs in with the configured
 * account when LinkedIn asks for it, opens the profile's activity and scrolls until
 * enough posts are loaded (or a single post's page), and stores each post. The browser
 * keeps its session, so later links of the same worker need no new login.
 */
@Component
class LinkedinCrawler implements SourceCrawler {

	private static final Logger log = LoggerFactory.getLogger(LinkedinCrawler.class);

	/**
	 * Selenium logs every command it sends, typed text included, at JUL's FINE level:
	 * kept at INFO, whatever the logging configuration says, so that the password never
	 * reaches a log. Held here because JUL keeps loggers only weakly.
	 */
	static final java.util.logging.Logger SELENIUM_COMMANDS = java.util.logging.Logger
		.getLogger(RemoteWebDriver.class.getName());

	static {
		SELENIUM_COMMANDS.setLevel(Level.INFO);
	}

	private static final String LOAD_MORE_BUTTON = "button.scaffold-finite-scroll__load-button";

	private final BrowserPool browsers;

	private final UrlGuard guard;

	private final LinkedinProperties properties;

	private final PostStore posts;

	private final RawDocumentStore users;

	LinkedinCrawler(BrowserPool browsers, UrlGuard guard, LinkedinProperties properties, PostStore posts,
			RawDocumentStore users) {
		this.browsers = browsers;
		this.guard = guard;
		this.properties = properties;
		this.posts = posts;
		this.users = users;
	}

	@Override
	public Source source() {
		return Source.LINKEDIN;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		LinkedinLink link = LinkedinLink.of(command.link());
		if (!this.properties.hasCredentials()) {
			throw new CrawlException(CrawlFailure.LOGIN,
					"LinkedIn credentials are missing: set LINKEDIN_USERNAME and LINKEDIN_PASSWORD");
		}
		URI page = this.properties.page(link.path());
		this.guard.check(page);
		List<LinkedinPost> found = this.browsers.withBrowser((browser) -> read(browser, link, page));
		if (found.isEmpty()) {
			throw new CrawlException(CrawlFailure.NO_ARTICLE,
					link.isProfile() ? "no posts found on the profile's activity page" : "no post found on the page");
		}
		// The author first, so that downstream never sees a post of an unknown author.
		this.users.ensureUser(author);
		Instant crawledAt = Instant.now();
		List<CrawledDocument> stored = new ArrayList<>(found.size());
		for (LinkedinPost post : found) {
			String postLink = this.properties.page("/feed/update/" + post.urn() + "/").toString();
			String id = Ids.documentId(postLink);
			boolean changed = this.posts.save(new PostDocument(id, Source.LINKEDIN.routingKey(), postLink, post.text(),
					author.id(), ContentHash.of(post.text()), post.publishedAt(), crawledAt));
			stored.add(new CrawledDocument(id, changed));
		}
		log.info("LinkedIn {}: {} posts, {} written", link.path(), stored.size(),
				stored.stream().filter(CrawledDocument::changed).count());
		return new CrawlResult(stored);
	}

	private List<LinkedinPost> read(WebDriver browser, LinkedinLink link, URI page) throws CrawlException {
		open(browser, page);
		if (isLoginPage(browser)) {
			logIn(browser);
			open(browser, page);
			if (isLoginPage(browser)) {
				throw new CrawlException(CrawlFailure.LOGIN,
						"LinkedIn still asks for a login after logging in (login wall)");
			}
		}
		failOnCheckpoint(browser);
		if (link.isProfile()) {
			scrollForPosts(browser);
		}
		List<LinkedinPost> found = LinkedinFeedParser.parse(browser.getPageSource(), Instant.now());
		if (link.isProfile()) {
			return found.subList(0, Math.min(found.size(), this.properties.maxPosts()));
		}
		return found.stream()
			.filter((post) -> link.activityId() == null || post.urn().endsWith(":" + link.activityId()))
			.findFirst()
			.or(() -> found.stream().findFirst())
			.map(List::of)
			.orElse(List.of());
	}

	/** Loads a page; the guard sees the address before and the one it ended at after. */
	private void open(WebDriver browser, URI page) throws CrawlException {
		this.guard.check(page);
		try {
			browser.get(page.toString());
		}
		catch (TimeoutException ex) {
			throw new CrawlException(CrawlFailure.TIMEOUT, "LinkedIn did not answer in time: " + page.getPath(), ex);
		}
		this.guard.check(currentUrl(browser));
	}

	private void logIn(WebDriver browser) throws CrawlException {
		open(browser, this.properties.page("/login"));
		WebElement username = browser.findElements(By.id("username")).stream().findFirst().orElse(null);
		WebElement password = browser.findElements(By.id("password")).stream().findFirst().orElse(null);
		if (username == null || password == null) {
			failOnCheckpoint(browser);
			throw new CrawlException(CrawlFailure.LOGIN, "LinkedIn's login page has no login form");
		}
		username.clear();
		username.sendKeys(this.properties.username());
		password.clear();
		password.sendKeys(this.properties.password());
		WebElement form = password.findElement(By.xpath("ancestor::form"));
		form.findElement(By.cssSelector("button[type=submit]")).click();
		try {
			new WebDriverWait(browser, this.properties.loginWait()).until((driver) -> isGone(password));
			new WebDriverWait(browser, this.properties.loginWait()).until((driver) -> "complete"
				.equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
		}
		catch (TimeoutException ex) {
			throw new CrawlException(CrawlFailure.TIMEOUT, "LinkedIn did not answer the login in time", ex);
		}
		this.guard.check(currentUrl(browser));
		failOnCheckpoint(browser);
		if (isLoginPage(browser)) {
			throw new CrawlException(CrawlFailure.LOGIN,
					"LinkedIn refused the login (login wall): check LINKEDIN_USERNAME and LINKEDIN_PASSWORD");
		}
		log.info("Logged in to LinkedIn");
	}

	/**
	 * Whether the element has left the page. Chromium reports a node of a page being left
	 * either as stale or, mid-navigation, as an inspector error that it no longer belongs
	 * to the document.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/** A login form, the authentication wall, or the login answer with an error. */
	private static boolean isLoginPage(WebDriver browser) throws CrawlException {
		String path = String.valueOf(currentUrl(browser).getPath());
		return path.startsWith("/login") || path.startsWith("/uas/login") || path.startsWith("/authwall")
				|| path.startsWith("/checkpoint/lg/") || path.startsWith("/signup")
				|| !browser.findElements(By.cssSelector("input[type=password]")).isEmpty();
	}

	/** A security check (verification code, captcha) that only a person can pass. */
	private static void failOnCheckpoint(WebDriver browser) throws CrawlException {
		String path = String.valueOf(currentUrl(browser).getPath());
		if (path.startsWith("/checkpoint/") && !path.startsWith("/checkpoint/lg/")) {
			throw new CrawlException(CrawlFailure.LOGIN, "LinkedIn asks for a security check (checkpoint or captcha at "
					+ path + "): sign in once by hand from this machine, then crawl again");
		}
	}

	/**
	 * Scrolls to the end of the feed (and presses its "show more" button) until enough
	 * posts are loaded or no more arrive within the scroll wait.
	 */
	private void scrollForPosts(WebDriver browser) {
		JavascriptExecutor script = (JavascriptExecutor) browser;
		int loaded = countUpdates(browser);
		while (loaded < this.properties.maxPosts()) {
			script.executeScript("window.scrollTo(0, document.body.scrollHeight);");
			browser.findElements(By.cssSelector(LOAD_MORE_BUTTON))
				.stream()
				.filter(WebElement::isDisplayed)
				.findFirst()
				.ifPresent(WebElement::click);
			int before = loaded;
			try {
				new WebDriverWait(browser, this.properties.scrollWait())
					.until((driver) -> countUpdates(driver) > before);
			}
			catch (TimeoutException ex) {
				break;
			}
			loaded = countUpdates(browser);
		}
	}

	private static int countUpdates(WebDriver browser) {
		return browser.findElements(By.cssSelector(LinkedinFeedParser.UPDATE_SELECTOR)).size();
	}

	private static URI currentUrl(WebDriver browser) throws CrawlException {
		String current = String.valueOf(browser.getCurrentUrl());
		try {
			return new URI(current);
		}
		catch (URISyntaxException ex) {
			throw new CrawlException(CrawlFailure.BROWSER, "the browser ended at an unreadable address: " + current,
					ex);
		}
	}

}
