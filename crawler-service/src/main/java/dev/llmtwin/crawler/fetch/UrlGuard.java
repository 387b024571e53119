package dev.llmtwin.crawler.fetch;

import java.net.URI;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * Decides whether the crawler may send a request to an address: every fetch, every
 * redirect target, every page a browser loads and every repository cloned over the
 * network passes through it first.
 */
public interface UrlGuard {

	/**
	 * @throws CrawlException naming the reason when the address must not be requested
	 */
	void check(URI target) throws CrawlException;

}
