package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * Decides whether the crawler may send a request to an address: every fetch, every
 * redirect target, every request a browser makes and every repository cloned over the
 * network passes through it first. It resolves the host itself, once, and a connection
 * goes only to an address it admitted: a client that resolved the name again could be
 * sent elsewhere by a DNS answer that changed in between (rebinding).
 */
public interface UrlGuard {

	/**
	 * Checks the address and resolves its host.
	 * @return the addresses to connect to, each admitted, in the resolver's order
	 * @throws CrawlException naming the reason when the address must not be requested
	 */
	List<InetAddress> admit(URI target) throws CrawlException;

	/**
	 * Checks the address without connecting to it, for an early and clear refusal (a page
	 * before a browser loads it, a repository before it is cloned); the connection itself
	 * is admitted again.
	 * @throws CrawlException naming the reason when the address must not be requested
	 */
	default void check(URI target) throws CrawlException {
		admit(target);
	}

}
