package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.llmtwin.model.TwinJson;

import static org.awaitility.Awaitility.await;

/** Starts the service on a random port against the given MongoDB and broker. */
final class CdcTestApp {

	/** The API key the service runs with; {@link #http} sends it. */
	static final String API_KEY = "cdc-test-key";

	private CdcTestApp() {
	}

	static ConfigurableApplicationContext start(String mongoUri, RawChangesQueue.BrokerAddress broker,
			String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.mongodb.uri=" + mongoUri,
				"--spring.rabbitmq.host=" + broker.host(), "--spring.rabbitmq.port=" + broker.port(),
				"--spring.rabbitmq.username=" + broker.username(), "--spring.rabbitmq.password=" + broker.password(),
				"--spring.rabbitmq.virtual-host=" + broker.virtualHost(), "--cdc.retry.max-backoff=1s",
				"--twin.api-key=" + API_KEY));
		if (broker.classicQueuesOnly()) {
			args.add("--twin.amqp.quorum-queues=false");
		}
		args.addAll(List.of(extraArgs));
		return new SpringApplicationBuilder(CdcApplication.class).run(args.toArray(String[]::new));
	}

	static String baseUrl(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	/** A client of the service that sends the API key. */
	static RestClient http(ConfigurableApplicationContext context) {
		return RestClient.builder().baseUrl(baseUrl(context)).defaultHeader("X-API-Key", API_KEY).build();
	}

	/** This collection's entry of {@code GET /api/cdc/status}. */
	static JsonNode stream(ConfigurableApplicationContext context, String collection) {
		String body = http(context).get().uri("/api/cdc/status").retrieve().body(String.class);
		for (JsonNode stream : TwinJson.mapper().readTree(body).get("streams")) {
			if (stream.get("collection").asString().equals(collection)) {
				return stream;
			}
		}
		throw new AssertionError("No stream for " + collection + " in " + body);
	}

	/** Waits until the collection's stream is open, so that later writes are seen. */
	static void awaitRunning(ConfigurableApplicationContext context, String collection) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> stream(context, collection).get("state").asString().equals("running"));
	}

}
