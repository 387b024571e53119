package dev.llmtwin.console.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import dev.llmtwin.console.ConsoleProperties;
import dev.llmtwin.model.TwinJson;

/**
 * The three services' REST APIs as the console uses them. Each call carries the signed-in
 * operator's key from the session; a refusal or a silent service becomes a
 * {@link FleetException} with the service's own problem detail.
 */
@Component
public class FleetClient {

	static final String API_KEY_HEADER = "X-API-Key";

	private static final String CRAWLER = "crawler-service";

	private static final String CDC = "cdc-service";

	private static final String FEATURE = "feature-service";

	private static final TypeReference<Map<String, Object>> PROBLEM = new TypeReference<>() {
	};

	private final RestClient crawler;

	private final RestClient cdc;

	private final RestClient feature;

	public FleetClient(ConsoleProperties properties) {
		this.crawler = client(CRAWLER, properties.crawlerUrl(), properties.timeout());
		this.cdc = client(CDC, properties.cdcUrl(), properties.timeout());
		this.feature = client(FEATURE, properties.featureUrl(), properties.timeout());
	}

	public CrawlJobs.Page jobs(int page, int size) {
		return call(CRAWLER,
				() -> this.crawler.get()
					.uri((uri) -> uri.path("/api/crawls").queryParam("page", page).queryParam("size", size).build())
					.retrieve()
					.body(CrawlJobs.Page.class));
	}

	public CrawlJobs.Job job(String id, int linksPage) {
		return call(CRAWLER,
				() -> this.crawler.get()
					.uri((uri) -> uri.path("/api/crawls/{id}").queryParam("linksPage", linksPage).build(id))
					.retrieve()
					.body(CrawlJobs.Job.class));
	}

	public CrawlJobs.Job submit(String author, List<String> links) {
		return call(CRAWLER,
				() -> this.crawler.post()
					.uri("/api/crawls")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("author", author, "links", links))
					.retrieve()
					.body(CrawlJobs.Job.class));
	}

	public CrawlJobs.Job cancel(String id) {
		return call(CRAWLER,
				() -> this.crawler.post().uri("/api/crawls/{id}/cancel", id).retrieve().body(CrawlJobs.Job.class));
	}

	public CrawlJobs.Routes routes(List<String> links) {
		return call(CRAWLER,
				() -> this.crawler.post()
					.uri("/api/crawls/routes")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("links", links))
					.retrieve()
					.body(CrawlJobs.Routes.class));
	}

	public ExtractedPage extract(String url) {
		return call(CRAWLER,
				() -> this.crawler.post()
					.uri("/api/extract")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("url", url))
					.retrieve()
					.body(ExtractedPage.class));
	}

	/** A saved page, sent as it is; {@code url} (optional) is where it was published. */
	public ExtractedPage extract(byte[] html, String url) {
		return call(CRAWLER, () -> this.crawler.post().uri((uri) -> {
			UriBuilder builder = uri.path("/api/extract");
			return (url != null && !url.isBlank()) ? builder.queryParam("url", "{url}").build(url.strip())
					: builder.build();
		}).contentType(MediaType.TEXT_HTML).body(html).retrieve().body(ExtractedPage.class));
	}

	public Pipeline.CdcStatus cdcStatus() {
		return call(CDC, () -> this.cdc.get().uri("/api/cdc/status").retrieve().body(Pipeline.CdcStatus.class));
	}

	public Pipeline.SnapshotRequest snapshot() {
		return call(CDC,
				() -> this.cdc.post().uri("/api/cdc/snapshot").retrieve().body(Pipeline.SnapshotRequest.class));
	}

	public Pipeline.Stats stats() {
		return call(FEATURE, () -> this.feature.get().uri("/api/stats").retrieve().body(Pipeline.Stats.class));
	}

	public Pipeline.DeadLetters deadLetters(int limit) {
		return call(FEATURE,
				() -> this.feature.get()
					.uri((uri) -> uri.path("/api/dlq").queryParam("limit", limit).build())
					.retrieve()
					.body(Pipeline.DeadLetters.class));
	}

	public Pipeline.DeadLetters replayDeadLetters() {
		return call(FEATURE,
				() -> this.feature.post().uri("/api/dlq/replay").retrieve().body(Pipeline.DeadLetters.class));
	}

	public Search.Results search(SearchQuery query) {
		return call(FEATURE,
				() -> this.feature.get()
					.uri((uri) -> query.uri(uri.path("/api/search")))
					.retrieve()
					.body(Search.Results.class));
	}

	public Search.Document document(String id) {
		return call(FEATURE,
				() -> this.feature.get().uri("/api/documents/{id}", id).retrieve().body(Search.Document.class));
	}

	private static <T> T call(String service, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ResourceAccessException ex) {
			throw FleetException.unreachable(service, rootMessage(ex));
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static RestClient client(String service, URI baseUrl, Duration timeout) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(timeout);
		return RestClient.builder()
			.baseUrl(baseUrl.toString())
			.requestFactory(requests)
			.configureMessageConverters((converters) -> converters.registerDefaults()
				.withJsonConverter(new JacksonJsonHttpMessageConverter(TwinJson.mapper())))
			.requestInterceptor((request, body, execution) -> {
				String key = operatorKey();
				if (key != null) {
					request.getHeaders().set(API_KEY_HEADER, key);
				}
				return execution.execute(request, body);
			})
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				Map<String, Object> problem = problemOf(response.getBody());
				String title = (problem.get("title") instanceof String text) ? text
						: response.getStatusCode().toString();
				String detail = (problem.get("detail") instanceof String text) ? text
						: service + " answered " + response.getStatusCode().value();
				throw new FleetException(service, response.getStatusCode().value(), title, detail, problem);
			})
			.build();
	}

	private static Map<String, Object> problemOf(InputStream body) throws IOException {
		try (body) {
			return TwinJson.mapper().readValue(body.readNBytes(1 << 20), PROBLEM);
		}
		catch (JacksonException ex) {
			return new LinkedHashMap<>();
		}
	}

	/** The key the operator signed in with, kept in the session's authentication. */
	private static String operatorKey() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getCredentials() instanceof String key) ? key : null;
	}

}
