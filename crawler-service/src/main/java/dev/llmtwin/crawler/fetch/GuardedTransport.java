package dev.llmtwin.crawler.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.guard.UrlGuard;

/**
 * Sends GET requests the safe way: every address, the first and each redirect target,
 * passes the {@link UrlGuard}, and the connection goes to an address the guard admitted
 * (the client never resolves the name itself, so a DNS answer that changes after the
 * check cannot redirect it); redirects are followed here, up to a limit, rather than by
 * the client; each request waits for its host's rate limit; a body larger than the limit
 * fails instead of being cut off; the whole fetch, from its robots.txt to the last byte
 * of the last redirect's body, has a deadline ({@code crawler.fetch.timeout}), past which
 * its connection is aborted, so a page that drips its body cannot hold a worker.
 * Connections are pooled per admitted address.
 */
@Component
class GuardedTransport implements AutoCloseable {

	/** Checks an address before it is requested, on top of the guard. */
	@FunctionalInterface
	interface RequestCheck {

		RequestCheck NONE = (url, deadline) -> {
		};

		void check(URI url, Deadline deadline) throws CrawlException;

	}

	private final UrlGuard guard;

	private final HostRateLimiter rateLimiter;

	private final FetchProperties properties;

	private final CloseableHttpClient http;

	/**
	 * Aborts the requests whose deadline passed. A request done in time takes its abort
	 * out of the queue at once: left there until its deadline, each would hold its
	 * request for the whole timeout (some 10,000 of them at 700 pages a second and 15 s).
	 */
	private final ScheduledThreadPoolExecutor aborts = abortScheduler();

