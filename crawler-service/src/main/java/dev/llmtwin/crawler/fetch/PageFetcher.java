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
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.mozilla.universalchardet.UniversalDetector;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.model.TwinJson;

/**
 * Fetches HTML pages for the crawlers: through the SSRF guard, robots.txt, the per-host
 * rate limit, the redirect and size limits. The page is decoded with the charset of its
 * Content-Type header, else the one its own markup declares (byte-order mark,
 * {@code <meta charset>}), else UTF-8, as jsoup detects it.
 */
@Component
public class PageFetcher {

	/**
	 * A title this long holding a tag is the rest of a page whose title was not closed.
	 */
	private static final int UNCLOSED_TITLE_LENGTH = 1_000;

	/** Where the page itself starts inside a title that swallowed it. */
	private static final Pattern PAGE_START = Pattern.compile("(?i)</head\\s*>|<body[\\s>]");

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
			throw new CrawlException(CrawlFailure.CONTENT,
					"unsupported content type " + type + " at " + response.url());
		}
		requireText(response.body(), "the page at " + response.url());
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
			throw new CrawlException(CrawlFailure.CONTENT, "expected JSON but got " + type + " at " + response.url());
		}
		try {
			return TwinJson.mapper().readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new CrawlException(CrawlFailure.CONTENT, "invalid JSON at " + response.url(), ex);
		}
	}

	/**
	 * Fetches an XML document (an RSS or Atom feed) the same guarded way.
	 * @return its bytes, which carry their own encoding
	 */
	public byte[] fetchXml(String url) throws CrawlException {
		FetchedResource response = fetchOk(url);
		String type = (response.contentType() != null) ? mimeType(response.contentType()) : "";
		if (!type.equals("application/xml") && !type.equals("text/xml") && !type.endsWith("+xml")) {
			throw new CrawlException(CrawlFailure.CONTENT, "expected a feed but got " + type + " at " + response.url());
		}
		return response.body();
	}

	private FetchedResource fetchOk(String url) throws CrawlException {
		FetchedResource response = this.transport.get(uri(url), this.robots::check);
		if (response.status() >= 300) {
			HttpStatus status = HttpStatus.resolve(response.status());
			throw new CrawlException(CrawlFailure.HTTP_ERROR, "HTTP " + response.status()
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
			throw new CrawlException(CrawlFailure.INVALID_LINK, "not a valid link: " + url, ex);
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
	public Document read(InputStream body, String charset, String url) throws IOException, CrawlException {
		long maxBytes = this.transport.maxBodySize();
		byte[] bytes = body.readNBytes(Math.toIntExact(maxBytes + 1));
		if (bytes.length > maxBytes) {
			throw new PageTooLargeException("the page", maxBytes);
		}
		requireText(bytes, "the page");
		return parse(bytes, charset, url);
	}

	/**
	 * Refuses bytes that are not text, whatever their Content-Type says: a NUL or more
	 * than one control byte in twenty at the start (UTF-16 with its byte-order mark
	 * excepted).
	 */
	static void requireText(byte[] body, String what) throws CrawlException {
		int sample = Math.min(body.length, 8192);
		if (sample >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
				|| (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
			return;
		}
		int control = 0;
		for (int i = 0; i < sample; i++) {
			int b = body[i] & 0xff;
			if (b == 0) {
				throw new CrawlException(CrawlFailure.CONTENT, what + " is not text: its bytes hold NUL characters");
			}
			// ESC starts the shifts of ISO-2022 encodings.
			if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
				control++;
			}
		}
		if (control > sample / 20) {
			throw new CrawlException(CrawlFailure.CONTENT,
					what + " is not text: " + control + " of its first " + sample + " bytes are control characters");
		}
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
		Charset declared = page.charset();
		if (declared.equals(StandardCharsets.UTF_8)) {
			// A page that is not UTF-8 though it says so (or says nothing) is detected.
			if (!isUtf8(body)) {
				String detected = supported(detectCharset(body));
				if (detected != null && !Charset.forName(detected).equals(StandardCharsets.UTF_8)) {
					return jsoup(body, detected, url);
				}
			}
			return page;
		}
		// The bytes win over a declaration they contradict: multi-byte UTF-8 is almost
		// never valid text in another charset, and bytes the declared charset cannot
		// decode were not written in it.
		if (hasMultiByteUtf8(body) && isUtf8(body)) {
			return jsoup(body, StandardCharsets.UTF_8.name(), url);
		}
		if (!decodes(body, declared)) {
			String detected = supported(detectCharset(body));
			if (detected != null && decodes(body, Charset.forName(detected))) {
				return jsoup(body, detected, url);
			}
		}
		return page;
	}

	private static Document jsoup(byte[] body, String charset, String url) {
		try {
			return withClosedTitle(Jsoup.parse(new ByteArrayInputStream(body), charset, url));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A page whose {@code <title>} is never closed (or closed by a malformed end tag such
	 * as {@code </titlevalue="true" -->}) is title to an HTML parser up to a
	 * {@code </title>} that never comes (its content is raw text), which leaves the body
	 * empty or holding only what came after the parser gave up on the title; such a title
	 * ends where its first tag starts, and the rest is parsed as the page, followed by
	 * whatever the body held.
	 */
	private static Document withClosedTitle(Document page) {
		Element title = page.head().selectFirst("title");
		String raw = (title != null) ? title.wholeText() : "";
		// The cheap checks first: this runs on every page parsed.
		int firstTag = raw.indexOf('<');
		if (raw.length() < UNCLOSED_TITLE_LENGTH || firstTag < 0) {
			return page;
		}
		if (page.body().hasText() && !PAGE_START.matcher(raw).find()) {
			// A long title holding a tag, but not the start of a page: a title, however
			// odd.
			return page;
		}
		Document repaired = Jsoup.parse(raw.substring(firstTag) + page.body().html(), page.location());
		repaired.title(raw.substring(0, firstTag).strip());
		repaired.charset(page.charset());
		return repaired;
	}

	private static String detectCharset(byte[] body) {
		UniversalDetector detector = new UniversalDetector();
		detector.handleData(body, 0, body.length);
		detector.dataEnd();
		return detector.getDetectedCharset();
	}

	private static boolean isUtf8(byte[] body) {
		return decodes(body, StandardCharsets.UTF_8);
	}

	private static boolean decodes(byte[] body, Charset charset) {
		try {
			charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** Whether the bytes hold a well-formed UTF-8 sequence of two or more bytes. */
	private static boolean hasMultiByteUtf8(byte[] body) {
		for (int i = 0; i < body.length - 1; i++) {
			int lead = body[i] & 0xff;
			if (lead >= 0xC2 && lead <= 0xF4 && (body[i + 1] & 0xC0) == 0x80) {
				return true;
			}
		}
		return false;
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
