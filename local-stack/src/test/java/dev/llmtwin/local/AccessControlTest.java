package dev.llmtwin.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.model.TwinJson;
import dev.llmtwin.testing.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mutating and data endpoint of the three services, sent without the API key and
 * with a wrong one, through every spelling of its path that a server or a proxy could
 * read as the same path: none may be served. Requests go over a plain socket so that the
 * path arrives exactly as written. Afterwards nothing may have changed, and with the key
 * the plain spelling of each endpoint is served (so the table names real endpoints).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlTest {

	private static final String KEY_HEADER = "X-API-Key";

	/** Variants of a path that name the same handler to some reader of the path. */
	private static final Map<String, UnaryOperator<String>> SPELLINGS = spellings();

	@TempDir
	static Path dataDir;

	private LocalStack stack;

	private String jobId;

	private final List<String> attempts = new ArrayList<>();

	@BeforeAll
	void startStack() {
		this.stack = LocalStack.start(PipelineScenario.settings(dataDir));
		this.jobId = new StackClient(this.stack).crawl(List.of("http://127.0.0.1:9/nothing-listens-here"),
				"Eve Example");
	}

	@AfterAll
	void stopStack() {
		this.stack.close();
	}

	private List<Endpoint> endpoints() {
		int crawler = this.stack.crawlerUrl().getPort();
		int cdc = this.stack.cdcUrl().getPort();
		int feature = this.stack.featureUrl().getPort();
		String crawl = "{\"links\": [\"http://127.0.0.1:9/other\"], \"author\": \"Eve Example\"}";
		String page = "<html><head><title>A page</title></head><body><article><h1>A page</h1><p>"
				+ "A paragraph long enough to count as the article text of a page. ".repeat(8)
				+ "</p></article></body></html>";
		return List.of(new Endpoint(crawler, "POST", "/api/crawls", "", "application/json", crawl, 202),
				new Endpoint(crawler, "GET", "/api/crawls", "", null, null, 200),
				new Endpoint(crawler, "GET", "/api/crawls/" + this.jobId, "", null, null, 200),
				new Endpoint(crawler, "POST", "/api/crawls/" + this.jobId + "/cancel", "", null, null, 200),
				new Endpoint(crawler, "POST", "/api/extract", "", "text/html", page, 200),
				new Endpoint(crawler, "POST", "/api/extract", "", "application/json",
						"{\"url\": \"http://127.0.0.1:9/x\"}", 422),
				new Endpoint(crawler, "GET", "/actuator/prometheus", "", null, null, 200),
				new Endpoint(crawler, "GET", "/actuator/metrics", "", null, null, 200),
				new Endpoint(cdc, "GET", "/api/cdc/status", "", null, null, 200),
				new Endpoint(cdc, "POST", "/api/cdc/snapshot", "", null, null, 202),
				new Endpoint(cdc, "GET", "/actuator/prometheus", "", null, null, 200),
				new Endpoint(feature, "GET", "/api/search", "?q=resume+token&k=3", null, null, 200),
				new Endpoint(feature, "GET", "/api/export", "", null, null, 200),
				new Endpoint(feature, "GET", "/api/stats", "", null, null, 200),
				new Endpoint(feature, "GET", "/api/dlq", "", null, null, 200),
				new Endpoint(feature, "POST", "/api/dlq/replay", "", null, null, 200),
				new Endpoint(feature, "GET", "/api/reindex", "", null, null, 200),
				new Endpoint(feature, "GET", "/api/reindex/00000000-0000-0000-0000-000000000000", "", null, null, 404),
				new Endpoint(feature, "POST", "/api/reindex", "?model=bge-small-en-v1.5-q", null, null, 202),
				new Endpoint(feature, "GET", "/actuator/prometheus", "", null, null, 200));
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> noSpellingOfAnyEndpointIsServedWithoutTheKey() {
		return endpoints().stream().map((endpoint) -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
			List<String> served = new ArrayList<>();
			for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
				String target = spelling.getValue().apply(endpoint.path()) + endpoint.query();
				for (String key : new String[] { null, "wrong-" + this.stack.apiKey() }) {
					RawHttp.Response response = endpoint.send(target, key);
					this.attempts.add(target);
					if (!refused(response)) {
						served.add("%s %s (%s, key %s) answered %d %s".formatted(endpoint.method(), target,
								spelling.getKey(), (key == null) ? "none" : "wrong", response.status(),
								abbreviate(response.body())));
					}
				}
			}
			assertThat(served).as("requests that got past access control").isEmpty();
		}));
	}

	@Test
	@Order(2)
	void theAttemptsChangedNothing() {
		assertThat(this.attempts).hasSizeGreaterThanOrEqualTo(endpoints().size() * SPELLINGS.size() * 2);
		StackClient client = new StackClient(this.stack);
		assertThat(client.job(this.jobId).get("links").get(0).get("status").asString()).isNotEqualTo("cancelled");
		int crawler = this.stack.crawlerUrl().getPort();
		RawHttp.Response jobs = RawHttp.to(crawler)
			.target("/api/crawls")
			.header(KEY_HEADER, this.stack.apiKey())
			.send();
		assertThat(TwinJson.mapper().readTree(jobs.body()).get("total").asLong()).isEqualTo(1);
		int feature = this.stack.featureUrl().getPort();
		RawHttp.Response reindexJobs = RawHttp.to(feature)
			.target("/api/reindex")
			.header(KEY_HEADER, this.stack.apiKey())
			.send();
		assertThat(TwinJson.mapper().readTree(reindexJobs.body())).isEmpty();
	}

	@TestFactory
	@Order(3)
	Stream<DynamicTest> withTheKeyEachEndpointIsServed() {
		return endpoints().stream().map((endpoint) -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
			RawHttp.Response response = endpoint.send(endpoint.path() + endpoint.query(), this.stack.apiKey());
			assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(endpoint.servedStatus());
		}));
	}

	@Test
	@Order(4)
	void healthAndTheApiDocumentStayOpen() {
		for (URI service : List.of(this.stack.crawlerUrl(), this.stack.cdcUrl(), this.stack.featureUrl())) {
			assertThat(RawHttp.to(service.getPort()).target("/actuator/health/readiness").send().status())
				.isEqualTo(200);
			RawHttp.Response docs = RawHttp.to(service.getPort()).target("/v3/api-docs").send();
			assertThat(docs.status()).isEqualTo(200);
			assertThat(TwinJson.mapper().readTree(docs.body()).at("/components/securitySchemes/apiKey/name").asString())
				.isEqualTo(KEY_HEADER);
		}
	}

	/**
	 * Refused by access control (401) or rejected before any handler (400 from the
	 * firewall or the web server), as problem details either way.
	 */
	private static boolean refused(RawHttp.Response response) {
		return (response.status() == 401 || response.status() == 400)
				&& "application/problem+json".equals(response.mediaType());
	}

	private static String abbreviate(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

	private static Map<String, UnaryOperator<String>> spellings() {
		Map<String, UnaryOperator<String>> spellings = new LinkedHashMap<>();
		spellings.put("as documented", (path) -> path);
		spellings.put("trailing slash", (path) -> path + "/");
		spellings.put("leading double slash", (path) -> "/" + path);
		spellings.put("inner double slash", (path) -> path.replaceFirst("^/(\\w+)/", "/$1//"));
		spellings.put("dot segment", (path) -> path.replaceFirst("^/(\\w+)/", "/$1/./"));
		spellings.put("trailing dot segment", (path) -> path + "/.");
		spellings.put("parent segment", (path) -> path.replaceFirst("^/(\\w+)/", "/$1/x/../"));
		spellings.put("leading parent segment", (path) -> "/x/.." + path);
		spellings.put("encoded dot segment", (path) -> path.replaceFirst("^/(\\w+)/", "/$1/%2e/"));
		spellings.put("encoded parent segment", (path) -> path.replaceFirst("^/(\\w+)/", "/$1/x/%2e%2e/"));
		spellings.put("encoded first letter", (path) -> "/%" + hex(path.charAt(1)) + path.substring(2));
		spellings.put("encoded last letter",
				(path) -> path.substring(0, path.length() - 1) + "%" + hex(path.charAt(path.length() - 1)));
		spellings.put("every character encoded", AccessControlTest::encodeAllButSlashes);
		spellings.put("encoded slash", (path) -> path.replaceFirst("^/(\\w+)/", "/$1%2F"));
		spellings.put("encoded slash, lower case", (path) -> path.replaceFirst("^/(\\w+)/", "/$1%2f"));
		spellings.put("trailing encoded slash", (path) -> path + "%2F");
		spellings.put("double-encoded letter", (path) -> "/%25" + hex(path.charAt(1)) + path.substring(2));
		spellings.put("path parameter", (path) -> path.replaceFirst("^/(\\w+)/", "/$1;x=y/"));
		spellings.put("empty path parameter", (path) -> path.replaceFirst("^/(\\w+)/", "/$1;/"));
		spellings.put("trailing path parameter", (path) -> path + ";jsessionid=0");
		spellings.put("upper case", (path) -> path.toUpperCase(java.util.Locale.ROOT));
		spellings.put("upper-case first segment", (path) -> path.replaceFirst("^/(\\w+)/",
				"/" + path.split("/")[1].toUpperCase(java.util.Locale.ROOT) + "/"));
		spellings.put("backslash", (path) -> path.replaceFirst("^/(\\w+)/", "/$1\\\\"));
		spellings.put("encoded backslash", (path) -> path.replaceFirst("^/(\\w+)/", "/$1%5C"));
		spellings.put("encoded null byte", (path) -> path + "%00");
		spellings.put("overlong UTF-8 slash", (path) -> path.replaceFirst("^/(\\w+)/", "/$1%c0%af"));
		spellings.put("absolute form", (path) -> "http://127.0.0.1" + path);
		spellings.put("empty query", (path) -> path + "?");
		return spellings;
	}

	private static String hex(char c) {
		return "%02X".formatted((int) c);
	}

	private static String encodeAllButSlashes(String path) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			encoded.append((b == '/') ? "/" : "%%%02X".formatted(b));
		}
		return encoded.toString();
	}

	/**
	 * @param query appended to every spelling of the path
	 * @param servedStatus what the endpoint answers with the key and the plain path
	 */
	private record Endpoint(int port, String method, String path, String query, String contentType, String body,
			int servedStatus) {

		RawHttp.Response send(String target, String key) {
			RawHttp request = RawHttp.to(this.port).method(this.method).target(target);
			if (key != null) {
				request.header(KEY_HEADER, key);
			}
			if (this.body != null) {
				request.body(this.contentType, this.body);
			}
			return request.send();
		}

		@Override
		public String toString() {
			return this.method + " :" + this.port + " " + this.path + this.query;
		}

	}

}
