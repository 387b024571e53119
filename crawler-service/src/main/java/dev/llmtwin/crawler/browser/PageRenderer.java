package dev.llmtwin.crawler.browser;

import java.net.URI;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * Loads a page in a real browser and returns the document after its scripts ran, for
 * sites whose content needs JavaScript. Every address the browser loads passes the
 * {@link dev.llmtwin.crawler.guard.UrlGuard}.
 */
public interface PageRenderer {

	RenderedPage render(URI url) throws CrawlException;

	/** The rendered document and the address it ended at after redirects. */
	record RenderedPage(URI finalUrl, String html) {
	}

}
