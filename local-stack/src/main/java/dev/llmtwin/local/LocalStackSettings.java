package dev.llmtwin.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the local stack runs: where the embedded stores keep their data, which real servers
 * to use instead of them, and the ports. {@link #fromEnvironment} reads the environment
 * variables the README lists.
 *
 * @param dataDir directory of the embedded stores (MongoDB, broker, Lucene, API key)
 * @param rabbitMq an external RabbitMQ to use instead of the embedded broker, or null
 * @param mongoUri a real MongoDB (a replica set, for change streams) to use instead of
 * the embedded server, or null
 * @param qdrant a Qdrant server to use instead of the embedded Lucene store, or null
 * @param mongoPort port of the embedded MongoDB-wire server (0: any free port)
 * @param amqpPort port of the embedded AMQP broker, away from RabbitMQ's 5672
 * @param crawlerPort HTTP port of crawler-service (0: any free port)
 * @param cdcPort HTTP port of cdc-service
 * @param featurePort HTTP port of feature-service
 * @param consolePort HTTP port of the operator console
 * @param apiKey the API key of every {@code /api} request, or null to generate and keep
 * one
 * @param properties extra Spring properties for all three services
 */
public record LocalStackSettings(Path dataDir, RabbitMq rabbitMq, String mongoUri, Qdrant qdrant, int mongoPort,
		int amqpPort, int crawlerPort, int cdcPort, int featurePort, int consolePort, String apiKey,
		Map<String, String> properties) {

	public static LocalStackSettings fromEnvironment(Map<String, String> env) {
		RabbitMq rabbit = null;
		if (present(env.get("RABBITMQ_HOST"))) {
			rabbit = new RabbitMq(env.get("RABBITMQ_HOST"), Integer.parseInt(env.getOrDefault("RABBITMQ_PORT", "5672")),
					env.getOrDefault("RABBITMQ_USERNAME", "guest"), env.getOrDefault("RABBITMQ_PASSWORD", "guest"),
					env.getOrDefault("RABBITMQ_VHOST", "/"));
		}
		Qdrant qdrant = null;
		if (present(env.get("QDRANT_HOST"))) {
			qdrant = new Qdrant(env.get("QDRANT_HOST").strip(), port(env, "QDRANT_PORT", 6334),
					present(env.get("QDRANT_API_KEY")) ? env.get("QDRANT_API_KEY").strip() : null,
					Boolean.parseBoolean(env.getOrDefault("QDRANT_TLS", "false").strip()));
		}
		return new LocalStackSettings(Path.of(env.getOrDefault("DATA_DIR", "./.data")), rabbit,
				present(env.get("MONGODB_URI")) ? env.get("MONGODB_URI").strip() : null, qdrant,
				port(env, "EMBEDDED_MONGO_PORT", 27027), port(env, "EMBEDDED_AMQP_PORT", 5682),
				port(env, "CRAWLER_PORT", 8081), port(env, "CDC_PORT", 8082), port(env, "FEATURE_PORT", 8083),
				port(env, "CONSOLE_PORT", 8084), present(env.get("API_KEY")) ? env.get("API_KEY") : null, Map.of());
	}

	private static int port(Map<String, String> env, String name, int defaultPort) {
		String value = env.get(name);
		return present(value) ? Integer.parseInt(value.strip()) : defaultPort;
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/** These settings plus one more Spring property for all three services. */
	public LocalStackSettings withProperty(String name, String value) {
		Map<String, String> more = new java.util.HashMap<>(this.properties);
		more.put(name, value);
		return new LocalStackSettings(this.dataDir, this.rabbitMq, this.mongoUri, this.qdrant, this.mongoPort,
				this.amqpPort, this.crawlerPort, this.cdcPort, this.featurePort, this.consolePort, this.apiKey,
				Map.copyOf(more));
	}

	public LocalStackSettings withRabbitMq(RabbitMq rabbit) {
		return new LocalStackSettings(this.dataDir, rabbit, this.mongoUri, this.qdrant, this.mongoPort, this.amqpPort,
				this.crawlerPort, this.cdcPort, this.featurePort, this.consolePort, this.apiKey, this.properties);
	}

	public LocalStackSettings withMongoUri(String uri) {
		return new LocalStackSettings(this.dataDir, this.rabbitMq, uri, this.qdrant, this.mongoPort, this.amqpPort,
				this.crawlerPort, this.cdcPort, this.featurePort, this.consolePort, this.apiKey, this.properties);
	}

	public LocalStackSettings withQdrant(Qdrant server) {
		return new LocalStackSettings(this.dataDir, this.rabbitMq, this.mongoUri, server, this.mongoPort, this.amqpPort,
				this.crawlerPort, this.cdcPort, this.featurePort, this.consolePort, this.apiKey, this.properties);
	}

	/** A Qdrant server, reached over gRPC. */
	public record Qdrant(String host, int port, String apiKey, boolean useTls) {

		@Override
		public String toString() {
			return "Qdrant at " + this.host + ":" + this.port + (this.useTls ? " over TLS" : "");
		}

	}

	/** An external RabbitMQ (production's broker, or the machine's one in tests). */
	public record RabbitMq(String host, int port, String username, String password, String virtualHost) {

		@Override
		public String toString() {
			return "RabbitMQ at " + this.host + ":" + this.port + " (virtual host " + this.virtualHost + ")";
		}

	}

}
