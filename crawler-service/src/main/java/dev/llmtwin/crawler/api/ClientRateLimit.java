package dev.llmtwin.crawler.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Crawl triggers and previews make the crawler fetch pages, so one client may not send
 * more of them than {@code crawler.api.requests-per-minute}: a token bucket per client
 * address (the most recently seen addresses are kept), a 429 with {@code Retry-After}
 * beyond it.
 */
class ClientRateLimit implements HandlerInterceptor {

	/** Clients remembered; the least recently seen is forgotten beyond this. */
	private static final int MAX_CLIENTS = 10_000;

	private final int perMinute;

	private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
			return size() > MAX_CLIENTS;
		}

	};

	ClientRateLimit(int perMinute) {
		this.perMinute = perMinute;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		ConsumptionProbe probe = bucket(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return true;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"More than %d crawl or preview requests a minute from this client; retry in %d s"
					.formatted(this.perMinute, seconds));
		problem.setTitle("Too many requests");
		ErrorResponseException tooMany = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		throw tooMany;
	}

	private Bucket bucket(String client) {
		synchronized (this.buckets) {
			return this.buckets.computeIfAbsent(client, (key) -> Bucket.builder()
				.addLimit((limit) -> limit.capacity(this.perMinute).refillGreedy(this.perMinute, Duration.ofMinutes(1)))
				.build());
		}
	}

}