	GuardedTransport(UrlGuard guard, HostRateLimiter rateLimiter, FetchProperties properties) {
		this.guard = guard;
		this.rateLimiter = rateLimiter;
		this.properties = properties;
		Timeout timeout = Timeout.of(properties.timeout());
		PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(64)
			.setMaxConnPerRoute(8)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(timeout)
				.setSocketTimeout(timeout)
				// Finds a pooled connection the server closed meanwhile.
				.setValidateAfterInactivity(TimeValue.ofSeconds(1))
				.build())
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(timeout)
				.setResponseTimeout(timeout)
				.setRedirectsEnabled(false)
				.build())
			.setUserAgent(properties.userAgent())
			.setRetryStrategy(new StaleConnectionRetry(pool))
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
	}

	private static ScheduledThreadPoolExecutor abortScheduler() {
		ScheduledThreadPoolExecutor aborts = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("fetch-deadlines").daemon(true).factory());
		aborts.setRemoveOnCancelPolicy(true);
		return aborts;
	}

	/** Aborts scheduled for requests not done yet. */
	int pendingAborts() {
		return this.aborts.getQueue().size();
	}

	/**
	 * Sends a GET again, at once and up to three times, when it failed on a pooled
	 * connection that the server had closed after its last response
	 * (NoHttpResponseException: many servers close keep-alive connections when busy). A
	 * server that closed one pooled connection has often closed the others it had open
	 * too, so they are dropped and the retry goes out on a new connection instead of
	 * drawing the next stale one from the pool. A response is never retried: a
	 * Retry-After could ask for longer than the fetch's deadline, so such a fetch fails
	 * instead.
	 */
	private static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

		private final PoolingHttpClientConnectionManager pool;

		StaleConnectionRetry(PoolingHttpClientConnectionManager pool) {
			super(3, TimeValue.ZERO_MILLISECONDS);
			this.pool = pool;
		}

		@Override
		public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
			boolean retry = super.retryRequest(request, exception, execCount, context);
			if (retry && exception instanceof NoHttpResponseException) {
				this.pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
			}
			return retry;
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

	}

	/** Fetches the URL within a deadline of its own. */
	FetchedResource get(URI url, RequestCheck check) throws CrawlException {
		return get(url, check, Deadline.after(this.properties.timeout()));
	}

	FetchedResource get(URI url, RequestCheck check, Deadline deadline) throws CrawlException {
		URI current = url;
		for (int redirects = 0;; redirects++) {
			List<InetAddress> addresses = this.guard.admit(current);
			check.check(current, deadline);
			this.rateLimiter.acquire(current.getHost());
			FetchedResource response = request(current, addresses, deadline);
			if (response.status() < 300 || response.status() >= 400 || response.status() == 304) {
				return response;
			}
			if (redirects == this.properties.maxRedirects()) {
				throw new CrawlException(CrawlFailure.HTTP_ERROR,
						"too many redirects: more than " + this.properties.maxRedirects() + " starting at " + url);
			}
			current = redirectTarget(current, response);
		}
	}

	void checkAllowed(URI url, RequestCheck check) throws CrawlException {
		this.guard.check(url);
		check.check(url, Deadline.after(this.properties.timeout()));
	}

	/** Requests the URL from the first admitted address that accepts a connection. */
	private FetchedResource request(URI url, List<InetAddress> addresses, Deadline deadline) throws CrawlException {
		ConnectException refused = null;
		for (InetAddress address : addresses) {
			try {
				return request(url, address, deadline);
			}
			catch (ConnectException ex) {
				refused = ex;
			}
		}
		throw new CrawlException(CrawlFailure.UNREACHABLE,
				"cannot connect to " + url.getHost() + ": " + ((refused != null) ? refused.getMessage() : "no address"),
				refused);
	}

	private FetchedResource request(URI url, InetAddress address, Deadline deadline)
			throws CrawlException, ConnectException {
		if (deadline.passed()) {
			throw pastDeadline(url, deadline, null);
		}
		HttpGet get = new HttpGet(url);
		get.setHeader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
		// Read timeouts only bound each wait; the abort bounds the whole exchange.
		ScheduledFuture<?> abort = this.aborts.schedule(get::cancel, deadline.remaining().toNanos(),
				TimeUnit.NANOSECONDS);
		try (ClassicHttpResponse response = this.http.executeOpen(target(url, address), get, null)) {
			return read(url, response);
		}
		catch (ConnectException ex) {
			if (deadline.passed()) {
				throw pastDeadline(url, deadline, ex);
			}
			throw ex;
		}
		catch (IOException ex) {
			// A read that waits out its timeout outlives the deadline too.
			throw (deadline.passed()) ? pastDeadline(url, deadline, ex)
					: new CrawlException(CrawlFailure.UNREACHABLE, "cannot fetch " + url + ": " + ex, ex);
		}
		finally {
			abort.cancel(false);
		}
	}

	private static CrawlException pastDeadline(URI url, Deadline deadline, Exception cause) {
		return new CrawlException(CrawlFailure.TIMEOUT, "took longer than the fetch deadline of " + deadline.describe()
				+ " (robots.txt, redirects and body included): " + url, cause);
	}

	/** The host to connect to: the admitted address, with the name for TLS and Host. */
	private static HttpHost target(URI url, InetAddress address) {
		String host = url.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = (url.getPort() >= 0) ? url.getPort() : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
		return new HttpHost(url.getScheme(), address, host, port);
	}

	private FetchedResource read(URI url, ClassicHttpResponse response) throws IOException, CrawlException {
		long maxBytes = maxBodySize();
		HttpEntity entity = response.getEntity();
		if (entity != null && entity.getContentLength() > maxBytes) {
			throw tooLarge(url);
		}
		byte[] body = new byte[0];
		if (entity != null) {
			try (InputStream in = entity.getContent()) {
				body = in.readNBytes(Math.toIntExact(maxBytes + 1));
			}
		}
		if (body.length > maxBytes) {
			throw tooLarge(url);
		}
		Header type = response.getFirstHeader("Content-Type");
		Header location = response.getFirstHeader("Location");
		return new FetchedResource(url, response.getCode(), (type != null) ? type.getValue() : null,
				(type != null) ? charset(type.getValue()) : null, (location != null) ? location.getValue() : null,
				body);
	}

	/** The Content-Type's charset parameter as written, or null. */
	private static String charset(String contentType) {
		ContentType parsed = ContentType.parseLenient(contentType);
		String charset = (parsed != null) ? parsed.getParameter("charset") : null;
		return (charset != null && !charset.isBlank()) ? charset.strip() : null;
	}

	private CrawlException tooLarge(URI url) {
		return new PageTooLargeException("the page " + url, maxBodySize());
	}

	long maxBodySize() {
		return this.properties.maxBodySize().toBytes();
	}

	private static URI redirectTarget(URI from, FetchedResource response) throws CrawlException {
		String location = (response.location() != null) ? response.location().strip() : "";
		if (location.isEmpty()) {
			throw new CrawlException(CrawlFailure.HTTP_ERROR,
					"HTTP " + response.status() + " redirect without a Location from " + from);
		}
		try {
			URI target = from.resolve(new URI(location.replace(" ", "%20"))).normalize();
			// Credentials a redirect puts into the address are neither sent nor kept.
			return (target.getRawUserInfo() != null) ? new URI(target.getScheme(), null, target.getHost(),
					target.getPort(), target.getPath(), target.getQuery(), null) : target;
		}
		catch (URISyntaxException ex) {
			throw new CrawlException(CrawlFailure.HTTP_ERROR, "invalid redirect target '" + location + "' from " + from,
					ex);
		}
	}

	@Override
	@PreDestroy
	public void close() throws IOException {
		this.aborts.shutdownNow();
		this.http.close();
	}

}
