package dev.llmtwin.feature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.testing.TestBroker;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Re-embedding with the quantized model builds a new index from the cleaned documents
 * while search keeps answering, then swaps: every hit carries the new model, new changes
 * go to the new index, and a restart keeps the new model.
 */
class ReindexTest {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	private long clock = 1_790_000_000L;

	@Test
	void reindexSwapsTheModelWhileSearchKeepsAnswering() throws IOException {
		try (TestBroker rabbit = TestBroker.isolated(); EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
			CachingConnectionFactory connections = rabbit.connectionFactory();
			try {
				RabbitTemplate broker = new RabbitTemplate(connections);
				String[] sentences = { "Salt marshes in Brittany shelter wading birds through the winter.",
						"Copper mining shaped the town of Falun for seven centuries.",
						"Night trains cross the Alps from Zurich to Vienna.",
						"Old orchards in Normandy press cider from bitter apples." };
				try (ConfigurableApplicationContext service = start(rabbit, mongo)) {
					URI base = baseUri(service);
					for (String sentence : sentences) {
						publish(broker, sentence);
					}
					String last = sentences[sentences.length - 1];
					await().atMost(WAIT)
						.until(() -> hits(base, last).stream()
							.anyMatch((hit) -> hit.get("text").asString().equals(last)));

					HttpResponse<String> started = send(HttpRequest.newBuilder()
						.header(TestApiKey.HEADER, TestApiKey.KEY)
						.uri(base.resolve("/api/reindex?model=bge-small-en-v1.5-q"))
						.POST(HttpRequest.BodyPublishers.noBody()));
					assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
					JsonNode job = TwinJson.mapper().readTree(started.body());
					URI jobUri = base.resolve(started.headers().firstValue("Location").orElseThrow());
					assertThat(job.get("model").asString()).isEqualTo("bge-small-en-v1.5-q");
					assertThat(job.get("fromModel").asString()).isEqualTo("bge-small-en-v1.5");

					JsonNode done = await().atMost(WAIT).until(() -> {
						// Search answers throughout.
						assertThat(hits(base, last)).isNotEmpty();
						return json(send(
								HttpRequest.newBuilder().header(TestApiKey.HEADER, TestApiKey.KEY).uri(jobUri).GET()));
					}, (state) -> !state.get("status").asString().equals("running"));
					assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
					assertThat(done.get("documentsTotal").asLong()).isEqualTo(sentences.length);
					assertThat(done.get("documentsDone").asLong()).isEqualTo(sentences.length);

					List<JsonNode> after = hits(base, last);
					assertThat(after).hasSize(sentences.length)
						.allSatisfy((hit) -> assertThat(hit.get("embeddingModel").asString())
							.isEqualTo("bge-small-en-v1.5-q"));
					assertThat(after.getFirst().get("text").asString()).isEqualTo(last);

					String fresh = "Lighthouse keepers on Lofoten polish the lens before dawn.";
					publish(broker, fresh);
					await().atMost(WAIT)
						.until(() -> hits(base, fresh).stream()
							.anyMatch((hit) -> hit.get("text").asString().equals(fresh)));

					assertThat(send(HttpRequest.newBuilder()
						.header(TestApiKey.HEADER, TestApiKey.KEY)
						.uri(base.resolve("/api/reindex?model=bge-small-en-v1.5-q"))
						.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(409);
					assertThat(send(HttpRequest.newBuilder()
						.header(TestApiKey.HEADER, TestApiKey.KEY)
						.uri(base.resolve("/api/reindex?model=gpt-9"))
						.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(400);
					assertThat(send(HttpRequest.newBuilder()
						.header(TestApiKey.HEADER, TestApiKey.KEY)
						.uri(base.resolve("/api/reindex/" + UUID.randomUUID()))
						.GET()).statusCode()).isEqualTo(404);
				}
				assertThat(Files.readString(this.dataDir.resolve("lucene/ACTIVE"))).startsWith("bge-small-en-v1.5-q@");
				try (ConfigurableApplicationContext restarted = start(rabbit, mongo)) {
					List<JsonNode> hits = hits(baseUri(restarted), sentences[0]);
					assertThat(hits).hasSize(sentences.length + 1)
						.allSatisfy((hit) -> assertThat(hit.get("embeddingModel").asString())
							.isEqualTo("bge-small-en-v1.5-q"));
				}
			}
			finally {
				connections.destroy();
			}
		}
	}

	private ConfigurableApplicationContext start(TestBroker rabbit, EmbeddedMongoServer mongo) {
		return new SpringApplicationBuilder(FeatureServiceApplication.class).run(rabbit.args(
				"--server.address=127.0.0.1", "--server.port=0", TestApiKey.ARGUMENT,
				"--spring.mongodb.uri=" + mongo.uri("twin"),
				// One-sentence fixtures: the quality gate would hold them back.
				"--feature.quality.min-words.article=1", "--feature.lucene.path=" + this.dataDir.resolve("lucene")));
	}

	private void publish(RabbitTemplate broker, String content) {
		String link = "https://medium.com/@jane/" + UUID.randomUUID();
		String id = Ids.documentId(link);
		ChangeEvent event = new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES, Operation.INSERT, id,
				Map.of("_id", id, "platform", "medium", "link", link, "content", content, "authorId", "jane",
						"crawledAt", "2026-11-23T10:15:30Z"),
				new ClusterTime(++this.clock, 1));
		broker.send(AmqpNames.RAW_CHANGES, event.routingKey(),
				MessageBuilder.withBody(TwinJson.mapper().writeValueAsBytes(event))
					.setContentType(MessageProperties.CONTENT_TYPE_JSON)
					.setMessageId(event.eventId())
					.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
					.build());
	}

	private static URI baseUri(ConfigurableApplicationContext service) {
		return URI.create("http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static List<JsonNode> hits(URI base, String query) {
		return json(send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(base.resolve("/api/search?k=20&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
			.GET())).get("hits").valueStream().toList();
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TwinJson.mapper().readTree(response.body());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
