package dev.llmtwin.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.cdc.offset.ResumeTokens;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Flows the tests run against more than one broker. */
final class ChangeFlows {

	static final String DATABASE = RawCollections.DATABASE;

	private ChangeFlows() {
	}

	/**
	 * Insert, update and delete of an article arrive in order, each as a persistent JSON
	 * message with the envelope's event id as message id.
	 */
	/**
	 * The token stored after a confirmed change carries that change's cluster time, as
	 * {@link ResumeTokens} reads it: on a replica set that is the server's own token.
	 */
	static void storedTokenCarriesTheLastChangesClusterTime(String mongoUri, RawChangesQueue.BrokerAddress broker,
			String... extraArgs) {
		try (MongoClient client = MongoClients.create(mongoUri);
				RawChangesQueue queue = new RawChangesQueue(broker).bind();
				ConfigurableApplicationContext app = CdcTestApp.start(mongoUri, broker, extraArgs)) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			articles(client).insertOne(new Document("_id", "t1").append("title", "token"));
			ChangeEvent inserted = RawChangesQueue.event(queue.next());

			BsonDocument offset = await().atMost(Duration.ofSeconds(30))
				.until(() -> client.getDatabase(DATABASE)
					.getCollection(RawCollections.CDC_OFFSETS, BsonDocument.class)
					.find(Filters.eq("_id", RawCollections.ARTICLES))
					.first(), (stored) -> stored != null && stored.isDocument("resumeToken"));
			BsonTimestamp time = ResumeTokens.timestamp(offset.getDocument("resumeToken"));
			assertThat(new ClusterTime(Integer.toUnsignedLong(time.getTime()), time.getInc()))
				.isEqualTo(inserted.clusterTime());
		}
	}

	static void insertUpdateDeleteArriveInOrder(String mongoUri, RawChangesQueue.BrokerAddress broker,
			String... extraArgs) {
		try (MongoClient client = MongoClients.create(mongoUri);
				RawChangesQueue queue = new RawChangesQueue(broker).bind();
				ConfigurableApplicationContext app = CdcTestApp.start(mongoUri, broker, extraArgs)) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			MongoCollection<Document> articles = articles(client);
			articles.insertOne(new Document("_id", "a1").append("title", "First title")
				.append("publishedAt", Date.from(Instant.parse("2024-05-01T10:00:00Z")))
				.append("tags", List.of("java", "cdc"))
				.append("stats", new Document("words", 1200)));
			Message inserted = queue.next();
			// One write at a time: the update's full document is looked up when the
			// change is read, so it must still exist then.
			articles.updateOne(Filters.eq("_id", "a1"), Updates.set("title", "Second title"));
			Message updated = queue.next();
			long deleteWrittenFrom = System.currentTimeMillis();
			articles.deleteOne(Filters.eq("_id", "a1"));
			Message deleted = queue.next();

			assertThat(inserted.getMessageProperties().getReceivedRoutingKey()).isEqualTo("articles.insert");
			assertThat(updated.getMessageProperties().getReceivedRoutingKey()).isIn("articles.update",
					"articles.replace");
			assertThat(deleted.getMessageProperties().getReceivedRoutingKey()).isEqualTo("articles.delete");
			for (Message message : List.of(inserted, updated, deleted)) {
				assertEnvelope(message);
			}

			ChangeEvent insert = RawChangesQueue.event(inserted);
			assertThat(insert.operation()).isEqualTo(Operation.INSERT);
			assertThat(insert.collection()).isEqualTo(RawCollections.ARTICLES);
			assertThat(insert.documentId()).isEqualTo("a1");
			assertThat(insert.document()).containsEntry("_id", "a1")
				.containsEntry("title", "First title")
				.containsEntry("publishedAt", "2024-05-01T10:00:00Z")
				.containsEntry("tags", List.of("java", "cdc"))
				.containsEntry("stats", Map.of("words", 1200));

			ChangeEvent update = RawChangesQueue.event(updated);
			assertThat(update.documentId()).isEqualTo("a1");
			assertThat(update.document()).containsEntry("_id", "a1")
				.containsEntry("title", "Second title")
				.containsEntry("publishedAt", "2024-05-01T10:00:00Z");

			ChangeEvent delete = RawChangesQueue.event(deleted);
			assertThat(delete.operation()).isEqualTo(Operation.DELETE);
			assertThat(delete.documentId()).isEqualTo("a1");
			assertThat(delete.document()).isNull();

			assertThat(List.of(insert.eventId(), update.eventId(), delete.eventId())).doesNotHaveDuplicates();
			assertThat(insert.clusterTime()).isLessThan(update.clusterTime());
			assertThat(update.clusterTime()).isLessThan(delete.clusterTime());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> CdcTestApp.stream(app, RawCollections.ARTICLES).get("confirmed").asLong() == 3);
			JsonNode status = CdcTestApp.stream(app, RawCollections.ARTICLES);
			assertThat(Instant.parse(status.get("lastEventTime").asString()))
				.isEqualTo(delete.clusterTime().toInstant());
			// Measured from the write's wallTime, to the millisecond: clusterTime counts
			// seconds only.
			assertThat(status.get("lagMillis").asLong()).isBetween(0L, System.currentTimeMillis() - deleteWrittenFrom);
		}
	}

	static MongoCollection<Document> articles(MongoClient client) {
		return client.getDatabase(DATABASE).getCollection(RawCollections.ARTICLES);
	}

	private static void assertEnvelope(Message message) {
		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getMessageId()).isEqualTo(RawChangesQueue.event(message).eventId());
		assertThat(properties.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getHeaders()).containsEntry(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION);
	}

}
