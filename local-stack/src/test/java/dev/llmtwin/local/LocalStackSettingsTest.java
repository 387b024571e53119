package dev.llmtwin.local;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackSettingsTest {

	@Test
	void defaultsUseEmbeddedBackendsAwayFromRabbitMqPort() {
		LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of());

		assertThat(settings.dataDir()).isEqualTo(Path.of("./.data"));
		assertThat(settings.rabbitMq()).isNull();
		assertThat(settings.amqpPort()).isNotEqualTo(5672);
		assertThat(settings.apiKey()).isNull();
		assertThat(new int[] { settings.crawlerPort(), settings.cdcPort(), settings.featurePort() })
			.containsExactly(8081, 8082, 8083);
	}

	@Test
	void rabbitMqHostSwitchesToExternalBroker() {
		LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of("RABBITMQ_HOST", "127.0.0.1",
				"RABBITMQ_VHOST", "twin", "DATA_DIR", "/tmp/x", "API_KEY", "k", "FEATURE_PORT", "9093"));

		assertThat(settings.rabbitMq())
			.isEqualTo(new LocalStackSettings.RabbitMq("127.0.0.1", 5672, "guest", "guest", "twin"));
		assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
		assertThat(settings.apiKey()).isEqualTo("k");
		assertThat(settings.featurePort()).isEqualTo(9093);
	}

	@Test
	void mongoDbUriAndQdrantHostSwitchToRealServers() {
		LocalStackSettings settings = LocalStackSettings
			.fromEnvironment(Map.of("MONGODB_URI", " mongodb://db:27017/twin?replicaSet=rs0 ", "QDRANT_HOST", "vectors",
					"QDRANT_API_KEY", "qk", "QDRANT_TLS", "true"));

		assertThat(settings.mongoUri()).isEqualTo("mongodb://db:27017/twin?replicaSet=rs0");
		assertThat(settings.qdrant()).isEqualTo(new LocalStackSettings.Qdrant("vectors", 6334, "qk", true));
		assertThat(settings.qdrant()).asString().doesNotContain("qk");
		assertThat(LocalStackSettings.fromEnvironment(Map.of("MONGODB_URI", " ", "QDRANT_HOST", "")))
			.satisfies((embedded) -> {
				assertThat(embedded.mongoUri()).isNull();
				assertThat(embedded.qdrant()).isNull();
			});
	}

	@Test
	void rabbitMqDescriptionHasNoPassword() {
		assertThat(new LocalStackSettings.RabbitMq("h", 1, "user", "secret", "/")).asString().doesNotContain("secret");
	}

}
