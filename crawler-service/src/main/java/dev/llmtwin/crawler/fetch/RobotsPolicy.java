package dev.llmtwin.crawler.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * Honours robots.txt, cached per origin and fetched through the guarded transport. It
 * follows RFC 9309: a missing robots.txt (any 4xx) allows everything; a 5xx answer or an
 * unreachable robots.txt means the site cannot say what it allows, so nothing is crawled
 * and the link fails with that reason. Failures are not cached, so a later crawl tries
 * again.
 */
@Component
class RobotsPolicy {

	private static final Logger log = LoggerFactory.getLogger(RobotsPolicy.class);

	private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final GuardedTransport transport;

	private final FetchProperties properties;

	RobotsPolicy(GuardedTransport transport, FetchProperties properties) {
		this.transport = transport;
		this.properties = properties;
	}

	void check(URI url, Deadline deadline) throws CrawlException {
		if ("/robots.txt".equals(url.getPath())) {
			return;
		}
		String origin = origin(url);
		Cached cached = this.cache.get(origin);
		if (cached == null || cached.fetchedAt().plus(this.properties.robotsCacheTtl()).isBefore(Instant.now())) {
			cached = new Cached(fetch(origin, deadline), Instant.now());
			this.cache.put(origin, cached);
		}
		if (!cached.rules().isAllowed(url.toString())) {
			throw new CrawlException(CrawlFailure.ROBOTS, "robots.txt of " + origin + " disallows " + url);
		}
	}

	private BaseRobotRules fetch(String origin, Deadline deadline) throws CrawlException {
		URI robots = URI.create(origin + "/robots.txt");
		FetchedResource response;
		try {
			response = this.transport.get(robots, GuardedTransport.RequestCheck.NONE, deadline);
		}
		catch (CrawlException ex) {
			throw new CrawlException(CrawlFailure.ROBOTS, "robots.txt of " + origin + " cannot be fetched ("
					+ ex.getMessage() + "), so the site is not crawled", ex);
		}
		if (response.status() >= 500) {
			throw new CrawlException(CrawlFailure.ROBOTS, "robots.txt of " + origin + " answered HTTP "
					+ response.status() + ", so the site is not crawled now");
		}
		if (response.status() >= 300) {
			log.debug("No robots.txt at {} (HTTP {}): everything allowed", origin, response.status());
			return this.parser.failedFetch(response.status());
		}
		return this.parser.parseContent(response.url().toString(), response.body(),
				(response.contentType() != null) ? response.contentType() : "text/plain",
				List.of(this.properties.robotsAgent().toLowerCase(Locale.ROOT)));
	}

	private static String origin(URI url) {
		String host = url.getHost().toLowerCase(Locale.ROOT);
		return url.getScheme().toLowerCase(Locale.ROOT) + "://" + host
				+ ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

	private record Cached(BaseRobotRules rules, Instant fetchedAt) {
	}

}
