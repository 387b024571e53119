package dev.llmtwin.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.TwinJson;

/**
 * The REST calls a user makes against the fleet, with the API key: trigger a crawl, watch
 * it, search.
 */
public final class StackClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI crawler;

	private final URI feature;

	private final String apiKey;

	public StackClient(URI crawler, URI feature, String apiKey) {
		this.crawler = crawler;
		this.feature = feature;
		this.apiKey = apiKey;
	}

	public StackClient(LocalStack stack) {
		this(stack.crawlerUrl(), stack.featureUrl(), stack.apiKey());
	}

	/** Triggers a crawl and returns the job id. */
	public String crawl(List<String> links, String author) {
		return crawlJob(links, author).get("id").asString();
	}

	/** Triggers a crawl and returns the job as accepted (its id, author and links). */
	public JsonNode crawlJob(List<String> links, String author) {
		String body = TwinJson.mapper().writeValueAsString(Map.of("links", links, "author", author));
		HttpRequest request = HttpRequest.newBuilder(this.crawler.resolve("/api/crawls"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", this.apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 202) {
			throw new IllegalStateException(
					"POST /api/crawls answered " + response.statusCode() + ": " + response.body());
		}
		return TwinJson.mapper().readTree(response.body());
	}

	public JsonNode job(String id) {
		return get(this.crawler.resolve("/api/crawls/" + id));
	}

	/**
	 * The job with up to {@code linksSize} of its links (the API's page is 100 by
	 * default).
	 */
	public JsonNode job(String id, int linksSize) {
		return get(this.crawler.resolve("/api/crawls/" + id + "?linksSize=" + linksSize));
	}

	public JsonNode search(String query, int k) {
		return search(query, null, k);
	}

	/** The search, limited to one author's documents unless {@code authorId} is null. */
	public JsonNode search(String query, String authorId, int k) {
		return search(query, authorId, k, "hybrid");
	}

	/**
	 * The search in a mode ({@code hybrid}, {@code dense} or {@code lexical}, followed by
	 * any further parameters, e.g. {@code hybrid&fusion=rrf}), limited to one author's
	 * documents unless {@code authorId} is null.
	 */
	public JsonNode search(String query, String authorId, int k, String mode) {
		String author = (authorId != null) ? "&authorId=" + URLEncoder.encode(authorId, StandardCharsets.UTF_8) : "";
		return get(this.feature.resolve("/api/search?k=" + k + author + "&mode=" + mode + "&q="
				+ URLEncoder.encode(query, StandardCharsets.UTF_8)));
	}

	/**
	 * One author's cleaned documents as the export streams them, near-copies included.
	 */
	public List<JsonNode> export(String authorId) {
		URI uri = this.feature.resolve("/api/export?authorId=" + URLEncoder.encode(authorId, StandardCharsets.UTF_8));
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri).header("X-API-Key", this.apiKey).GET().build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
		}
		return response.body().lines().filter((line) -> !line.isBlank()).map(TwinJson.mapper()::readTree).toList();
	}

	/** The feature store's stats, with its reconciliation against the raw documents. */
	public JsonNode stats() {
		return get(this.feature.resolve("/api/stats"));
	}

	/**
	 * Any GET of the fleet's API with the key, e.g. another service's endpoint; 200
	 * expected.
	 */
	public JsonNode get(URI uri) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri).header("X-API-Key", this.apiKey).GET().build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + uri + " answered " + response.statusCode() + ": " + response.body());
		}
		return TwinJson.mapper().readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
