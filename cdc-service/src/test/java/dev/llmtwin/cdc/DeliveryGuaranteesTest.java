package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing is lost when the service dies or the broker connection breaks mid-burst. */
class DeliveryGuaranteesTest extends RealBrokerBackends {

	private static final int BURST = 1500;

	@Test
	void serviceStoppedAbruptlyMidBurstPublishesEveryChangeAfterRestart() throws Exception {
		Thread writer;
		try (ConfigurableApplicationContext app = start()) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			writer = writeArticles(articles(), "a", BURST);
			await().atMost(WAIT).until(() -> confirmed(app) >= 100);
			// closing stops the stream threads at once: changes in flight are not awaited
		}
		writer.join(WAIT);
		try (ConfigurableApplicationContext app = start()) {
			List<ChangeEvent> received = receiveUntil((events) -> insertIds(events).size() == BURST);
			assertThat(insertIds(received)).hasSize(BURST);
			Set<String> eventIds = received.stream()
				.filter((event) -> event.operation() == Operation.INSERT)
				.map(ChangeEvent::eventId)
				.collect(Collectors.toSet());
			assertThat(eventIds).as("one stable event id per change, duplicates only as redeliveries").hasSize(BURST);
		}
	}

	@Test
	void brokerConnectionCutMidBurstLosesNothingAndReadinessFollowsTheBroker() throws Exception {
		try (DroppingProxy proxy = new DroppingProxy(this.broker.port());
				ConfigurableApplicationContext app = CdcTestApp.start(this.mongo.uri(ChangeFlows.DATABASE),
						this.broker.withPort(proxy.port()), "--cdc.confirm-timeout=2s")) {
			CdcTestApp.awaitRunning(app, RawCollections.ARTICLES);
			assertThat(readiness(app)).isEqualTo("UP");
			Thread writer = writeArticles(articles(), "a", BURST);
			await().atMost(WAIT).until(() -> confirmed(app) >= 100);
			proxy.cut();
			await().atMost(WAIT).until(() -> "DOWN".equals(readiness(app)));
			RealBrokerBackends.sleep(Duration.ofSeconds(1));
			proxy.restore();
			writer.join(WAIT);

			List<ChangeEvent> received = receiveUntil((events) -> insertIds(events).size() == BURST);
			assertThat(insertIds(received)).hasSize(BURST);
			assertThat(CdcTestApp.stream(app, RawCollections.ARTICLES).get("errors").asLong())
				.as("the outage was noticed")
				.isPositive();
			await().atMost(WAIT).until(() -> "UP".equals(readiness(app)));
			await().atMost(WAIT).until(() -> confirmed(app) >= BURST);
		}
	}

	static long confirmed(ConfigurableApplicationContext app) {
		return CdcTestApp.stream(app, RawCollections.ARTICLES).get("confirmed").asLong();
	}

	static Set<String> insertIds(List<ChangeEvent> events) {
		return events.stream()
			.filter((event) -> event.operation() == Operation.INSERT)
			.map(ChangeEvent::documentId)
			.collect(Collectors.toSet());
	}

	private static String readiness(ConfigurableApplicationContext app) {
		String body = CdcTestApp.http(app)
			.get()
			.uri("/actuator/health/readiness")
			.exchange((request, response) -> response.bodyTo(String.class));
		return TwinJson.mapper().readTree(body).get("status").asString();
	}

}
