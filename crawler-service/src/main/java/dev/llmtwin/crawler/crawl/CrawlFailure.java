package dev.llmtwin.crawler.crawl;

import java.util.Locale;

/**
 * Why a link could not be crawled, in a few kinds an operator can count and alert on (the
 * {@code reason} tag of {@code crawler.links}); the exception's message says the rest.
 */
public enum CrawlFailure {

	/**
	 * Not a link the source can crawl (malformed, no host, not a profile or repository).
	 */
	INVALID_LINK,
	/** Refused by policy: a private or reserved address, a {@code file:} repository. */
	BLOCKED,
	/** robots.txt disallows the page, or could not be read. */
	ROBOTS,
	/** The host is unknown, refuses connections, or the transfer broke off. */
	UNREACHABLE,
	/** The fetch, page load or clone took longer than its deadline. */
	TIMEOUT,
	/** The site answered with an error status or a broken redirect. */
	HTTP_ERROR,
	/**
	 * The answer is not usable text: another content type, binary, garbled or too large.
	 */
	CONTENT,
	/** The page holds no article, post or commit to store. */
	NO_ARTICLE,
	/** LinkedIn's login failed, is missing or asks for a security check. */
	LOGIN,
	/** The browser failed or could not start. */
	BROWSER,
	/** The crawler itself: shutting down, no crawler for the source, its disk. */
	INTERNAL;

	/** The name used as a metric tag: lower case with hyphens. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
