package dev.llmtwin.crawler.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * Spaces the requests to one host, whichever worker sends them: a token bucket per host
 * that holds one second's worth of requests.
 */
@Component
class HostRateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int requestsPerSecond;

	HostRateLimiter(FetchProperties properties) {
		this.requestsPerSecond = properties.hostRequestsPerSecond();
	}

	/** Waits until the host may be sent another request. */
	void acquire(String host) throws CrawlException {
		Bucket bucket = this.buckets.computeIfAbsent(host.toLowerCase(Locale.ROOT),
				(key) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(this.requestsPerSecond)
						.refillGreedy(this.requestsPerSecond, Duration.ofSeconds(1)))
					.build());
		try {
			bucket.asBlocking().consume(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CrawlException(CrawlFailure.INTERNAL, "interrupted while waiting for the rate limit of " + host,
					ex);
		}
	}

}
