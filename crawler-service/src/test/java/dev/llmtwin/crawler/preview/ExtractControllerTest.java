package dev.llmtwin.crawler.preview;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.llmtwin.crawler.EmbeddedMongoTestConfiguration;
import dev.llmtwin.crawler.HostileSite;
import dev.llmtwin.crawler.TestApiKey;
import dev.llmtwin.crawler.guard.HostResolver;
import dev.llmtwin.crawler.job.SourceDispatcher;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/extract} with the real fetcher, extractors and site rules: pages given
 * as bytes, and pages fetched from a server on 127.0.0.1.
 */
@SpringBootTest(
		classes = { ExtractControllerTest.Extraction.class, ExtractController.class, SourceDispatcher.class,
				EmbeddedMongoTestConfiguration.class },
		properties = { "crawler.fetch.allowed-hosts=127.0.0.1", "crawler.fetch.host-requests-per-second=1000",
				"crawler.fetch.max-body-size=200KB", "crawler.fetch.timeout=1s", TestApiKey.PROPERTY })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ExtractControllerTest {

	private static final String IDN_HOST = "bücher.example";

	private static final String IDN_HOST_ASCII = "xn--bcher-kva.example";

	private static HttpServer site;

	private static String siteUrl;

	private static final HostileSite hostile = new HostileSite();

	@Autowired
	private MockMvcTester mvc;

	@BeforeAll
	static void serve() throws IOException {
		site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		site.createContext("/blog/",
				(exchange) -> respond(exchange, 200, "text/html; charset=utf-8", resource("pages/blog-article.html")));
		site.createContext("/report.pdf", (exchange) -> respond(exchange, 200, "application/pdf",
				"%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
		site.createContext("/", (exchange) -> respond(exchange, 404, "text/html", "<p>Not found</p>".getBytes()));
		site.start();
		siteUrl = "http://127.0.0.1:" + site.getAddress().getPort();
	}

	@AfterAll
	static void stop() {
		hostile.close();
		site.stop(0);
	}

	@Test
	void aPageGivenWithoutItsAddressAddsNoPageTextToTheLog(CapturedOutput output) {
		String marker = "Zanzibar-marker-" + System.nanoTime();
		String page = "<html><head><title>Logged?</title></head><body><article><h1>Logged?</h1>"
				+ ("<div><p>" + marker + " sentence of the article, long enough to be its main text. <a href=\"rel/x\">"
						+ "a link</a></p></div>")
					.repeat(40)
				+ "</article></body></html>";
		int before = output.length();

		MvcTestResult result = postHtml(page.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_HTML, null);

		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.extractor").isEqualTo("readability");

		String logged = output.toString().substring(before);
		assertThat(logged).doesNotContain(marker);
		assertThat(logged.length()).isLessThan(4_000);
	}

	@Test
	void aLinkWithCredentialsIsRefusedWithoutRepeatingThem() {
		MvcTestResult result = postJson("{\"url\": \"https://jane:s3cret@blog.example/post\"}");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(body(result)).contains("user name or password")
			.contains("https://blog.example/post")
			.doesNotContain("s3cret");
	}

	@Test
	void givenPageGivesTheDocumentACrawlWouldStore() {
		String url = "https://blog.example/posts/streaming-cdc";
		MvcTestResult result = postHtml(resource("pages/blog-article.html"), MediaType.TEXT_HTML, url);

		assertThat(result).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> assertThat(json.getJson()).contains("\"source\":\"web\""));
		assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(Ids.documentId(url));
		assertThat(result).bodyJson().extractingPath("$.link").isEqualTo(url);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Streaming Change Data Into a Vector Store");
		assertThat(result).bodyJson().extractingPath("$.siteName").isEqualTo("Change Notes");
		assertThat(result).bodyJson().extractingPath("$.language").isEqualTo("en");
		assertThat(result).bodyJson().extractingPath("$.extractor").isEqualTo("readability");
		assertThat(result).bodyJson().extractingPath("$.publishedAt").isEqualTo("2024-03-18T08:30:00Z");
		assertThat(result).bodyJson().extractingPath("$.extractionMillis").asNumber().isNotNull();
		assertThat(result).bodyJson().doesNotHavePath("$.fetchMillis");
		assertThat(result).bodyJson()
			.extractingPath("$.text")
			.asString()
			.containsSubsequence("Retrieval-augmented generation is only as good", "\n\n## Why change streams\n\n",
					"With these three rules")
			.doesNotContain("Archive of every post", "Leave a reply", "Streaming Change Data Into a Vector Store");
		String text = (String) com.jayway.jsonpath.JsonPath.read(body(result), "$.text");
		String subtitle = (String) com.jayway.jsonpath.JsonPath.read(body(result), "$.subtitle");
		assertThat(result).bodyJson()
			.extractingPath("$.contentHash")
			.isEqualTo(ContentHash.of("Streaming Change Data Into a Vector Store", subtitle, text));
	}

	@Test
	void mediumPageGetsMediumsSiteRules() {
		MvcTestResult result = postHtml(resource("sites/medium-article.html"), MediaType.TEXT_HTML,
				"https://medium.com/@jane.doe/chunking-for-retrieval-3f2a9c1b7d4e");

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.source").isEqualTo("medium");
		assertThat(result).bodyJson().extractingPath("$.extractor").isEqualTo("medium-rules");
	}

	@Test
	void listingPageIsAProblemNamingItsArticles() {
		MvcTestResult result = postHtml(resource("sites/medium-profile.html"), MediaType.TEXT_HTML,
				"https://medium.com/@jane.doe");

		assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("A listing page");
		assertThat(result).bodyJson().extractingPath("$.articleLinks").asArray().isNotEmpty();
		assertThat(result).bodyJson()
			.extractingPath("$.text")
			.asString()
			.contains("Token windows, overlap and why sentence boundaries matter");
	}

	@Test
	void legacyEncodingWithoutAnyCharsetIsDetected() {
		String paragraph = "Москва — столица России, крупнейший по численности населения город страны. "
				+ "Город расположен на реке Москве в центре Восточно-Европейской равнины. ";
		String html = "<html><head><title>Статья</title></head><body><article><h1>Статья</h1>"
				+ ("<p>" + paragraph.repeat(3) + "</p>").repeat(4) + "</article></body></html>";

		MvcTestResult result = postHtml(html.getBytes(Charset.forName("windows-1251")), MediaType.TEXT_HTML, null);

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.text").asString().contains(paragraph.strip());
		assertThat(result).bodyJson().doesNotHavePath("$.id");
	}

	@Test
	void charsetOfTheContentTypeWins() {
		String html = "<html><body><article><p>" + "Crème brûlée, façade, naïve café. ".repeat(20)
				+ "</p></article></body></html>";

		MvcTestResult result = postHtml(html.getBytes(StandardCharsets.ISO_8859_1),
				MediaType.parseMediaType("text/html; charset=ISO-8859-1"), null);

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.text").asString().contains("Crème brûlée, façade, naïve café.");
	}

	@Test
	void pageLargerThanTheFetchLimitIsRefused() {
		byte[] large = ("<html><body>" + "<p>words and more words</p>".repeat(10_000) + "</body></html>")
			.getBytes(StandardCharsets.UTF_8);

		MvcTestResult result = postHtml(large, MediaType.TEXT_HTML, null);

		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("larger than the limit of 204800");
	}

	@Test
	void pageWithoutArticleTextIsAProblem() {
		MvcTestResult result = postHtml("<html><body><nav><a href='/'>Home</a></nav></body></html>".getBytes(),
				MediaType.TEXT_HTML, null);

		assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("No article text");
	}

	@Test
	void fetchedPageIsExtractedThroughTheCrawlersFetcher() {
		String url = siteUrl + "/blog/streaming-cdc";
		MvcTestResult result = postJson("{\"url\": \"" + url + "\"}");

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.link").isEqualTo(url);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Streaming Change Data Into a Vector Store");
		assertThat(result).bodyJson().extractingPath("$.fetchMillis").asNumber().isNotNull();
	}

	@Test
	void aLinkWithAnInternationalisedHostIsFetchedByItsAsciiName() {
		String url = "http://" + IDN_HOST + ":" + site.getAddress().getPort() + "/blog/streaming-cdc";
		MvcTestResult result = postJson("{\"url\": \"" + url + "\"}");

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson()
			.extractingPath("$.link")
			.isEqualTo("http://" + IDN_HOST_ASCII + ":" + site.getAddress().getPort() + "/blog/streaming-cdc");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Streaming Change Data Into a Vector Store");
	}

	/** The bad-input corpus through a preview: a clear answer for each, never a 5xx. */
	@ParameterizedTest
	@FieldSource("dev.llmtwin.crawler.HostileSite#CASES")
	void everyHostilePageGetsAClearAnswer(HostileSite.Case hostileCase) {
		MvcTestResult result = postJson("{\"url\": \"" + hostile.url(hostileCase) + "\"}");

		int status = result.getResponse().getStatus();
		if (HostileSite.STORED.equals(hostileCase.reason())) {
			assertThat(status).as(body(result)).isEqualTo(200);
		}
		else if (hostileCase.reason() != null) {
			assertThat(status).as(body(result)).isEqualTo(422);
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(hostileCase.reason());
		}
		else {
			assertThat(status).as(body(result)).isIn(200, 422);
		}
	}

	@Test
	void fetchFailuresAreProblemsWithTheCrawlersReason() {
		assertThat(postJson("{\"url\": \"" + siteUrl + "/missing\"}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("HTTP 404");
		assertThat(postJson("{\"url\": \"" + siteUrl + "/report.pdf\"}")).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("unsupported content type application/pdf");
		// Outside the allowed hosts, loopback is refused by the SSRF guard.
		assertThat(postJson("{\"url\": \"http://127.0.0.2:" + site.getAddress().getPort() + "/blog/x\"}"))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("127.0.0.2");
	}

	@Test
	void badRequestsAreProblems() {
		assertThat(postJson("{}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("'url' must name the page to extract");
		assertThat(postJson("{\"url\": \"ftp://files.example/a\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'url' must be an absolute http or https URL");
		assertThat(postJson("{\"url\": \"https://github.com/jane/notes\"}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("crawled as a repository");
		assertThat(this.mvc.post()
			.uri("/api/extract")
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.contentType(MediaType.IMAGE_PNG)
			.content(new byte[] { 1 })).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	private MvcTestResult postHtml(byte[] html, MediaType type, String url) {
		var request = this.mvc.post()
			.uri("/api/extract")
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.contentType(type)
			.content(html);
		if (url != null) {
			request = request.param("url", url);
		}
		return request.exchange();
	}

	private MvcTestResult postJson(String json) {
		return this.mvc.post()
			.uri("/api/extract")
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = ExtractControllerTest.class.getResourceAsStream("/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	// Not the test configurations beside the scanned classes.
	@ComponentScan(
			basePackages = { "dev.llmtwin.crawler.fetch", "dev.llmtwin.crawler.extract", "dev.llmtwin.crawler.article",
					"dev.llmtwin.crawler.store", "dev.llmtwin.crawler.source.medium",
					"dev.llmtwin.crawler.source.substack" },
			excludeFilters = @Filter(type = FilterType.REGEX, pattern = ".*Test\\$.*"))
	@ConfigurationPropertiesScan({ "dev.llmtwin.crawler.fetch", "dev.llmtwin.crawler.extract",
			"dev.llmtwin.crawler.article", "dev.llmtwin.crawler.worker" })
	static class Extraction {

		/** The internationalised test host lives on loopback; no other name resolves. */
		@Bean
		HostResolver hostResolver() {
			return (host) -> {
				if (host.equals(IDN_HOST_ASCII)) {
					return new InetAddress[] { InetAddress.getByName("127.0.0.1") };
				}
				throw new UnknownHostException(host);
			};
		}

	}

}
