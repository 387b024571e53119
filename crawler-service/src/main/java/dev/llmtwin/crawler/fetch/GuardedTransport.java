package dev.llmtwin.crawler.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import org.jsoup.Connection;
import org.jsoup.Jsoup;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * Sends GET requests the safe way: every address, the first and each redirect target,
 * passes the {@link UrlGuard} before a connection is opened; redirects are followed here,
 * up to a limit, rather than by the client; each request waits for its host's rate limit;
 * a body larger than the limit fails instead of being cut off.
 */
@Component
class GuardedTransport {

	/** Checks an address before it is requested, on top of the guard. */
	@FunctionalInterface
	interface RequestCheck {

		RequestCheck NONE = (url) -> {
		};

		void check(URI url) throws CrawlException;

	}

	private final UrlGuard guard;

	private final HostRateLimiter rateLimiter;

	private final FetchProperties properties;

	GuardedTransport(UrlGuard guard, HostRateLimiter rateLimiter, FetchProperties properties) {
		this.guard = guard;
		this.rateLimiter = rateLimiter;
		this.properties = properties;
	}

	FetchedResource get(URI url, RequestCheck check) throws CrawlException {
		URI current = url;
		for (int redirects = 0;; redirects++) {
			this.guard.check(current);
			check.check(current);
			this.rateLimiter.acquire(current.getHost());
			FetchedResource response = request(current);
			if (response.status() < 300 || response.status() >= 400 || response.status() == 304) {
				return response;
			}
			if (redirects == this.properties.maxRedirects()) {
				throw new CrawlException(
						"too many redirects: more than " + this.properties.maxRedirects() + " starting at " + url);
			}
			current = redirectTarget(current, response);
		}
	}

	void checkAllowed(URI url, RequestCheck check) throws CrawlException {
		this.guard.check(url);
		check.check(url);
	}

	private FetchedResource request(URI url) throws CrawlException {
		long maxBytes = maxBodySize();
		try {
			Connection.Response response = Jsoup.connect(url.toString())
				.userAgent(this.properties.userAgent())
				.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
				.timeout(Math.toIntExact(this.properties.timeout().toMillis()))
				.maxBodySize(0)
				.followRedirects(false)
				.ignoreHttpErrors(true)
				.ignoreContentType(true)
				.execute();
			String length = response.header("Content-Length");
			if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > maxBytes) {
				response.bodyStream().close();
				throw tooLarge(url);
			}
			byte[] body;
			try (InputStream in = response.bodyStream()) {
				body = in.readNBytes(Math.toIntExact(maxBytes + 1));
			}
			if (body.length > maxBytes) {
				throw tooLarge(url);
			}
			return new FetchedResource(url, response.statusCode(), response.contentType(), response.charset(),
					response.header("Location"), body);
		}
		catch (SocketTimeoutException | HttpTimeoutException ex) {
			throw new CrawlException("timed out after " + this.properties.timeout().toMillis() + " ms fetching " + url,
					ex);
		}
		catch (UnknownHostException ex) {
			throw new CrawlException("unknown host " + ex.getMessage(), ex);
		}
		catch (ConnectException ex) {
			throw new CrawlException("cannot connect to " + url.getHost() + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new CrawlException("cannot fetch " + url + ": " + ex, ex);
		}
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
			throw new CrawlException("HTTP " + response.status() + " redirect without a Location from " + from);
		}
		try {
			return from.resolve(new URI(location.replace(" ", "%20"))).normalize();
		}
		catch (URISyntaxException ex) {
			throw new CrawlException("invalid redirect target '" + location + "' from " + from, ex);
		}
	}

}
