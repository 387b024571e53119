package dev.llmtwin.crawler.source.linkedin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.llmtwin.crawler.CrawlerServiceApplication;
import dev.llmtwin.crawler.TestApiKey;
import dev.llmtwin.crawler.browser.ChromiumTestSupport;
import dev.llmtwin.embedded.EmbeddedAmqpBroker;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A LinkedIn profile link through the whole service: the API, the dispatcher, the
 * linkedin worker, the SSRF guard (admitting only the local site), Chromium and MongoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class LinkedinServiceTest {

	private static final Duration CRAWL_WAIT = Duration.ofSeconds(120);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LinkedinSite site;

	private EmbeddedMongoServer mongoServer;

	private EmbeddedAmqpBroker broker;

	private ConfigurableApplicationContext service;

	private String serviceUrl;

	@BeforeAll
	void start() {
		ChromiumTestSupport.requireChromium();
		this.site = new LinkedinSite(LinkedinSite.janesUpdates(Instant.now().minus(Duration.ofDays(1))));
		this.mongoServer = EmbeddedMongoServer.inMemory();
		this.broker = EmbeddedAmqpBroker.inMemory();
		this.service = new SpringApplicationBuilder(CrawlerServiceApplication.class).run(
				"--spring.rabbitmq.host=" + this.broker.host(), "--spring.rabbitmq.port=" + this.broker.port(),
				"--spring.rabbitmq.username=" + EmbeddedAmqpBroker.USERNAME,
				"--spring.rabbitmq.password=" + EmbeddedAmqpBroker.PASSWORD, "--twin.amqp.quorum-queues=false",
				"--spring.mongodb.uri=" + this.mongoServer.uri(RawCollections.DATABASE), "--server.port=0",
				"--" + TestApiKey.PROPERTY, "--server.address=127.0.0.1", "--crawler.fetch.allowed-hosts=127.0.0.1",
				"--crawler.sources=linkedin", "--crawler.linkedin.base-url=" + this.site.baseUrl(),
				"--crawler.linkedin.username=" + LinkedinSite.USERNAME,
				"--crawler.linkedin.password=" + LinkedinSite.PASSWORD, "--crawler.linkedin.max-posts=6",
				"--crawler.linkedin.scroll-wait=3s", "--crawler.browser.extra-args[0]=" + ChromiumTestSupport.OFFLINE);
		this.serviceUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) this.service).getWebServer().getPort();
	}

	@AfterAll
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
		if (this.mongoServer != null) {
			this.mongoServer.close();
		}
		if (this.site != null) {
			this.site.close();
		}
	}

	@Test
	void profileLinkIsCrawledIntoPosts(CapturedOutput output) throws IOException, InterruptedException {
		String body = TwinJson.mapper()
			.writeValueAsString(
					Map.of("links", List.of("https://www.linkedin.com/in/jane-doe/"), "author", "Jane Doe"));
		HttpResponse<String> accepted = this.http.send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(URI.create(this.serviceUrl + "/api/crawls"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(202);
		String jobId = TwinJson.mapper().readTree(accepted.body()).get("id").asString();

		JsonNode job = awaitTerminal(jobId);

		JsonNode link = job.get("links").get(0);
		assertThat(link.get("source").asString()).isEqualTo("linkedin");
		assertThat(link.get("status").asString()).as("%s", job).isEqualTo("done");
		assertThat(this.service.getBean(MongoTemplate.class).count(new Query(), RawCollections.POSTS)).isEqualTo(6);
		assertThat(this.site.requests()).contains("POST /checkpoint/lg/login-submit");
		// The crawl logged in with the account, and its log names neither the account's
		// credentials nor the API key of the requests.
		assertThat(output).contains("Crawled https://www.linkedin.com/in/jane-doe/")
			.doesNotContain(LinkedinSite.USERNAME)
			.doesNotContain(LinkedinSite.PASSWORD)
			.doesNotContain(TestApiKey.KEY);
	}

	private JsonNode awaitTerminal(String jobId) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + CRAWL_WAIT.toNanos();
		while (true) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder()
				.header(TestApiKey.HEADER, TestApiKey.KEY)
				.uri(URI.create(this.serviceUrl + "/api/crawls/" + jobId))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode job = TwinJson.mapper().readTree(response.body());
			String status = job.get("status").asString();
			if (status.equals("done") || status.equals("failed")) {
				return job;
			}
			assertThat(System.nanoTime()).as("crawl job %s still %s: %s", jobId, status, job).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

}
