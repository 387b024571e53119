package dev.llmtwin.cdc;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service on the embedded Qpid broker of {@code make run} (classic queues only). */
class EmbeddedBrokerChangePublishingTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@BeforeAll
	static void keepDerbyLogInTarget() {
		System.setProperty("derby.stream.error.file", "target/derby.log");
	}

	@Test
	void insertUpdateDeleteArriveInOrder() {
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.inMemory();
				EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
			ChangeFlows.insertUpdateDeleteArriveInOrder(mongo.uri(ChangeFlows.DATABASE), address(broker));
		}
	}

	@Test
	void theStoredTokenCarriesTheChangesClusterTime() {
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.inMemory();
				EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
			// No caught-up mark replaces the token while the test reads it.
			ChangeFlows.storedTokenCarriesTheLastChangesClusterTime(mongo.uri(ChangeFlows.DATABASE), address(broker),
					"--cdc.oplog-trim.interval=1h");
		}
	}

	@Test
	void changeWrittenWhileTheBrokerIsDownIsPublishedOnceItIsBack(@TempDir Path dataDir) throws Exception {
		int port = freePort();
		try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
				MongoClient client = MongoClients.create(mongo.uri(ChangeFlows.DATABASE))) {
			MongoCollection<Document> articles = ChangeFlows.articles(client);
			EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.onDisk(dataDir, port);
			RawChangesQueue.BrokerAddress address = address(broker);
			try (RawChangesQueue queue = new RawChangesQueue(address).bind();
					ConfigurableApplicationContext app = CdcTestApp.start(mongo.uri(ChangeFlows.DATABASE), address,
							"--cdc.confirm-timeout=2s")) {
				CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
				articles.insertOne(new Document("_id", "a1").append("title", "before the outage"));
				assertThat(RawChangesQueue.event(queue.next()).documentId()).isEqualTo("a1");
				await().atMost(WAIT).until(() -> published(client) == 1);
				BsonDocument positionBeforeOutage = position(client);

				broker.close();
				articles.insertOne(new Document("_id", "a2").append("title", "during the outage"));
				await().atMost(WAIT)
					.until(() -> CdcTestApp.stream(app, RawCollections.ARTICLES)
						.get("state")
						.asString()
						.equals("retrying"));
				assertThat(position(client)).isEqualTo(positionBeforeOutage);

				broker = EmbeddedAmqpBroker.onDisk(dataDir, port);
				ChangeEvent published = RawChangesQueue.event(queue.next());
				assertThat(published.documentId()).isEqualTo("a2");
				await().atMost(WAIT).until(() -> published(client) == 2);
				assertThat(position(client)).isNotEqualTo(positionBeforeOutage);
			}
			finally {
				broker.close();
			}
		}
	}

	static RawChangesQueue.BrokerAddress address(EmbeddedAmqpBroker broker) {
		return new RawChangesQueue.BrokerAddress(broker.host(), broker.port(), EmbeddedAmqpBroker.USERNAME,
				EmbeddedAmqpBroker.PASSWORD, "/", true);
	}

	private static BsonDocument offset(MongoClient client) {
		return client.getDatabase(ChangeFlows.DATABASE)
			.getCollection(RawCollections.CDC_OFFSETS, BsonDocument.class)
			.find(Filters.eq("_id", RawCollections.ARTICLES))
			.first();
	}

	/**
	 * The stored stream position: a resume token, or an operation time once an idle
	 * stream moved on.
	 */
	private static BsonDocument position(MongoClient client) {
		BsonDocument offset = offset(client);
		BsonDocument position = new BsonDocument();
		for (String key : new String[] { "resumeToken", "startAtOperationTime" }) {
			if (offset.containsKey(key)) {
				position.put(key, offset.get(key));
			}
		}
		return position;
	}

	private static long published(MongoClient client) {
		BsonDocument offset = offset(client);
		return (offset != null && offset.isNumber("published")) ? offset.getNumber("published").longValue() : 0;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
