package dev.llmtwin.crawler.browser;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.guard.GuardingProxy;

/**
 * One Chromium per worker thread, started on first use and reused for every page after
 * (starting one costs more than a second, a local page a fraction of that). A browser
 * that died (crashed, killed, its session gone) is replaced by a new one and the task is
 * run once more; browsers of threads that ended are quit, and all of them on shutdown.
 * Every browser sends all its requests, loopback ones included, through the crawler's
 * {@link GuardingProxy}, so the guard sees each sub-request a page makes and the
 * connection goes to the address it admitted.
 */
@Component
public class BrowserPool implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BrowserPool.class);

	/**
	 * Measured on these machines: headless, no sandbox (containers), no shared memory.
	 */
	private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
			"--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
			"--no-first-run", "--disable-sync");

	private final BrowserProperties properties;

	private final Map<Thread, WebDriver> browsers = new ConcurrentHashMap<>();

	private final AtomicInteger started = new AtomicInteger();

	private final GuardingProxy proxy;

	private volatile boolean closed;

	/**
	 * @param proxy every request of the browsers goes through it
	 */
	public BrowserPool(BrowserProperties properties, GuardingProxy proxy) {
		this.properties = properties;
		this.proxy = proxy;
	}

	/**
	 * Runs the task with the calling thread's browser, starting one when the thread has
	 * none or its browser died.
	 * @throws CrawlException from the task, or when the browser fails while alive or
	 * cannot be started
	 */
	public <T> T withBrowser(BrowserTask<T> task) throws CrawlException {
		WebDriver browser = browserOfThisThread();
		try {
			return task.run(browser);
		}
		catch (WebDriverException ex) {
			if (isAlive(browser)) {
				throw new CrawlException(CrawlFailure.BROWSER, "the browser failed: " + firstLine(ex), ex);
			}
			log.warn("The browser of {} died ({}); starting a new one", Thread.currentThread().getName(),
					firstLine(ex));
			discard(browser);
		}
		WebDriver restarted = browserOfThisThread();
		try {
			return task.run(restarted);
		}
		catch (WebDriverException ex) {
			if (!isAlive(restarted)) {
				discard(restarted);
			}
			throw new CrawlException(CrawlFailure.BROWSER, "the browser failed: " + firstLine(ex), ex);
		}
	}

	/** How many browsers were started so far. */
	public int started() {
		return this.started.get();
	}

	private WebDriver browserOfThisThread() throws CrawlException {
		if (this.closed) {
			throw new CrawlException(CrawlFailure.INTERNAL, "the crawler is shutting down");
		}
		quitBrowsersOfEndedThreads();
		WebDriver browser = this.browsers.get(Thread.currentThread());
		if (browser == null) {
			browser = start();
			this.browsers.put(Thread.currentThread(), browser);
		}
		return browser;
	}

	private WebDriver start() throws CrawlException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(this.properties.binary().toFile());
		options.addArguments(ARGUMENTS);
		// Without <-loopback>, Chromium would reach loopback addresses directly.
		options.addArguments("--proxy-server=" + this.proxy.address(), "--proxy-bypass-list=<-loopback>");
		options.addArguments(this.properties.extraArgs());
		options.setPageLoadTimeout(this.properties.pageLoadTimeout());
		ChromeDriverService service = null;
		try {
			service = new ChromeDriverService.Builder().usingDriverExecutable(this.properties.driver().toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver browser = new ChromeDriver(service, options);
			this.started.incrementAndGet();
			log.info("Started Chromium for {}", Thread.currentThread().getName());
			return browser;
		}
		catch (WebDriverException | IllegalStateException ex) {
			if (service != null) {
				service.stop();
			}
			// The paths are the operator's business: the log has them, the job does not.
			log.warn("Cannot start Chromium ({} with {}): {}", this.properties.binary(), this.properties.driver(),
					firstLine(ex));
			throw new CrawlException(CrawlFailure.BROWSER,
					"the crawler's browser (Chromium) could not start; its log says why", ex);
		}
	}

	private static boolean isAlive(WebDriver browser) {
		try {
			browser.getWindowHandles();
			return true;
		}
		catch (WebDriverException ex) {
			return false;
		}
	}

	private void discard(WebDriver browser) {
		this.browsers.remove(Thread.currentThread(), browser);
		quit(browser);
	}

	private void quitBrowsersOfEndedThreads() {
		this.browsers.forEach((thread, browser) -> {
			if (!thread.isAlive() && this.browsers.remove(thread, browser)) {
				quit(browser);
			}
		});
	}

	private static void quit(WebDriver browser) {
		try {
			browser.quit();
		}
		catch (WebDriverException ex) {
			// Already gone; quitting also stops its driver process.
			log.debug("Quitting a browser failed", ex);
		}
	}

	/** Quits every browser; later tasks fail. The proxy is shared and stays. */
	@Override
	@PreDestroy
	public void close() {
		this.closed = true;
		this.browsers.forEach((thread, browser) -> {
			if (this.browsers.remove(thread, browser)) {
				quit(browser);
			}
		});
	}

	private static String firstLine(Exception ex) {
		String message = String.valueOf(ex.getMessage());
		int end = message.indexOf('\n');
		return (end >= 0) ? message.substring(0, end) : message;
	}

}
