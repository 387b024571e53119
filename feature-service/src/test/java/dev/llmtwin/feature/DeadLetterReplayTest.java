package dev.llmtwin.feature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison message is replayed once its cause is fixed: changes of a collection the
 * service does not know yet are dead-lettered; after the service is restarted with the
 * collection configured, a replay processes them, while a change that is still poison
 * goes back to the dead-letter queue with the same reason.
 */
class DeadLetterReplayTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	@Test
	void replayProcessesWhatTheServiceLearnedToHandleAndDeadLettersTheRestAgain() {
		try (TestBroker rabbit = TestBroker.isolated(); EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
			CachingConnectionFactory connections = rabbit.connectionFactory();
			try {
				RabbitTemplate broker = new RabbitTemplate(connections);
				String link = "https://jane.example.com/blog/bridges";
				String documentId = Ids.documentId(link);
				String sentence = "Covered bridges in Vermont were roofed to keep their timber trusses dry.";
				ChangeEvent blogArticle = new ChangeEvent(UUID.randomUUID().toString(), "blog_articles",
						Operation.INSERT, documentId, Map.of("_id", documentId, "platform", "web", "link", link,
								"content", sentence, "authorId", "jane", "crawledAt", "2026-11-23T10:15:30Z"),
						new ClusterTime(1_790_000_000L, 1));
				ChangeEvent comment = new ChangeEvent(UUID.randomUUID().toString(), "comments", Operation.INSERT, "c1",
						Map.of("_id", "c1", "text", "Nice"), new ClusterTime(1_790_000_000L, 2));

				try (ConfigurableApplicationContext service = start(rabbit, mongo)) {
					URI base = baseUri(service);
					publish(broker, blogArticle);
					publish(broker, comment);
					Map<String, JsonNode> letters = await().atMost(WAIT)
						.until(() -> deadLetters(base), (found) -> found.size() == 2);
					assertThat(letters.get(blogArticle.eventId()).get("reason").asString())
						.isEqualTo("Unknown collection 'blog_articles'");
					assertThat(letters.get(blogArticle.eventId()).get("routingKey").asString())
						.isEqualTo("blog_articles.insert");
				}

				try (ConfigurableApplicationContext service = start(rabbit, mongo,
						"--feature.collections.blog_articles=article")) {
					URI base = baseUri(service);
					assertThat(deadLetters(base)).hasSize(2);

					JsonNode replayed = post(base.resolve("/api/dlq/replay"));
					assertThat(replayed.get("count").asInt()).isEqualTo(2);

					await().atMost(WAIT)
						.until(() -> search(base, sentence).stream()
							.anyMatch((hit) -> hit.get("documentId").asString().equals(documentId)));
					Map<String, JsonNode> left = await().atMost(WAIT)
						.until(() -> deadLetters(base), (found) -> found.containsKey(comment.eventId()));
					assertThat(left).containsOnlyKeys(comment.eventId());
					assertThat(left.get(comment.eventId()).get("reason").asString())
						.isEqualTo("Unknown collection 'comments'");
					assertThat(left.get(comment.eventId()).get("routingKey").asString()).isEqualTo("comments.insert");
				}
			}
			finally {
				connections.destroy();
			}
		}
	}

	private ConfigurableApplicationContext start(TestBroker rabbit, EmbeddedMongoServer mongo, String... more) {
		List<String> args = new ArrayList<>(List.of(rabbit.args("--server.address=127.0.0.1", "--server.port=0",
				TestApiKey.ARGUMENT, "--spring.mongodb.uri=" + mongo.uri("twin"),
				// One-sentence fixtures: the quality gate would hold them back.
				"--feature.quality.min-words.article=1", "--feature.lucene.path=" + this.dataDir.resolve("lucene"))));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(FeatureServiceApplication.class).run(args.toArray(String[]::new));
	}

	private static void publish(RabbitTemplate broker, ChangeEvent event) {
		broker.send(AmqpNames.RAW_CHANGES, event.routingKey(),
				MessageBuilder.withBody(TwinJson.mapper().writeValueAsBytes(event))
					.setContentType(MessageProperties.CONTENT_TYPE_JSON)
					.setMessageId(event.eventId())
					.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
					.setHeader(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION)
					.build());
	}

	private static URI baseUri(ConfigurableApplicationContext service) {
		return URI.create("http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static Map<String, JsonNode> deadLetters(URI base) {
		Map<String, JsonNode> letters = new LinkedHashMap<>();
		send(HttpRequest.newBuilder().header(TestApiKey.HEADER, TestApiKey.KEY).uri(base.resolve("/api/dlq")).GET())
			.get("deadLetters")
			.valueStream()
			.forEach((letter) -> letters.put(letter.get("eventId").asString(), letter));
		return letters;
	}

	private static List<JsonNode> search(URI base, String query) {
		return send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(base.resolve("/api/search?k=10&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
			.GET()).get("hits").valueStream().toList();
	}

	private static JsonNode post(URI uri) {
		return send(HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(uri)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private static JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
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
