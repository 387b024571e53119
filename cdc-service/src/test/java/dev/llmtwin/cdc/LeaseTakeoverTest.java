package dev.llmtwin.cdc;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One active instance per stream; a standby takes over from the stored position. */
class LeaseTakeoverTest extends RealBrokerBackends {

	private static final String[] ARGS = { "--cdc.collections=articles", "--cdc.lease.ttl=2s",
			"--cdc.lease.renew-interval=200ms" };

	@Test
	void standbyTakesOverWhenTheLeaseExpiresAndWhenTheActiveInstanceStops() {
		// An instance that died holding the lease: nobody publishes until it expires.
		MongoCollection<Document> leases = this.client.getDatabase(ChangeFlows.DATABASE).getCollection("cdc_leases");
		leases.insertOne(new Document("_id", RawCollections.ARTICLES).append("owner", "crashed")
			.append("expiresAt", Date.from(Instant.now().plusSeconds(3600))));
		try (ConfigurableApplicationContext first = start(ARGS); ConfigurableApplicationContext second = start(ARGS)) {
			await().atMost(WAIT).until(() -> state(first).equals("standby") && state(second).equals("standby"));
			// Time passes for the dead instance's lease.
			leases.updateOne(Filters.eq("_id", RawCollections.ARTICLES),
					Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(1))));
			await().atMost(WAIT).until(() -> active(first) ^ active(second));
			ConfigurableApplicationContext active = active(first) ? first : second;
			ConfigurableApplicationContext standby = (active == first) ? second : first;
			CdcTestApp.awaitRunning(active, RawCollections.ARTICLES);
			assertThat(state(standby)).isEqualTo("standby");

			articles().insertOne(new Document("_id", "a1").append("title", "while the first is active"));
			List<ChangeEvent> received = receiveUntil(
					(events) -> DeliveryGuaranteesTest.insertIds(events).contains("a1"));
			await().atMost(WAIT).until(() -> DeliveryGuaranteesTest.confirmed(active) == 1);

			active.close();
			CdcTestApp.awaitRunning(standby, RawCollections.ARTICLES);
			assertThat(active(standby)).isTrue();
			articles().insertOne(new Document("_id", "a2").append("title", "after the takeover"));
			receiveUntil(received, (events) -> DeliveryGuaranteesTest.insertIds(events).contains("a2"));
			assertThat(received.stream().map(ChangeEvent::documentId)).as("resumed after a1, not before it")
				.containsExactly("a1", "a2");
		}
	}

	private static boolean active(ConfigurableApplicationContext app) {
		return CdcTestApp.stream(app, RawCollections.ARTICLES).get("active").asBoolean();
	}

	private static String state(ConfigurableApplicationContext app) {
		return CdcTestApp.stream(app, RawCollections.ARTICLES).get("state").asString();
	}

}
