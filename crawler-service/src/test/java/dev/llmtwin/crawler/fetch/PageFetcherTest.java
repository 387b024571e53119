package dev.llmtwin.crawler.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.util.unit.DataSize;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.SsrfGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The guarded fetcher against a web server on 127.0.0.1, the only address the allow-list
 * admits; a second server on 127.0.0.2 counts the requests that reach it, which must stay
 * none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageFetcherTest {

	private static final String WINDOWS_1252_PAGE = """
			<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Caf\u00e9 cr\u00e8me</title></head>
			<body><p>\u201cNa\u00efve\u201d r\u00e9sum\u00e9 \u2013 \u20ac5</p></body></html>""";

	private final AtomicInteger forbiddenRequests = new AtomicInteger();

	private HttpServer site;

	private HttpServer forbidden;

	private String siteUrl;

	private String forbiddenUrl;

	private GuardedTransport transport;

	private PageFetcher fetcher;

	@BeforeAll
	void start() throws IOException {
		this.forbidden = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
		this.forbidden.createContext("/", (exchange) -> {
			this.forbiddenRequests.incrementAndGet();
			respond(exchange, 200, "text/html", "<p>secret</p>".getBytes(StandardCharsets.UTF_8));
		});
		this.forbidden.start();
		this.forbiddenUrl = "http://127.0.0.2:" + this.forbidden.getAddress().getPort();
		this.site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.site.createContext("/robots.txt", (exchange) -> respond(exchange, 200, "text/plain",
				"User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/page",
				(exchange) -> respond(exchange, 200, "text/html; charset=utf-8",
						"<html><head><title>A page</title></head><body><p>Hello</p></body></html>"
							.getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/private/",
				(exchange) -> respond(exchange, 200, "text/html", "<p>private</p>".getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/latin", (exchange) -> respond(exchange, 200, "text/html",
				WINDOWS_1252_PAGE.getBytes(Charset.forName("windows-1252"))));
		this.site.createContext("/large", (exchange) -> respond(exchange, 200, "text/html; charset=utf-8",
				("<p>" + "x".repeat(20_000) + "</p>").getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/large-chunked", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			try (exchange) {
				for (int i = 0; i < 30; i++) {
					exchange.getResponseBody().write(("<p>" + "y".repeat(1000) + "</p>").getBytes());
				}
			}
		});
		this.site.createContext("/slow", (exchange) -> {
			try {
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 200, "text/html", "<p>late</p>".getBytes(StandardCharsets.UTF_8));
		});
		this.site.createContext("/drip", (exchange) -> {
			// Headers at once, then a byte now and then: never idle long enough for a
			// read
			// timeout, done only after 30 s.
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			try (exchange) {
				for (int i = 0; i < 100; i++) {
					exchange.getResponseBody().write(' ');
					exchange.getResponseBody().flush();
					Thread.sleep(300);
				}
			}
			catch (InterruptedException | IOException ex) {
				// The client gave up, as it should.
			}
		});
		this.site.createContext("/random-bytes", (exchange) -> {
			byte[] junk = new byte[8_000];
			new java.util.Random(42).nextBytes(junk);
			respond(exchange, 200, "text/html", junk);
		});
		this.site.createContext("/lying-charset",
				(exchange) -> respond(exchange, 200, "text/html; charset=iso-8859-1",
						"<html><head><title>Café crème – naïve</title></head><body><p>Ünïcödé</p></body></html>"
							.getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/no-content-type", (exchange) -> {
			byte[] page = "<html><head><title>Untyped</title></head><body><p>Hi</p></body></html>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			try (exchange) {
				exchange.getResponseBody().write(page);
			}
		});
		this.site.createContext("/loop", (exchange) -> redirect(exchange, "/loop"));
		this.site.createContext("/hop", (exchange) -> redirect(exchange, "/page"));
		this.site.createContext("/with-credentials", (exchange) -> redirect(exchange,
				"http://jane:s3cret@127.0.0.1:" + exchange.getLocalAddress().getPort() + "/echo-authorization"));
		this.site.createContext("/echo-authorization",
				(exchange) -> respond(exchange, 200, "text/html",
						("<html><head><title>" + exchange.getRequestHeaders().getFirst("Authorization")
								+ "</title></head><body></body></html>")
							.getBytes(StandardCharsets.UTF_8)));
		this.site.createContext("/escape", (exchange) -> redirect(exchange, this.forbiddenUrl + "/secret"));
		this.site.createContext("/to-private", (exchange) -> redirect(exchange, "/private/x"));
		this.site.createContext("/to-ftp", (exchange) -> redirect(exchange, "ftp://127.0.0.1/file"));
		this.site.createContext("/file.pdf", (exchange) -> respond(exchange, 200, "application/pdf",
				"%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
		this.site.start();
		this.siteUrl = "http://127.0.0.1:" + this.site.getAddress().getPort();
		FetchProperties properties = new FetchProperties(FetchProperties.DEFAULT_USER_AGENT, "LLMTwinCrawler",
				Duration.ofMillis(800), DataSize.ofKilobytes(16), 3, List.of("127.0.0.1"), 1000, Duration.ofHours(1));
		SsrfGuard guard = new SsrfGuard(properties.allowedHosts(), (host) -> {
			throw new UnknownHostException(host);
		});
		this.transport = new GuardedTransport(guard, new HostRateLimiter(properties), properties);
		this.fetcher = new PageFetcher(this.transport, new RobotsPolicy(this.transport, properties));
	}

	@AfterAll
	void stop() {
		this.site.stop(0);
		this.forbidden.stop(0);
		assertThat(this.forbiddenRequests).hasValue(0);
	}

	@Test
	void fetchesAnAllowedPageAndFollowsRedirects() throws CrawlException {
		Document page = this.fetcher.fetch(this.siteUrl + "/hop");

		assertThat(page.title()).isEqualTo("A page");
		assertThat(page.location()).isEqualTo(this.siteUrl + "/page");
	}

	@Test
	void aFetchDoneInTimeLeavesNoAbortBehind() throws CrawlException {
		for (int i = 0; i < 3; i++) {
			this.fetcher.fetch(this.siteUrl + "/hop");
		}

		assertThat(this.transport.pendingAborts()).isZero();
	}

	@Test
	void credentialsInARedirectTargetAreDropped() throws CrawlException {
		Document page = this.fetcher.fetch(this.siteUrl + "/with-credentials");

		assertThat(page.location()).isEqualTo(this.siteUrl + "/echo-authorization");
		assertThat(page.title()).isEqualTo("null");
	}

	@Test
	void bytesThatAreNotTextAreRefusedWhateverTheirType() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/random-bytes"))
			.withMessageContaining("is not text");
	}

	@Test
	void aCharsetTheBytesContradictGivesWayToTheBytes() throws CrawlException {
		Document page = this.fetcher.fetch(this.siteUrl + "/lying-charset");

		assertThat(page.title()).isEqualTo("Café crème – naïve");
		assertThat(page.body().text()).isEqualTo("Ünïcödé");
	}

	@Test
	void aTitleThatIsNeverClosedEndsAtItsFirstTagAndTheRestIsThePage() {
		String page = "<html><head><title>Tug boats refloat grounded ship<script>var x = 1;</script></head>"
				+ "<body><table><tr><td><p>" + "The tug boats refloated the grounded ship at dawn. ".repeat(40)
				+ "</p></td></tr></table></body></html>";

		Document parsed = PageFetcher.parse(page.getBytes(StandardCharsets.UTF_8), null, "https://news.example/ship");

		assertThat(parsed.title()).isEqualTo("Tug boats refloat grounded ship");
		assertThat(parsed.body().text()).startsWith("The tug boats refloated the grounded ship at dawn.")
			.doesNotContain("var x");
		assertThat(parsed.location()).isEqualTo("https://news.example/ship");
	}

	/**
	 * The parser gives up on such a title after 32 KB or so and parses the rest as the
	 * body: the article at the start would be lost without the repair.
	 */
	@Test
	void aTitleClosedByAMalformedTagEndsAtItAndThePageKeepsWhatTheBodyHeld() {
		String page = "<html><head><title>Bush to Saudis: More Oil Please</titlevalue=\"true\" -->\n</head><body>"
				+ "<p>President Bush is urging OPEC nations to put more oil into the world market.</p>"
				+ "<div class=\"item\"><p>A related story, told at length.</p></div>".repeat(800)
				+ "<footer>The Broadcasting Network, Inc. 2008</footer></body></html>";

		Document parsed = PageFetcher.parse(page.getBytes(StandardCharsets.UTF_8), null, "https://news.example/oil");

		assertThat(parsed.title()).isEqualTo("Bush to Saudis: More Oil Please");
		assertThat(parsed.body().text())
			.startsWith("President Bush is urging OPEC nations to put more oil into the world market.")
			.endsWith("The Broadcasting Network, Inc. 2008");
		assertThat(parsed.select("div.item")).hasSize(800);
	}

	@Test
	void aLongTitleOfAPageWithABodyIsLeftAsItIs() {
		String title = "A title with a <tag> in it, " + "and words ".repeat(120);
		String page = "<html><head><title>" + title + "</title></head><body><p>Body text.</p></body></html>";

		Document parsed = PageFetcher.parse(page.getBytes(StandardCharsets.UTF_8), null, "");

		assertThat(parsed.title()).isEqualTo(title.strip().replaceAll(" +", " "));
		assertThat(parsed.body().text()).isEqualTo("Body text.");
	}

	@Test
	void aPageWithoutContentTypeIsReadAsHtml() throws CrawlException {
		assertThat(this.fetcher.fetch(this.siteUrl + "/no-content-type").title()).isEqualTo("Untyped");
	}

	@Test
	void decodesAPageByItsMetaCharsetWhenTheHeaderHasNone() throws CrawlException {
		Document page = this.fetcher.fetch(this.siteUrl + "/latin");

		assertThat(page.title()).isEqualTo("Caf\u00e9 cr\u00e8me");
		assertThat(page.body().text()).isEqualTo("\u201cNa\u00efve\u201d r\u00e9sum\u00e9 \u2013 \u20ac5");
	}

	@Test
	void anOversizedPageFailsInsteadOfBeingCutOff() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/large"))
			.withMessageContaining("larger than the limit of 16384 bytes");
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/large-chunked"))
			.withMessageContaining("larger than the limit");
	}

	@Test
	void aPageSlowerThanTheTimeoutFails() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/slow"))
			.withMessageContaining("took longer than the fetch deadline of 800 ms");
	}

	@Test
	void aBodyThatDripsFailsAtTheDeadlineOfTheWholeFetch() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/drip"))
			.withMessageContaining("took longer than the fetch deadline of 800 ms")
			.withMessageContaining("/drip");
	}

	@Test
	void robotsTxtDisallowIsHonouredAlsoForRedirectTargets() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/private/notes"))
			.withMessageContaining("robots.txt of " + this.siteUrl + " disallows");
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/to-private"))
			.withMessageContaining("disallows");
	}

	@Test
	void redirectsBeyondTheLimitFail() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/loop"))
			.withMessageContaining("too many redirects: more than 3");
	}

	@Test
	void aRedirectToALoopbackAddressOutsideTheAllowListIsRefusedBeforeAnyConnection() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/escape"))
			.withMessageContaining("refused to fetch " + this.forbiddenUrl + "/secret")
			.withMessageContaining("loopback");
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.fetcher.fetch(this.forbiddenUrl + "/direct"))
			.withMessageContaining("127.0.0.2");
		assertThat(this.forbiddenRequests).hasValue(0);
	}

	@Test
	void otherSchemesAndTypesAreRefused() {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch("file:///etc/passwd"))
			.withMessageContaining("only http and https");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch("ftp://127.0.0.1/x"))
			.withMessageContaining("only http and https");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/to-ftp"))
			.withMessageContaining("only http and https");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/file.pdf"))
			.withMessageContaining("unsupported content type application/pdf");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.fetcher.fetch(this.siteUrl + "/missing"))
			.withMessageContaining("HTTP 404 Not Found");
	}

	@Test
	void anUnreachableRobotsTxtStopsTheCrawlOfThatSite() throws IOException {
		HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		broken.createContext("/", (exchange) -> respond(exchange, 503, "text/plain", new byte[0]));
		broken.start();
		try {
			assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(() -> this.fetcher.fetch("http://127.0.0.1:" + broken.getAddress().getPort() + "/page"))
				.withMessageContaining("robots.txt")
				.withMessageContaining("HTTP 503");
		}
		finally {
			broken.stop(0);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

}
