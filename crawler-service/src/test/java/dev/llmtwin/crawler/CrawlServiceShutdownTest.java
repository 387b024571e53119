package dev.llmtwin.crawler;

import java.io.IOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.TwinJson;
import dev.llmtwin.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crawler stopped while it crawls a page lets the crawl finish: the link is done and
 * its command acknowledged, not left on the queue to be crawled again after the restart.
 * (Before, the crawl failed as its MongoDB client and HTTP client closed under it, and
 * the link stayed running.)
 */
class CrawlServiceShutdownTest {

	/** How long the page takes to answer once its request has arrived. */
	private static final Duration PAGE_DELAY = Duration.ofMillis(1_500);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@Test
	void onTheMachinesRabbitMq() throws Exception {
		stoppingWhileAPageIsCrawledFinishesItsLink(TestBroker.isolated());
	}

	@Test
	void onTheEmbeddedBroker() throws Exception {
		stoppingWhileAPageIsCrawledFinishesItsLink(TestBroker.onEmbeddedBroker());
	}

	private void stoppingWhileAPageIsCrawledFinishesItsLink(TestBroker broker) throws Exception {
		this.resources.add(broker);
		CachingConnectionFactory connections = broker.connectionFactory();
		this.resources.add(connections::destroy);
		EmbeddedMongoServer mongoServer = EmbeddedMongoServer.inMemory();
		this.resources.add(mongoServer);
		CountDownLatch requested = new CountDownLatch(1);
		HttpServer site = slowSite(requested);
		this.resources.add(() -> site.stop(0));
		List<String> args = new ArrayList<>(broker.springArgs());
		args.addAll(List.of("--spring.mongodb.uri=" + mongoServer.uri(RawCollections.DATABASE), "--server.port=0",
				"--server.address=127.0.0.1", "--" + TestApiKey.PROPERTY, "--crawler.fetch.allowed-hosts=127.0.0.1",
				"--crawler.fetch.host-requests-per-second=1000", "--crawler.sources=web",
				"--crawler.workers.web.concurrency=1"));
		ConfigurableApplicationContext service = new SpringApplicationBuilder(CrawlerServiceApplication.class)
			.run(args.toArray(String[]::new));
		this.resources.add(service::close);
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		String link = "http://127.0.0.1:" + site.getAddress().getPort() + "/posts/slow";

		// The listener stops first; the containers, and with them the channels, after it.
		assertThat(service.getBean(RabbitListenerEndpointRegistry.class).getPhase())
			.isLessThan(service.getBean("crawlCommandListener", SmartLifecycle.class).getPhase());

		String jobId = postCrawl(port, link);
		assertThat(requested.await(30, TimeUnit.SECONDS)).as("the page was requested").isTrue();
		service.close();

		assertThat(linkStatus(mongoServer, jobId)).isEqualTo("DONE");
		assertThat(new RabbitAdmin(connections).getQueueInfo(AmqpNames.crawlQueue(Source.WEB)).getMessageCount())
			.as("commands left on the queue")
			.isZero();
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable resource : this.resources.reversed()) {
			resource.close();
		}
	}

	private static HttpServer slowSite(CountDownLatch requested) throws IOException {
		byte[] article = CrawlServiceTestSupport.resource("/pages/blog-article.html");
		HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		site.createContext("/robots.txt", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		site.createContext("/posts/", (exchange) -> {
			requested.countDown();
			try {
				Thread.sleep(PAGE_DELAY);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			CrawlServiceTestSupport.respond(exchange, 200, "text/html; charset=utf-8", article);
		});
		site.start();
		return site;
	}

	private static String postCrawl(int port, String link) throws IOException, InterruptedException {
		String body = TwinJson.mapper().writeValueAsString(Map.of("links", List.of(link), "author", "John Smith"));
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder()
				.uri(URI.create("http://127.0.0.1:" + port + "/api/crawls"))
				.header(TestApiKey.HEADER, TestApiKey.KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			return TwinJson.mapper().readTree(response.body()).get("id").asString();
		}
	}

	@SuppressWarnings("unchecked")
	private static String linkStatus(EmbeddedMongoServer mongoServer, String jobId) {
		try (MongoClient client = MongoClients.create(mongoServer.uri(RawCollections.DATABASE))) {
			Document job = client.getDatabase(RawCollections.DATABASE)
				.getCollection(RawCollections.CRAWL_JOBS)
				.find(new Document("_id", jobId))
				.first();
			return ((List<Document>) job.get("links")).getFirst().getString("status");
		}
	}

}
