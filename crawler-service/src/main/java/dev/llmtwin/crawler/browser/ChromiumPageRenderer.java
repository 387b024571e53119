package dev.llmtwin.crawler.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.guard.UrlGuard;

/**
 * Renders pages in the worker thread's Chromium. The guard sees the address before the
 * browser loads it and the address the browser ended at, so a redirect to a refused
 * address gives no content.
 */
@Component
class ChromiumPageRenderer implements PageRenderer {

	private static final Pattern NETWORK_ERROR = Pattern.compile("net::ERR_[A-Z_]+");

	/** The error code of Chromium's error page, or null on any other page. */
	private static final String ERROR_PAGE_SCRIPT = """
			if (!String(document.documentURI).startsWith('chrome-error:')) { return null; }
			const code = document.querySelector('.error-code');
			return code ? 'net::' + code.textContent.trim() : 'network error';""";

	private final BrowserPool browsers;

	private final UrlGuard guard;

	private final BrowserProperties properties;

	ChromiumPageRenderer(BrowserPool browsers, UrlGuard guard, BrowserProperties properties) {
		this.browsers = browsers;
		this.guard = guard;
		this.properties = properties;
	}

	@Override
	public RenderedPage render(URI url) throws CrawlException {
		this.guard.check(url);
		return this.browsers.withBrowser((browser) -> load(browser, url));
	}

	private RenderedPage load(WebDriver browser, URI url) throws CrawlException {
		try {
			browser.get(url.toString());
		}
		catch (TimeoutException ex) {
			throw new CrawlException(CrawlFailure.TIMEOUT,
					"the page did not load within " + this.properties.pageLoadTimeout().toMillis() + " ms", ex);
		}
		catch (WebDriverException ex) {
			if (!String.valueOf(ex.getMessage()).contains("net::ERR_")) {
				throw ex;
			}
			// A network error: a redirect may have led there, and a refusal says more.
			this.guard.check(currentUrl(browser));
			throw new CrawlException(CrawlFailure.UNREACHABLE, "cannot load the page: " + networkError(ex), ex);
		}
		try {
			URI finalUrl = currentUrl(browser);
			this.guard.check(finalUrl);
			failOnErrorPage(browser);
			return new RenderedPage(finalUrl, browser.getPageSource());
		}
		catch (CrawlException ex) {
			// Nothing of a refused page stays open in the browser.
			browser.get("about:blank");
			throw ex;
		}
	}

	/**
	 * Chromium shows its own error page when a page cannot be reached (the address stays
	 * the same): that is no content.
	 */
	private static void failOnErrorPage(WebDriver browser) throws CrawlException {
		Object error = ((JavascriptExecutor) browser).executeScript(ERROR_PAGE_SCRIPT);
		if (error != null) {
			throw new CrawlException(CrawlFailure.UNREACHABLE, "cannot load the page: " + error);
		}
	}

	private static String networkError(WebDriverException ex) {
		Matcher error = NETWORK_ERROR.matcher(String.valueOf(ex.getMessage()));
		return error.find() ? error.group() : "network error";
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
