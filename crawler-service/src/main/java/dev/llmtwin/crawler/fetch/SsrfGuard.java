package dev.llmtwin.crawler.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;

/** Admits only http and https addresses. */
@Component
class SsrfGuard implements UrlGuard {

	private static final Set<String> SCHEMES = Set.of("http", "https");

	@Override
	public void check(URI target) throws CrawlException {
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!SCHEMES.contains(scheme)) {
			throw new CrawlException("only http and https links can be crawled, not " + target);
		}
	}

}
