package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.testing.TestBroker;
import dev.llmtwin.testing.TestBrokerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a broker of its own (a virtual host on the machine's RabbitMQ) and
 * an in-memory MongoDB.
 */
@ExtendWith(TestBrokerExtension.class)
class ChangePublishingTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private TestBroker rabbit;

	private EmbeddedMongoServer mongo;

	private MongoClient client;

	private RawChangesQueue.BrokerAddress broker;

	@BeforeEach
	void startBackends(TestBroker rabbit) {
		this.rabbit = rabbit;
		this.mongo = EmbeddedMongoServer.inMemory();
		this.client = MongoClients.create(this.mongo.uri(ChangeFlows.DATABASE));
		this.broker = RawChangesQueue.BrokerAddress.of(this.rabbit);
	}

	@AfterEach
	void stopBackends() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.mongo != null) {
			this.mongo.close();
		}
	}

	@Test
	void insertUpdateDeleteArriveInOrder() {
		ChangeFlows.insertUpdateDeleteArriveInOrder(this.mongo.uri(ChangeFlows.DATABASE), this.broker);
	}

	@Test
	void resumesAfterRestartWithEveryChangeWrittenWhileDown() {
		MongoCollection<Document> articles = ChangeFlows.articles(this.client);
		BsonDocument positionBeforeStop;
		try (RawChangesQueue queue = new RawChangesQueue(this.broker).bind()) {
			try (ConfigurableApplicationContext app = start()) {
				CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
				articles.insertOne(new Document("_id", "a1").append("title", "one"));
				articles.insertOne(new Document("_id", "a2").append("title", "two"));
				queue.next();
				queue.next();
				await().atMost(WAIT).until(() -> storedPublished() == 2);
				positionBeforeStop = storedPosition();
			}

			articles.insertOne(new Document("_id", "a3").append("title", "three"));
			articles.updateOne(Filters.eq("_id", "a1"), Updates.set("title", "one, edited"));
			articles.deleteOne(Filters.eq("_id", "a2"));
			articles.insertOne(new Document("_id", "a4").append("title", "four"));
			List<String> writtenWhileDown = List.of("insert a3", "update a1", "delete a2", "insert a4");

			try (ConfigurableApplicationContext app = start()) {
				List<ChangeEvent> received = new ArrayList<>();
				long deadline = System.nanoTime() + WAIT.toNanos();
				while (!changes(received).containsAll(writtenWhileDown) && System.nanoTime() < deadline) {
					Message message = queue.poll(Duration.ofSeconds(1));
					if (message != null) {
						received.add(RawChangesQueue.event(message));
					}
				}
				// Duplicates are allowed (at least once), losses and reordering are not.
				assertThat(changes(received)).containsSubsequence(writtenWhileDown);
				Set<String> eventIds = received.stream().map(ChangeEvent::eventId).collect(Collectors.toSet());
				assertThat(eventIds).hasSizeGreaterThanOrEqualTo(writtenWhileDown.size());
				await().atMost(WAIT).untilAsserted(() -> assertThat(storedPublished()).isGreaterThanOrEqualTo(6));
				assertThat(storedPosition()).isNotEqualTo(positionBeforeStop);
				assertThat(CdcTestApp.stream(app, RawCollections.ARTICLES).get("state").asString())
					.isEqualTo("running");
			}
		}
	}

	@Test
	void unroutableChangeIsRetriedUntilAQueueTakesIt() {
		MongoCollection<Document> articles = ChangeFlows.articles(this.client);
		try (RawChangesQueue queue = new RawChangesQueue(this.broker); ConfigurableApplicationContext app = start()) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			articles.insertOne(new Document("_id", "a1").append("title", "nobody listens yet"));

			await().atMost(WAIT).untilAsserted(() -> {
				var stream = CdcTestApp.stream(app, RawCollections.ARTICLES);
				assertThat(stream.get("state").asString()).isEqualTo("retrying");
				// RabbitMQ returns an unroutable mandatory message; the embedded broker
				// nacks it.
				assertThat(stream.get("lastError").asString())
					.contains(this.broker.classicQueuesOnly() ? "refused the message" : "returned");
			});
			assertThat(storedOffset().containsKey("resumeToken")).as("no token before the broker routed the change")
				.isFalse();

			queue.bind();
			ChangeEvent event = RawChangesQueue.event(queue.next());
			assertThat(event.documentId()).isEqualTo("a1");
			await().atMost(WAIT).untilAsserted(() -> {
				var stream = CdcTestApp.stream(app, RawCollections.ARTICLES);
				assertThat(stream.get("state").asString()).isEqualTo("running");
				assertThat(stream.get("confirmed").asLong()).isEqualTo(1);
			});
			assertThat(storedPublished()).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start() {
		return CdcTestApp.start(this.mongo.uri(ChangeFlows.DATABASE), this.broker);
	}

	private BsonDocument storedOffset() {
		return this.client.getDatabase(ChangeFlows.DATABASE)
			.getCollection(RawCollections.CDC_OFFSETS, BsonDocument.class)
			.find(Filters.eq("_id", RawCollections.ARTICLES))
			.first();
	}

	private BsonDocument storedPosition() {
		BsonDocument offset = storedOffset();
		BsonDocument position = new BsonDocument();
		for (String key : new String[] { "resumeToken", "startAtOperationTime" }) {
			if (offset.containsKey(key)) {
				position.put(key, offset.get(key));
			}
		}
		return position;
	}

	private long storedPublished() {
		BsonDocument offset = storedOffset();
		return (offset != null && offset.isNumber("published")) ? offset.getNumber("published").longValue() : 0;
	}

	private static List<String> changes(List<ChangeEvent> events) {
		return events.stream().map((event) -> event.operation().wireName() + " " + event.documentId()).toList();
	}

}
