package dev.llmtwin.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service over real HTTP, a real broker and an embedded MongoDB, crawling pages
 * from a web server on the loopback interface. Subclasses choose the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrawlServiceTestSupport {

	private static final Duration CRAWL_WAIT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private EmbeddedMongoServer mongoServer;

	private HttpServer site;

	/** A server on 127.0.0.2, outside the allow-list: no request may reach it. */
	private HttpServer forbidden;

	private final java.util.concurrent.atomic.AtomicInteger forbiddenRequests = new java.util.concurrent.atomic.AtomicInteger();

	private int forbiddenPort;

	private ConfigurableApplicationContext service;

	private String serviceUrl;

	private String siteUrl;

	/** Starts the broker; returns the service's command-line arguments to reach it. */
	abstract List<String> startBroker();

	abstract void stopBroker();

	@BeforeAll
	void start() throws IOException {
		List<String> args = new ArrayList<>(startBroker());
		this.mongoServer = EmbeddedMongoServer.inMemory();
		this.forbidden = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
		this.forbidden.createContext("/", (exchange) -> {
			this.forbiddenRequests.incrementAndGet();
			respond(exchange, 200, "text/html", "<p>internal</p>".getBytes(StandardCharsets.UTF_8));
		});
		this.forbidden.start();
		this.forbiddenPort = this.forbidden.getAddress().getPort();
		this.site = startSite(this.forbiddenPort);
		args.add("--spring.mongodb.uri=" + this.mongoServer.uri(RawCollections.DATABASE));
		args.add("--server.port=0");
		args.add("--" + TestApiKey.PROPERTY);
		args.add("--server.address=127.0.0.1");
		args.add("--crawler.fetch.allowed-hosts=127.0.0.1");
		args.add("--crawler.fetch.host-requests-per-second=1000");
		args.add("--crawler.fetch.timeout=2s");
		args.add("--crawler.fetch.max-body-size=64KB");
		// No LinkedIn or GitHub workers here: their links wait in their queues.
		args.add("--crawler.sources=web,medium,substack");
		this.service = new SpringApplicationBuilder(CrawlerServiceApplication.class).run(args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.service).getWebServer().getPort();
		this.serviceUrl = "http://127.0.0.1:" + port;
		this.siteUrl = "http://127.0.0.1:" + this.site.getAddress().getPort();
	}

	@AfterAll
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		stopBroker();
		if (this.mongoServer != null) {
			this.mongoServer.close();
		}
		if (this.site != null) {
			this.site.stop(0);
		}
		if (this.forbidden != null) {
			this.forbidden.stop(0);
			assertThat(this.forbiddenRequests).hasValue(0);
		}
	}

	@Test
	void crawlsTheArticleAndRecordsWhyTheOtherLinksFailed() {
		String article = this.siteUrl + "/posts/streaming";
		double httpErrors = links("failed", "http-error");
		double contentErrors = links("failed", "content");
		HttpResponse<String> accepted = postCrawl("Jane Doe", article + "#comments", this.siteUrl + "/papers/paper.pdf",
				this.siteUrl + "/missing", this.siteUrl + "/papers/notes.txt");

		assertThat(accepted.statusCode()).isEqualTo(202);
		JsonNode job = json(accepted);
		assertThat(accepted.headers().firstValue("Location")).hasValue("/api/crawls/" + text(job, "id"));

		JsonNode done = awaitTerminal(text(job, "id"));
		assertThat(text(done, "status")).isEqualTo("done");
		assertThat(done.get("counts").get("done").asInt()).isEqualTo(1);
		assertThat(done.get("counts").get("failed").asInt()).isEqualTo(3);
		JsonNode articleLink = done.get("links").get(0);
		assertThat(text(articleLink, "link")).isEqualTo(article);
		assertThat(text(articleLink, "status")).isEqualTo("done");
		assertThat(text(articleLink, "documentId")).isEqualTo(Ids.documentId(article));
		JsonNode pdf = done.get("links").get(1);
		assertThat(text(pdf, "status")).isEqualTo("failed");
		assertThat(text(pdf, "reason")).contains("application/pdf");
		JsonNode missing = done.get("links").get(2);
		assertThat(text(missing, "status")).isEqualTo("failed");
		assertThat(text(missing, "reason")).contains("404");
		JsonNode plainText = done.get("links").get(3);
		assertThat(text(plainText, "status")).isEqualTo("failed");
		assertThat(text(plainText, "reason")).contains("text/plain");
		assertThat(links("failed", "http-error") - httpErrors).as("the 404").isEqualTo(1);
		assertThat(links("failed", "content") - contentErrors).as("the PDF and the plain text").isEqualTo(2);

		Document stored = stored(RawCollections.ARTICLES, Ids.documentId(article));
		assertThat(stored).isNotNull();
		assertThat(stored.getString("title")).isEqualTo("Streaming Change Data Into a Vector Store");
		assertThat(stored.getString("content")).contains("## Why change streams")
			.contains("Deterministic point ids make that easy")
			.doesNotContain("Popular posts");
		assertThat(stored.getString("link")).isEqualTo(article);
		assertThat(stored.getString("platform")).isEqualTo("web");
		assertThat(stored.getString("authorId")).isEqualTo(Ids.authorId("Jane", "Doe"));
		assertThat(stored.getString("contentHash")).isEqualTo(
				ContentHash.of(stored.getString("title"), stored.getString("subtitle"), stored.getString("content")));
		assertThat(stored).doesNotContainKey("_class");
		Document user = stored(RawCollections.USERS, Ids.authorId("Jane", "Doe"));
		assertThat(user).isNotNull();
		assertThat(user.getString("firstName")).isEqualTo("Jane");
		assertThat(user.getString("lastName")).isEqualTo("Doe");
	}

	@Test
	void eachUnsafeOrImpoliteLinkFailsWithItsReasonAndTheWorkerGoesOn() {
		JsonNode job = awaitTerminal(text(json(postCrawl("Jane Doe", this.siteUrl + "/big", this.siteUrl + "/slow",
				this.siteUrl + "/private/diary", this.siteUrl + "/escape",
				"http://127.0.0.2:" + this.forbiddenPort + "/", this.siteUrl + "/latin", this.siteUrl + "/@jane.doe")),
				"id"));

		JsonNode links = job.get("links");
		assertThat(text(links.get(0), "reason")).contains("larger than the limit");
		assertThat(text(links.get(1), "reason")).contains("took longer than the fetch deadline of 2 s");
		assertThat(text(links.get(2), "reason")).contains("robots.txt").contains("disallows");
		assertThat(text(links.get(3), "reason")).contains("refused").contains("127.0.0.2").contains("loopback");
		assertThat(text(links.get(4), "reason")).contains("refused").contains("127.0.0.2");
		assertThat(text(links.get(5), "status")).isEqualTo("done");
		assertThat(stored(RawCollections.ARTICLES, text(links.get(5), "documentId")).getString("content"))
			.contains("\u201cNa\u00efve\u201d r\u00e9sum\u00e9 \u2013 \u20ac5");
		JsonNode profile = links.get(6);
		assertThat(text(profile, "status")).isEqualTo("done");
		assertThat(profile.get("documents").asInt()).isEqualTo(3);
		assertThat(profile.get("documentIds")).hasSize(3);
		assertThat(stored(RawCollections.ARTICLES, profile.get("documentIds").get(0).asString()).getString("platform"))
			.isEqualTo("medium");
		assertThat(job.get("counts").get("failed").asInt()).isEqualTo(5);
		assertThat(job.get("counts").get("documents").asInt()).isEqualTo(4);
	}

	@Test
	void aLinkOfASourceThisInstanceDoesNotCrawlWaitsAndCanBeCancelled() {
		double queuedJobs = openJobs("queued");
		String id = text(json(postCrawl("Jane Doe", "https://www.linkedin.com/in/jane-doe/")), "id");
		JsonNode queued = json(get("/api/crawls/" + id));
		assertThat(text(queued.get("links").get(0), "source")).isEqualTo("linkedin");
		assertThat(text(queued, "status")).isEqualTo("queued");
		assertThat(openJobs("queued")).isEqualTo(queuedJobs + 1);

		JsonNode cancelled = json(send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(URI.create(this.serviceUrl + "/api/crawls/" + id + "/cancel"))
			.POST(HttpRequest.BodyPublishers.noBody())));

		assertThat(text(cancelled, "status")).isEqualTo("cancelled");
		assertThat(text(cancelled.get("links").get(0), "status")).isEqualTo("cancelled");
		assertThat(openJobs("queued")).isEqualTo(queuedJobs);
	}

	@Test
	void crawlingTheSameArticleAgainWritesNothing() {
		String article = this.siteUrl + "/posts/recrawled";
		double storedLinks = links("stored", "none");
		double unchangedLinks = links("unchanged", "none");
		JsonNode first = awaitTerminal(text(json(postCrawl("John Smith", article)), "id"));
		assertThat(text(first.get("links").get(0), "status")).isEqualTo("done");
		Document before = stored(RawCollections.ARTICLES, Ids.documentId(article));

		JsonNode second = awaitTerminal(text(json(postCrawl("John Smith", article)), "id"));

		assertThat(text(second, "status")).isEqualTo("done");
		assertThat(text(second.get("links").get(0), "status")).isEqualTo("unchanged");
		assertThat(text(second.get("links").get(0), "documentId")).isEqualTo(Ids.documentId(article));
		assertThat(stored(RawCollections.ARTICLES, Ids.documentId(article))).isEqualTo(before);
		assertThat(links("stored", "none") - storedLinks).isEqualTo(1);
		assertThat(links("unchanged", "none") - unchangedLinks).isEqualTo(1);
		assertThat(get("/actuator/prometheus").body()).contains(
				"crawler_links_total{outcome=\"unchanged\",reason=\"none\",source=\"web\"}",
				"crawler_jobs_open{state=\"running\"}", "crawler_page_fetch_seconds_count{source=\"web\"}");
		assertThat(get("/api/crawls?page=0&size=5").statusCode()).isEqualTo(200);
		assertThat(text(json(get("/actuator/health")), "status")).isEqualTo("UP");
	}

	/**
	 * Every hostile page of the bad-input corpus in one job: each link ends with its own
	 * outcome and reason, the others and the service carry on.
	 */
	@Test
	void everyHostilePageEndsWithItsReasonAndTheServiceCarriesOn() {
		try (HostileSite hostile = new HostileSite()) {
			String[] links = HostileSite.CASES.stream().map(hostile::url).toArray(String[]::new);

			JsonNode job = awaitTerminal(text(json(postCrawl("Eve Example", links)), "id"));

			for (int i = 0; i < HostileSite.CASES.size(); i++) {
				HostileSite.Case hostileCase = HostileSite.CASES.get(i);
				JsonNode link = job.get("links").get(i);
				String status = text(link, "status");
				if (HostileSite.STORED.equals(hostileCase.reason())) {
					assertThat(status).as("%s: %s", hostileCase, link).isIn("done", "unchanged");
				}
				else if (hostileCase.reason() != null) {
					assertThat(status).as("%s: %s", hostileCase, link).isEqualTo("failed");
					assertThat(text(link, "reason")).as(hostileCase.name()).contains(hostileCase.reason());
				}
				else {
					assertThat(status).as("%s: %s", hostileCase, link).isIn("done", "unchanged", "failed");
				}
			}
		}
		assertThat(text(json(get("/actuator/health")), "status")).isEqualTo("UP");
	}

	/**
	 * Messages that are no crawl command are dropped (acknowledged), neither left
	 * unacknowledged nor rejected: each web worker holds two commands at most, so a dozen
	 * such messages left unacknowledged would stall every worker, and the embedded broker
	 * delivers a rejected message again at once, without end.
	 */
	@Test
	void messagesThatAreNoCrawlCommandAreDroppedAndTheWorkersGoOn() {
		RabbitTemplate rabbit = this.service.getBean(RabbitTemplate.class);
		for (int i = 0; i < 12; i++) {
			rabbit.send(AmqpNames.CRAWL_COMMANDS, Source.WEB.routingKey(),
					MessageBuilder.withBody(("{\"not\":\"a command " + i + "\"}").getBytes(StandardCharsets.UTF_8))
						.setContentType("application/json")
						.build());
		}

		JsonNode job = awaitTerminal(text(json(postCrawl("Jane Doe", this.siteUrl + "/posts/after-junk")), "id"));

		assertThat(text(job.get("links").get(0), "status")).isEqualTo("done");
		assertThat(
				this.service.getBean(AmqpAdmin.class).getQueueInfo(AmqpNames.crawlQueue(Source.WEB)).getMessageCount())
			.isZero();
	}

	/**
	 * The ownership rule the README states: a link belongs to its latest crawl's author.
	 */
	@Test
	void anArticleCrawledForAnotherAuthorMovesToThem() {
		String article = this.siteUrl + "/posts/shared";
		String id = Ids.documentId(article);
		awaitTerminal(text(json(postCrawl("John Smith", article)), "id"));
		assertThat(stored(RawCollections.ARTICLES, id).getString("authorId")).isEqualTo(Ids.authorId("John", "Smith"));

		JsonNode other = awaitTerminal(text(json(postCrawl("Mary Major", article)), "id"));

		assertThat(text(other.get("links").get(0), "status")).isEqualTo("done");
		assertThat(stored(RawCollections.ARTICLES, id).getString("authorId")).isEqualTo(Ids.authorId("Mary", "Major"));
		assertThat(stored(RawCollections.USERS, Ids.authorId("Mary", "Major"))).isNotNull();
	}

	@Test
	void linksTheBrokerCannotRouteAreFailedAndTheAnswerIs503() {
		AmqpAdmin admin = this.service.getBean(AmqpAdmin.class);
		Binding web = new Binding("crawl.web", Binding.DestinationType.QUEUE, AmqpNames.CRAWL_COMMANDS, "web",
				Map.of());
		admin.removeBinding(web);
		try {
			HttpResponse<String> response = postCrawl("Jane Doe", this.siteUrl + "/posts/unroutable");

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = json(response);
			// RabbitMQ returns an unroutable message, the embedded broker rejects it.
			assertThat(text(problem, "detail")).contains("message broker");
			JsonNode job = json(get("/api/crawls/" + text(problem, "jobId")));
			assertThat(text(job, "status")).isEqualTo("failed");
			assertThat(text(job.get("links").get(0), "reason")).contains("message broker");
		}
		finally {
			admin.declareBinding(web);
		}
		assertThat(get("/api/crawls?page=0&size=5").statusCode()).isEqualTo(200);
	}

	private JsonNode awaitTerminal(String jobId) {
		long deadline = System.nanoTime() + CRAWL_WAIT.toNanos();
		while (true) {
			JsonNode job = json(get("/api/crawls/" + jobId));
			String status = text(job, "status");
			if (status.equals("done") || status.equals("failed") || status.equals("cancelled")) {
				return job;
			}
			assertThat(System.nanoTime()).as("crawl job %s still %s: %s", jobId, status, job).isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The web links counted with this outcome and failure kind so far. */
	private double links(String outcome, String reason) {
		Counter counter = this.service.getBean(MeterRegistry.class)
			.find("crawler.links")
			.tags("source", "web", "outcome", outcome, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double openJobs(String state) {
		return this.service.getBean(MeterRegistry.class).get("crawler.jobs.open").tag("state", state).gauge().value();
	}

	private Document stored(String collection, String id) {
		return this.service.getBean(MongoTemplate.class).findById(id, Document.class, collection);
	}

	private HttpResponse<String> postCrawl(String author, String... links) {
		String body = TwinJson.mapper().writeValueAsString(Map.of("links", List.of(links), "author", author));
		return send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(URI.create(this.serviceUrl + "/api/crawls"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(URI.create(this.serviceUrl + path))
			.GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(HttpResponse<String> response) {
		return TwinJson.mapper().readTree(response.body());
	}

	private static String text(JsonNode node, String field) {
		assertThat(node.has(field)).as("%s has %s", node, field).isTrue();
		return node.get(field).asString();
	}

	/**
	 * A small web site: an article under /posts/, a PDF, a text file and nothing else.
	 */
	private static HttpServer startSite(int forbiddenPort) throws IOException {
		byte[] article = resource("/pages/blog-article.html");
		byte[] profile = resource("/sites/medium-profile.html");
		byte[] story = resource("/sites/medium-article.html");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/posts/", (exchange) -> respond(exchange, 200, "text/html; charset=utf-8", article));
		server.createContext("/papers/paper.pdf", (exchange) -> respond(exchange, 200, "application/pdf",
				"%PDF-1.4\n% not really a paper\n".getBytes(StandardCharsets.US_ASCII)));
		server.createContext("/papers/notes.txt", (exchange) -> respond(exchange, 200, "text/plain; charset=utf-8",
				"Plain notes, no article here.".getBytes(StandardCharsets.UTF_8)));
		server.createContext("/robots.txt", (exchange) -> respond(exchange, 200, "text/plain",
				"User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8)));
		server.createContext("/big", (exchange) -> respond(exchange, 200, "text/html",
				("<html><body><p>" + "big ".repeat(25_000) + "</p></body></html>").getBytes(StandardCharsets.UTF_8)));
		server.createContext("/slow", (exchange) -> {
			try {
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 200, "text/html", article);
		});
		server.createContext("/escape", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "http://127.0.0.2:" + forbiddenPort + "/metadata");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.createContext("/latin",
				(exchange) -> respond(exchange, 200, "text/html",
						"""
								<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
								<title>Caf\u00e9</title></head><body><article><h1>Caf\u00e9 notes</h1>
								<p>\u201cNa\u00efve\u201d r\u00e9sum\u00e9 \u2013 \u20ac5 for a coffee, a price worth writing an article about.</p>
								</article></body></html>"""
							.getBytes(java.nio.charset.Charset.forName("windows-1252"))));
		server.createContext("/data-engineering/",
				(exchange) -> respond(exchange, 200, "text/html; charset=utf-8", story));
		server.createContext("/@jane.doe", (exchange) -> respond(exchange, 200, "text/html; charset=utf-8",
				exchange.getRequestURI().getPath().matches("/@jane\\.doe/?") ? profile : story));
		server.createContext("/", (exchange) -> respond(exchange, 404, "text/html; charset=utf-8",
				"<html><body><h1>Not found</h1></body></html>".getBytes(StandardCharsets.UTF_8)));
		server.start();
		return server;
	}

	static byte[] resource(String name) throws IOException {
		try (InputStream html = CrawlServiceTestSupport.class.getResourceAsStream(name)) {
			return html.readAllBytes();
		}
	}

	static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

}
