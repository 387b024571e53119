package dev.llmtwin.crawler.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.mozilla.universalchardet.UniversalDetector;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.model.TwinJson;

/**
 * Fetches HTML pages for the crawlers: through the SSRF guard, robots.txt, the per-host
 * rate limit, the redirect and size limits. The page is decoded with the charset of its
 * Content-Type header, else the one its own markup declares (byte-order mark,
 * {@code <meta charset>}), else UTF-8, as jsoup detects it.
 */
@Component
public class PageFetcher {

	private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

	private final GuardedTransport transport;

	private final RobotsPolicy robots;

	PageFetcher(GuardedTransport transport, RobotsPolicy robots) {
		this.transport = transport;
		this.robots = robots;
	}

	/**
	 * @return the parsed page; its location is the address it ended at after redirects
	 * @throws CrawlException naming why the page cannot be had
	 */
	public Document fetch(String url) throws CrawlException {
		FetchedResource response = fetchOk(url);
		String type = (response.contentType() != null) ? mimeType(response.contentType()) : "text/html";
		if (!HTML_TYPES.contains(type)) {
			throw new CrawlException("unsupported content type " + type + " at " + response.url());
		}
		return parse(response);
	}

	/**
	 * Fetches a JSON document the same guarded way, for listings that sites serve as
	 * JSON.
	 */
	public JsonNode fetchJson(String url) throws CrawlException {
		FetchedResource response = fetchOk(url);
		String type = (response.contentType() != null) ? mimeType(response.contentType()) : "";
		if (!type.equals("application/json") && !type.endsWith("+json")) {
			throw new CrawlException("expected JSON but got " + type + " at " + response.url());
		}
		try {
			return TwinJson.mapper().readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new CrawlException("invalid JSON at " + response.url(), ex);
		}
	}

	private FetchedResource fetchOk(String url) throws CrawlException {
		FetchedResource response = this.transport.get(uri(url), this.robots::check);
		if (response.status() >= 300) {
			HttpStatus status = HttpStatus.resolve(response.status());
			throw new CrawlException("HTTP " + response.status()
					+ ((status != null) ? " " + status.getReasonPhrase() : "") + " from " + response.url());
		}
		return response;
	}

	/**
	 * Checks an address as a fetch would (guard and robots.txt) without fetching it, for
	 * pages a browser loads.
	 */
	public void checkAllowed(String url) throws CrawlException {
		this.transport.checkAllowed(uri(url), this.robots::check);
	}

	private static URI uri(String url) throws CrawlException {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new CrawlException("not a valid link: " + url, ex);
		}
	}

	private static Document parse(FetchedResource response) {
		return parse(response.body(), response.charset(), response.url().toString());
	}

	/**
	 * Reads and parses a page given as bytes (an upload) within the same size limit as a
	 * fetch.
	 * @param charset the Content-Type's charset, or null
	 * @param url the page's address, the base of its links; may be empty
	 * @throws PageTooLargeException when the page is larger than the limit
	 */
	public Document read(InputStream body, String charset, String url) throws IOException, PageTooLargeException {
		long maxBytes = this.transport.maxBodySize();
		byte[] bytes = body.readNBytes(Math.toIntExact(maxBytes + 1));
		if (bytes.length > maxBytes) {
			throw new PageTooLargeException("the page", maxBytes);
		}
		return parse(bytes, charset, url);
	}

	/**
	 * Parses page bytes as a fetch does: with the given charset when the JVM knows it,
	 * else the one the page declares (byte-order mark, {@code <meta charset>}), else
	 * UTF-8; when that is UTF-8 but the bytes are not, the charset the bytes look like
	 * (juniversalchardet's statistics), since legacy pages often declare nothing or the
	 * wrong thing.
	 * @param charset the Content-Type's charset, or null
	 * @param url the page's address, the base of its links
	 */
	public static Document parse(byte[] body, String charset, String url) {
		Document page = jsoup(body, supported(charset), url);
		// A page that is not UTF-8 though it says so (or says nothing) is detected.
		if (page.charset().equals(StandardCharsets.UTF_8) && !isUtf8(body)) {
			String detected = supported(detectCharset(body));
			if (detected != null && !Charset.forName(detected).equals(StandardCharsets.UTF_8)) {
				return jsoup(body, detected, url);
			}
		}
		return page;
	}

	private static Document jsoup(byte[] body, String charset, String url) {
		try {
			return Jsoup.parse(new ByteArrayInputStream(body), charset, url);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String detectCharset(byte[] body) {
		UniversalDetector detector = new UniversalDetector();
		detector.handleData(body, 0, body.length);
		detector.dataEnd();
		return detector.getDetectedCharset();
	}

	private static boolean isUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** The header's charset if the JVM knows it; null lets jsoup detect it. */
	private static String supported(String charset) {
		try {
			return (charset != null && Charset.isSupported(charset)) ? charset : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The media type without parameters such as the charset. */
	private static String mimeType(String contentType) {
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).strip()
			.toLowerCase(Locale.ROOT);
	}

}
