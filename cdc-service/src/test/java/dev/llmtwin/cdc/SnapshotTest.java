package dev.llmtwin.cdc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Existing documents go out as a snapshot, and nothing written meanwhile is missed. */
class SnapshotTest extends RealBrokerBackends {

	private static final int EXISTING = 600;

	private static final int LIVE = 300;

	@Test
	void firstStartPublishesASnapshotThenEveryLiveChange() throws Exception {
		for (int i = 0; i < EXISTING; i++) {
			articles().insertOne(new Document("_id", "old" + i).append("title", "old " + i));
		}
		try (ConfigurableApplicationContext app = start("--cdc.max-in-flight=50")) {
			// Writes while the snapshot runs: new documents and edits of existing ones.
			Thread writer = writeArticles(articles(), "new", LIVE);
			for (int i = 0; i < EXISTING; i += 7) {
				articles().updateOne(Filters.eq("_id", "old" + i), Updates.set("title", "edited " + i));
			}
			writer.join(WAIT);
			Map<String, String> expected = titles();

			List<ChangeEvent> received = receiveUntil((events) -> lastTitles(events).equals(expected));
			assertThat(lastTitles(received)).isEqualTo(expected);
			List<ChangeEvent> snapshot = received.stream()
				.filter((event) -> event.operation() == Operation.SNAPSHOT)
				.toList();
			assertThat(snapshot.stream().map(ChangeEvent::documentId).collect(Collectors.toSet()))
				.as("every document that existed before the start")
				.containsAll(expected.keySet().stream().filter((id) -> id.startsWith("old")).toList());
			await().atMost(WAIT).untilAsserted(() -> {
				var stream = CdcTestApp.stream(app, RawCollections.ARTICLES);
				assertThat(stream.get("state").asString()).isEqualTo("running");
				assertThat(stream.get("snapshot").get("state").asString()).isEqualTo("done");
				assertThat(stream.get("snapshot").get("published").asLong()).isGreaterThanOrEqualTo(EXISTING);
			});
		}
	}

	@Test
	void requestedSnapshotRepublishesEveryDocumentWithItsOwnEventIds() {
		try (ConfigurableApplicationContext app = start("--cdc.collections=articles")) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			for (int i = 0; i < 50; i++) {
				articles().insertOne(new Document("_id", "a" + i).append("title", "t" + i));
			}
			receiveUntil((events) -> events.size() >= 50);

			RestClient http = CdcTestApp.http(app);
			HttpStatus unknown = http.post()
				.uri("/api/cdc/snapshot?collection=nope")
				.exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
			assertThat(unknown).isEqualTo(HttpStatus.NOT_FOUND);
			HttpStatus accepted = http.post()
				.uri("/api/cdc/snapshot?collection=articles")
				.exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
			assertThat(accepted).isEqualTo(HttpStatus.ACCEPTED);
			articles().insertOne(new Document("_id", "after").append("title", "after the request"));

			List<ChangeEvent> received = receiveUntil((events) -> ids(events, Operation.SNAPSHOT).size() >= 50
					&& ids(events, Operation.INSERT).contains("after"));
			assertThat(ids(received, Operation.SNAPSHOT)).hasSizeGreaterThanOrEqualTo(50);
			assertThat(received.stream()
				.filter((event) -> event.operation() == Operation.SNAPSHOT)
				.map(ChangeEvent::eventId)
				.distinct()
				.count())
				.isEqualTo(received.stream().filter((event) -> event.operation() == Operation.SNAPSHOT).count());
		}
	}

	private Map<String, String> titles() {
		Map<String, String> titles = new HashMap<>();
		for (Document document : articles().find()) {
			titles.put(document.getString("_id"), document.getString("title"));
		}
		return titles;
	}

	/** Each document's title as the last event about it says. */
	private static Map<String, String> lastTitles(List<ChangeEvent> events) {
		Map<String, String> titles = new HashMap<>();
		for (ChangeEvent event : events) {
			if (event.operation() == Operation.DELETE) {
				titles.remove(event.documentId());
			}
			else if (event.document() != null) {
				titles.put(event.documentId(), (String) event.document().get("title"));
			}
		}
		return titles;
	}

	private static Set<String> ids(List<ChangeEvent> events, Operation operation) {
		return events.stream()
			.filter((event) -> event.operation() == operation)
			.map(ChangeEvent::documentId)
			.collect(Collectors.toSet());
	}

}
