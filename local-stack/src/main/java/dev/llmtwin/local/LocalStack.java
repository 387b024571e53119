package dev.llmtwin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.llmtwin.cdc.CdcApplication;
import dev.llmtwin.crawler.CrawlerServiceApplication;
import dev.llmtwin.embedded.EmbeddedAmqpBroker;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.feature.FeatureServiceApplication;
import dev.llmtwin.model.RawCollections;

/**
 * The whole fleet in one JVM on embedded defaults: the MongoDB-wire server, the AMQP
 * broker (unless a RabbitMQ is configured), and the three services, each in its own
 * application context and port.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String apiKey;

	private ConfigurableApplicationContext crawler;

	private ConfigurableApplicationContext cdc;

	private ConfigurableApplicationContext feature;

	private LocalStack(String apiKey) {
		this.apiKey = apiKey;
	}

	public static void main(String[] args) {
		boolean demo = List.of(args).contains("--demo");
		LocalStackSettings settings = LocalStackSettings.fromEnvironment(System.getenv());
		if (demo) {
			// The sample pages are served on loopback, which the crawler refuses unless
			// allowed.
			settings = settings.withProperty(Demo.ALLOWED_HOSTS_PROPERTY, "127.0.0.1");
		}
		LocalStack stack;
		try {
			stack = start(settings);
		}
		catch (RuntimeException ex) {
			log.error("The local stack did not start: {}", ex.getMessage(), ex);
			// The embedded servers' threads would keep the JVM alive after a failed
			// start.
			System.exit(1);
			return;
		}
		if (demo) {
			int status = new Demo(stack).run();
			stack.close();
			System.exit(status);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
	}

	public static LocalStack start(LocalStackSettings settings) {
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		String apiKey = (settings.apiKey() != null) ? settings.apiKey() : storedApiKey(dataDir);
		LocalStack stack = new LocalStack(apiKey);
		try {
			stack.startAll(settings, dataDir);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll(LocalStackSettings settings, Path dataDir) {
		EmbeddedMongoServer mongo = EmbeddedMongoServer.onDisk(dataDir.resolve("mongo"), "127.0.0.1",
				settings.mongoPort());
		this.resources.add(mongo);
		Map<String, Object> shared = new HashMap<>(settings.properties());
		shared.put("spring.mongodb.uri", mongo.uri(RawCollections.DATABASE));
		shared.put("twin.api-key", this.apiKey);
		String broker = configureBroker(settings, dataDir, shared);
		// The feature queue must be bound before CDC publishes, and CDC watching before
		// crawls write.
		this.feature = startService(FeatureServiceApplication.class, shared, settings.featurePort(),
				Map.of("feature.lucene.path", dataDir.resolve("lucene").toString()));
		this.cdc = startService(CdcApplication.class, shared, settings.cdcPort(), Map.of());
		this.crawler = startService(CrawlerServiceApplication.class, shared, settings.crawlerPort(), Map.of());
		log.info("""

				LLM-twin local stack is up
				  MongoDB   embedded mongo-java-server at {} (data in {})
				  AMQP      {}
				  Vectors   Lucene HNSW in {}
				  Services  crawler-service {}  cdc-service {}  feature-service {}
				  API key   in {} (send it as X-API-Key on every /api request)""", mongo.connectionString(),
				dataDir.resolve("mongo"), broker, dataDir.resolve("lucene"), crawlerUrl(), cdcUrl(), featureUrl(),
				(settings.apiKey() != null) ? "the API_KEY environment variable" : dataDir.resolve("api-key"));
	}

	private String configureBroker(LocalStackSettings settings, Path dataDir, Map<String, Object> shared) {
		LocalStackSettings.RabbitMq rabbit = settings.rabbitMq();
		if (rabbit != null) {
			shared.put("spring.rabbitmq.host", rabbit.host());
			shared.put("spring.rabbitmq.port", rabbit.port());
			shared.put("spring.rabbitmq.username", rabbit.username());
			shared.put("spring.rabbitmq.password", rabbit.password());
			shared.put("spring.rabbitmq.virtual-host", rabbit.virtualHost());
			return rabbit.toString();
		}
		EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.onDisk(dataDir, settings.amqpPort());
		this.resources.add(broker);
		shared.put("spring.rabbitmq.host", broker.host());
		shared.put("spring.rabbitmq.port", broker.port());
		shared.put("spring.rabbitmq.username", EmbeddedAmqpBroker.USERNAME);
		shared.put("spring.rabbitmq.password", EmbeddedAmqpBroker.PASSWORD);
		shared.put("twin.amqp.quorum-queues", false);
		return "embedded Qpid Broker-J on " + broker.host() + ":" + broker.port() + " (store in "
				+ dataDir.resolve("amqp") + ")";
	}

	private ConfigurableApplicationContext startService(Class<?> application, Map<String, Object> shared, int port,
			Map<String, Object> own) {
		Map<String, Object> properties = new HashMap<>(shared);
		properties.putAll(own);
		properties.put("server.port", port);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).registerShutdownHook(false)
			// Below the environment and SPRING_APPLICATION_JSON, above each service's own
			// defaults.
			.initializers((ctx) -> ctx.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("localStack", properties)))
			.run();
		this.resources.add(context);
		return context;
	}

	private static String storedApiKey(Path dataDir) {
		Path file = dataDir.resolve("api-key");
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			Files.createDirectories(dataDir);
			byte[] random = new byte[24];
			new SecureRandom().nextBytes(random);
			String key = HexFormat.of().formatHex(random);
			Files.writeString(file, key + System.lineSeparator());
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the generated API key in " + file, ex);
		}
	}

	public URI crawlerUrl() {
		return url(this.crawler);
	}

	public URI cdcUrl() {
		return url(this.cdc);
	}

	public URI featureUrl() {
		return url(this.feature);
	}

	public String apiKey() {
		return this.apiKey;
	}

	private static URI url(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port);
	}

	/** Stops the services first (crawler, CDC, features), then the broker and MongoDB. */
	@Override
	public synchronized void close() {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				log.warn("Stopping {} failed: {}", this.resources.get(i), ex.getMessage());
			}
		}
		this.resources.clear();
	}

}
