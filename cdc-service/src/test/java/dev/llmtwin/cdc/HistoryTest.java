package dev.llmtwin.cdc;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded server's oplog: trimmed below what the streams need, and a stored position
 * trimmed away while the service was down is detected (the server itself would silently
 * skip the gap) and repaired by a snapshot.
 */
class HistoryTest extends RealBrokerBackends {

	@Test
	void lostHistoryIsReportedAndRepairedByASnapshot() {
		publishThreeThenStop();
		articles().insertOne(new Document("_id", "a4").append("title", "written while down"));
		articles().deleteOne(Filters.eq("_id", "a1"));
		oplog().deleteMany(new BsonDocument());

		try (ConfigurableApplicationContext app = start("--cdc.collections=articles")) {
			List<ChangeEvent> received = receiveUntil((events) -> ids(events, Operation.SNAPSHOT).size() == 3);
			assertThat(ids(received, Operation.SNAPSHOT)).containsExactlyInAnyOrder("a2", "a3", "a4");
			assertThat(prometheus(app))
				.containsPattern("cdc_history_lost_total\\{[^}]*stream=\"articles\"[^}]*\\} 1\\.0");
			await().atMost(WAIT).untilAsserted(() -> {
				JsonNode stream = CdcTestApp.stream(app, RawCollections.ARTICLES);
				assertThat(stream.get("state").asString()).isEqualTo("running");
				assertThat(stream.get("lastError").asString()).contains("no longer in the oplog");
				assertThat(stream.get("historyLost").isNull()).as("repaired").isTrue();
			});
			assertThat(health(app).get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void withoutAutomaticSnapshotLostHistoryTurnsHealthDownUntilOneIsRequested() {
		publishThreeThenStop();
		oplog().deleteMany(new BsonDocument());

		try (ConfigurableApplicationContext app = start("--cdc.collections=articles",
				"--cdc.snapshot-on-history-lost=false")) {
			await().atMost(WAIT)
				.until(() -> CdcTestApp.stream(app, RawCollections.ARTICLES)
					.get("state")
					.asString()
					.equals("history_lost"));
			JsonNode health = health(app);
			assertThat(health.get("status").asString()).isEqualTo("DOWN");
			assertThat(health.get("components").get("cdc").get("details").get("articles").asString())
				.contains("no longer in the oplog");

			CdcTestApp.http(app).post().uri("/api/cdc/snapshot").retrieve().toBodilessEntity();
			List<ChangeEvent> received = receiveUntil((events) -> ids(events, Operation.SNAPSHOT).size() == 3);
			assertThat(ids(received, Operation.SNAPSHOT)).containsExactlyInAnyOrder("a1", "a2", "a3");
			await().atMost(WAIT).until(() -> health(app).get("status").asString().equals("UP"));
		}
	}

	@Test
	void oplogIsTrimmedBelowThePositionsStillNeeded() {
		try (ConfigurableApplicationContext app = start("--cdc.oplog-trim.interval=100ms",
				"--cdc.oplog-trim.retention=0s")) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			for (int i = 0; i < 500; i++) {
				articles().insertOne(new Document("_id", "a" + i).append("title", "t" + i));
			}
			receiveUntil((events) -> events.size() >= 500);
			// Idle streams (the other raw collections) must not hold the history back.
			await().atMost(WAIT).until(() -> oplog().countDocuments() < 50);

			articles().insertOne(new Document("_id", "after").append("title", "after trimming"));
			List<ChangeEvent> received = receiveUntil((events) -> ids(events, Operation.INSERT).contains("after"));
			assertThat(received).isNotEmpty();
			assertThat(CdcTestApp.stream(app, RawCollections.ARTICLES).get("historyLost").isNull()).isTrue();
		}
	}

	private void publishThreeThenStop() {
		try (ConfigurableApplicationContext app = start("--cdc.collections=articles")) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			for (String id : List.of("a1", "a2", "a3")) {
				articles().insertOne(new Document("_id", id).append("title", id));
			}
			receiveUntil((events) -> events.size() >= 3);
			await().atMost(WAIT).until(() -> storedPublished() == 3);
		}
		while (this.queue.tryNext() != null) {
			// drop what the first run published
		}
	}

	private long storedPublished() {
		BsonDocument offset = this.client.getDatabase(ChangeFlows.DATABASE)
			.getCollection(RawCollections.CDC_OFFSETS, BsonDocument.class)
			.find(Filters.eq("_id", RawCollections.ARTICLES))
			.first();
		return (offset != null && offset.isNumber("published")) ? offset.getNumber("published").longValue() : 0;
	}

	private MongoCollection<BsonDocument> oplog() {
		return this.client.getDatabase("local").getCollection("oplog.rs", BsonDocument.class);
	}

	private static JsonNode health(ConfigurableApplicationContext app) {
		String body = CdcTestApp.http(app)
			.get()
			.uri("/actuator/health")
			.exchange((request, response) -> response.bodyTo(String.class));
		return TwinJson.mapper().readTree(body);
	}

	private static String prometheus(ConfigurableApplicationContext app) {
		return CdcTestApp.http(app).get().uri("/actuator/prometheus").retrieve().body(String.class);
	}

	private static Set<String> ids(List<ChangeEvent> events, Operation operation) {
		return events.stream()
			.filter((event) -> event.operation() == operation)
			.map(ChangeEvent::documentId)
			.collect(Collectors.toSet());
	}

}
