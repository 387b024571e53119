package dev.llmtwin.feature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
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
import dev.llmtwin.feature.store.FakeQdrantServer;
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
 * The service with {@code feature.vector-store=qdrant}, connected by host and port to a
 * gRPC fake of Qdrant on loopback: the configuration wires the Qdrant adapter end to end.
 */
class QdrantServiceTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void changesBecomeSearchableThroughTheQdrantAdapter() throws IOException {
		try (FakeQdrantServer qdrant = new FakeQdrantServer(true);
				TestBroker rabbit = TestBroker.isolated();
				EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
				ConfigurableApplicationContext service = new SpringApplicationBuilder(FeatureServiceApplication.class)
					.run(rabbit.args("--server.address=127.0.0.1", "--server.port=0", TestApiKey.ARGUMENT,
							"--spring.mongodb.uri=" + mongo.uri("twin"), "--feature.vector-store=qdrant",
							// One-sentence fixtures: the quality gate would hold them
							// back.
							"--feature.quality.min-words.article=1", "--feature.qdrant.host=127.0.0.1",
							"--feature.qdrant.port=" + qdrant.port()))) {
			assertThat(qdrant.aliases).containsEntry("chunks", "chunks-bge-small-en-v1-5");
			CachingConnectionFactory connections = rabbit.connectionFactory();
			try {
				String link = "https://medium.com/@jane/ferries";
				String id = Ids.documentId(link);
				String sentence = "Car ferries link the Hebridean islands to the Scottish mainland.";
				ChangeEvent event = new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES,
						Operation.INSERT, id, Map.of("_id", id, "platform", "medium", "link", link, "content", sentence,
								"authorId", "jane", "crawledAt", "2026-11-23T10:15:30Z"),
						new ClusterTime(1_790_000_000L, 1));
				new RabbitTemplate(connections).send(AmqpNames.RAW_CHANGES, event.routingKey(),
						MessageBuilder.withBody(TwinJson.mapper().writeValueAsBytes(event))
							.setContentType(MessageProperties.CONTENT_TYPE_JSON)
							.setMessageId(event.eventId())
							.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
							.build());
				URI search = URI
					.create("http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port")
							+ "/api/search?type=article&q="
							+ URLEncoder.encode("ferries to Scottish islands", StandardCharsets.UTF_8));

				JsonNode hit = await().atMost(Duration.ofSeconds(60))
					.until(() -> get(search).get("hits").get(0), (found) -> found != null);
				assertThat(hit.get("documentId").asString()).isEqualTo(id);
				assertThat(hit.get("text").asString()).isEqualTo(sentence);
				assertThat(hit.get("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5");
			}
			finally {
				connections.destroy();
			}
		}
	}

	private static JsonNode get(URI uri) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder()
				.header(TestApiKey.HEADER, TestApiKey.KEY)
				.uri(uri)
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return TwinJson.mapper().readTree(response.body());
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
