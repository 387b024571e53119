package dev.llmtwin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.llmtwin.cdc.CdcApplication;
import dev.llmtwin.console.ConsoleApplication;
import dev.llmtwin.crawler.CrawlerServiceApplication;
import dev.llmtwin.embedded.EmbeddedAmqpBroker;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.feature.FeatureServiceApplication;
import dev.llmtwin.model.RawCollections;

/**
 * The whole fleet in one JVM on embedded defaults: the MongoDB-wire server, the AMQP
 * broker (unless a RabbitMQ is configured), the three services and the operator console,
 * each in its own application context and port. Each part can be restarted on its port
 * and data, as {@code make chaos} does.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	/** The services of the fleet, in the order they start. */
	public enum Service {

		FEATURE(FeatureServiceApplication.class), CDC(CdcApplication.class), CRAWLER(CrawlerServiceApplication.class),
		CONSOLE(ConsoleApplication.class);

		private final Class<?> application;

		Service(Class<?> application) {
			this.application = application;
		}

	}

	private final String apiKey;

	private final Path dataDir;

	private final Map<String, Object> shared = new HashMap<>();

	private final Map<Service, Map<String, Object>> own = new EnumMap<>(Service.class);

	private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

	private final Map<Service, ConfigurableApplicationContext> running = new EnumMap<>(Service.class);

	private final Consumer<ConfigurableApplicationContext> customizer;

	private EmbeddedMongoServer mongo;

	private EmbeddedAmqpBroker broker;

	/** The embedded broker while it starts, beside the first service. */
	private CompletableFuture<EmbeddedAmqpBroker> brokerStarting;

	private LocalStack(String apiKey, Path dataDir, Consumer<ConfigurableApplicationContext> customizer) {
		this.apiKey = apiKey;
		this.dataDir = dataDir;
		this.customizer = customizer;
	}

	public static void main(String[] args) {
		List<String> arguments = List.of(args);
		if (arguments.contains("--chaos")) {
			System.exit(ChaosRun.main(arguments));
			return;
		}
		boolean demo = arguments.contains("--demo");
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
		return start(settings, (context) -> {
		});
	}

	/**
	 * Starts the fleet.
	 * @param settings ports, data directory, broker and extra properties
	 * @param customizer applied to each service's context before it refreshes (each
	 * restart too)
	 * @return the running fleet
	 */
	public static LocalStack start(LocalStackSettings settings, Consumer<ConfigurableApplicationContext> customizer) {
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		String apiKey = (settings.apiKey() != null) ? settings.apiKey() : storedApiKey(dataDir);
		LocalStack stack = new LocalStack(apiKey, dataDir, customizer);
		try {
			stack.startAll(settings);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll(LocalStackSettings settings) {
		this.shared.putAll(settings.properties());
		String broker = configureBroker(settings);
		String mongo = configureMongo(settings);
		this.shared.put("twin.api-key", this.apiKey);
		String vectors = configureVectorStore(settings);
		this.ports.put(Service.FEATURE, settings.featurePort());
		this.ports.put(Service.CDC, settings.cdcPort());
		this.ports.put(Service.CRAWLER, settings.crawlerPort());
		this.ports.put(Service.CONSOLE, settings.consolePort());
		// The feature queue must be bound before CDC publishes, and CDC watching before
		// crawls write; the console, last, learns the ports the services took.
		for (Service service : Service.values()) {
			if (service == Service.CONSOLE) {
				this.own.put(Service.CONSOLE, Map.of("console.crawler-url", crawlerUrl().toString(), "console.cdc-url",
						cdcUrl().toString(), "console.feature-url", featureUrl().toString()));
			}
			startService(service);
		}
		if (this.brokerStarting != null) {
			this.broker = this.brokerStarting.join();
			this.brokerStarting = null;
		}
		log.info("""

				LLM-twin local stack is up
				  MongoDB   {}
				  AMQP      {}
				  Vectors   {}
				  Services  crawler-service {}  cdc-service {}  feature-service {}
				  Console   {} (sign in with the API key)
				  API key   in {} (send it as X-API-Key on every /api request)""", mongo, broker, vectors, crawlerUrl(),
				cdcUrl(), featureUrl(), consoleUrl(),
				(settings.apiKey() != null) ? "the API_KEY environment variable" : this.dataDir.resolve("api-key"));
	}

	private Path mongoDir() {
		return this.dataDir.resolve("mongo");
	}

	private String configureMongo(LocalStackSettings settings) {
		if (settings.mongoUri() != null) {
			this.shared.put("spring.mongodb.uri", settings.mongoUri());
			return "the server of MONGODB_URI (" + redacted(settings.mongoUri()) + ")";
		}
		this.mongo = EmbeddedMongoServer.onDisk(mongoDir(), "127.0.0.1", settings.mongoPort());
		this.shared.put("spring.mongodb.uri", this.mongo.uri(RawCollections.DATABASE));
		return "embedded mongo-java-server at " + this.mongo.connectionString() + " (data in " + mongoDir() + ")";
	}

	/** The connection string without its password, for the start-up banner. */
	static String redacted(String uri) {
		return uri.replaceFirst("(://[^:/@]*:)[^/]*@", "$1****@");
	}

	private String configureVectorStore(LocalStackSettings settings) {
		LocalStackSettings.Qdrant qdrant = settings.qdrant();
		if (qdrant == null) {
			this.own.put(Service.FEATURE, Map.of("feature.lucene.path", this.dataDir.resolve("lucene").toString()));
			return "Lucene HNSW in " + this.dataDir.resolve("lucene");
		}
		Map<String, Object> feature = new HashMap<>(Map.of("feature.vector-store", "qdrant", "feature.qdrant.host",
				qdrant.host(), "feature.qdrant.port", qdrant.port(), "feature.qdrant.use-tls", qdrant.useTls()));
		if (qdrant.apiKey() != null) {
			feature.put("feature.qdrant.api-key", qdrant.apiKey());
		}
		this.own.put(Service.FEATURE, feature);
		return qdrant.toString();
	}

	private String configureBroker(LocalStackSettings settings) {
		LocalStackSettings.RabbitMq rabbit = settings.rabbitMq();
		if (rabbit != null) {
			putBroker(rabbit);
			return rabbit.toString();
		}
		int port = (settings.amqpPort() != 0) ? settings.amqpPort() : EmbeddedAmqpBroker.freePort();
		// The broker takes seconds to start, the feature service longer to create its
		// beans (the model above all): the two start side by side, and the service's
		// consumers wait for the broker (BrokerStarted).
		this.brokerStarting = CompletableFuture.supplyAsync(() -> EmbeddedAmqpBroker.onDisk(this.dataDir, port),
				(start) -> Thread.ofPlatform().name("embedded-broker-start").start(start));
		putBroker(new LocalStackSettings.RabbitMq(EmbeddedAmqpBroker.HOST, port, EmbeddedAmqpBroker.USERNAME,
				EmbeddedAmqpBroker.PASSWORD, "/"));
		this.shared.put("twin.amqp.quorum-queues", false);
		return "embedded Qpid Broker-J on " + EmbeddedAmqpBroker.HOST + ":" + port + " (store in "
				+ this.dataDir.resolve("amqp") + ")";
	}

	private void putBroker(LocalStackSettings.RabbitMq rabbit) {
		this.shared.put("spring.rabbitmq.host", rabbit.host());
		this.shared.put("spring.rabbitmq.port", rabbit.port());
		this.shared.put("spring.rabbitmq.username", rabbit.username());
		this.shared.put("spring.rabbitmq.password", rabbit.password());
		this.shared.put("spring.rabbitmq.virtual-host", rabbit.virtualHost());
	}

	private void startService(Service service) {
		Map<String, Object> properties = new HashMap<>(this.shared);
		properties.putAll(this.own.getOrDefault(service, Map.of()));
		properties.put("server.port", this.ports.get(service));
		ApplicationContextInitializer<ConfigurableApplicationContext> initializer = (context) -> {
			// Below the command line and the environment, above each service's own
			// properties file.
			context.getEnvironment()
				.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new MapPropertySource("localStack", properties));
			if (this.brokerStarting != null) {
				context.getBeanFactory()
					.registerSingleton(BrokerStarted.class.getName(), new BrokerStarted(this.brokerStarting));
			}
			this.customizer.accept(context);
		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(service.application)
			.registerShutdownHook(false)
			// The services share one logging system: a name in the pattern would be the
			// last one to start, on every line. The thread names say the service.
			.properties("logging.include-application-name=false")
			.initializers(initializer)
			.run();
		this.running.put(service, context);
		// A restart comes back on the same port, as a redeployed service would.
		this.ports.put(service, ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/** Stops the service and starts it again on its port. */
	public synchronized void restart(Service service) {
		stopService(service);
		startService(service);
	}

	/**
	 * Stops the service (as a crash would, its work unfinished) until it is restarted.
	 */
	public synchronized void stopService(Service service) {
		ConfigurableApplicationContext context = this.running.remove(service);
		if (context != null) {
			context.close();
		}
	}

	/** Starts a stopped service on its port. */
	public synchronized void startStopped(Service service) {
		if (!this.running.containsKey(service)) {
			startService(service);
		}
	}

	/** Restarts the embedded MongoDB server on its port and data. */
	public synchronized void restartMongo() {
		if (this.mongo == null) {
			throw new IllegalStateException("MongoDB is a server of MONGODB_URI, which the stack does not manage");
		}
		this.mongo.close();
		this.mongo = EmbeddedMongoServer.onDisk(mongoDir(), "127.0.0.1", this.mongo.port());
	}

	/**
	 * Restarts the embedded broker on its port and store: every service loses its broker
	 * connections until it is back.
	 * @return false when the stack runs on an external RabbitMQ, which it does not manage
	 */
	public synchronized boolean restartBroker() {
		if (this.broker == null) {
			return false;
		}
		int port = this.broker.port();
		this.broker.close();
		this.broker = EmbeddedAmqpBroker.onDisk(this.dataDir, port);
		return true;
	}

	/** The broker the services use. */
	public LocalStackSettings.RabbitMq broker() {
		return new LocalStackSettings.RabbitMq(String.valueOf(this.shared.get("spring.rabbitmq.host")),
				Integer.parseInt(String.valueOf(this.shared.get("spring.rabbitmq.port"))),
				String.valueOf(this.shared.get("spring.rabbitmq.username")),
				String.valueOf(this.shared.get("spring.rabbitmq.password")),
				String.valueOf(this.shared.get("spring.rabbitmq.virtual-host")));
	}

	/** The raw documents' database. */
	public String mongoUri() {
		return String.valueOf(this.shared.get("spring.mongodb.uri"));
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
		return url(Service.CRAWLER);
	}

	public URI cdcUrl() {
		return url(Service.CDC);
	}

	public URI featureUrl() {
		return url(Service.FEATURE);
	}

	public URI consoleUrl() {
		return url(Service.CONSOLE);
	}

	public String apiKey() {
		return this.apiKey;
	}

	private URI url(Service service) {
		return URI.create("http://127.0.0.1:" + this.ports.get(service));
	}

	/**
	 * Stops the console and the services first (crawler, CDC, features), then the broker
	 * and MongoDB.
	 */
	@Override
	public synchronized void close() {
		List<Service> services = List.of(Service.CONSOLE, Service.CRAWLER, Service.CDC, Service.FEATURE);
		services.forEach((service) -> closeQuietly(service.name(), () -> stopService(service)));
		if (this.brokerStarting != null) {
			// A start that failed while the broker was starting: it is stopped once up.
			closeQuietly("the embedded broker", () -> this.broker = this.brokerStarting.join());
			this.brokerStarting = null;
		}
		if (this.broker != null) {
			closeQuietly("the embedded broker", this.broker::close);
			this.broker = null;
		}
		if (this.mongo != null) {
			closeQuietly("the embedded MongoDB server", this.mongo::close);
			this.mongo = null;
		}
	}

	private static void closeQuietly(String what, Runnable stop) {
		try {
			stop.run();
		}
		catch (RuntimeException ex) {
			log.warn("Stopping {} failed: {}", what, ex.getMessage());
		}
	}

}
