package dev.llmtwin.crawler.source.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Connection;
import org.jsoup.HttpStatusException;
import org.jsoup.Jsoup;
import org.jsoup.UnsupportedMimeTypeException;
import org.jsoup.nodes.Document;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * Fetches an HTML page with jsoup; anything else fails with a reason a person can read.
 */
@Component
class WebPageFetcher {

	private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

	private final FetchProperties properties;

	WebPageFetcher(FetchProperties properties) {
		this.properties = properties;
	}

	Document fetch(String url) throws CrawlException {
		try {
			Connection.Response response = Jsoup.connect(url)
				.userAgent(this.properties.userAgent())
				.timeout(Math.toIntExact(this.properties.timeout().toMillis()))
				.maxBodySize(Math.toIntExact(this.properties.maxBodySize().toBytes()))
				.followRedirects(true)
				.execute();
			// jsoup lets every text/* and XML type through; only HTML holds an article.
			if (response.contentType() != null && !HTML_TYPES.contains(mimeType(response.contentType()))) {
				response.bodyStream().close();
				throw new CrawlException("unsupported content type " + mimeType(response.contentType()));
			}
			return response.parse();
		}
		catch (UnsupportedMimeTypeException ex) {
			throw new CrawlException("unsupported content type " + mimeType(ex.getMimeType()), ex);
		}
		catch (HttpStatusException ex) {
			HttpStatus status = HttpStatus.resolve(ex.getStatusCode());
			throw new CrawlException(
					"HTTP " + ex.getStatusCode() + ((status != null) ? " " + status.getReasonPhrase() : ""), ex);
		}
		catch (SocketTimeoutException ex) {
			throw new CrawlException("timed out after " + this.properties.timeout().toMillis() + " ms", ex);
		}
		catch (UnknownHostException ex) {
			throw new CrawlException("unknown host " + ex.getMessage(), ex);
		}
		catch (ConnectException ex) {
			throw new CrawlException("cannot connect: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new CrawlException("cannot fetch the page: " + ex, ex);
		}
	}

	/** The media type without parameters such as the charset. */
	private static String mimeType(String contentType) {
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).strip()
			.toLowerCase(Locale.ROOT);
	}

}
