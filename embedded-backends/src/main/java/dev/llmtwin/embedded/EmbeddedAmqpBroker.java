package dev.llmtwin.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker in the JVM (Apache Qpid Broker-J) for when no RabbitMQ is
 * configured. On disk its virtual host is a Derby store, so confirmed messages survive a
 * restart; in memory it is for tests. It has classic queues only. Its owner closes it: it
 * does not close itself when the JVM exits.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

	public static final String USERNAME = "guest";

	public static final String PASSWORD = "guest";

	/** The address it listens on. */
	public static final String HOST = "127.0.0.1";

	private final SystemLauncher launcher;

	private final int port;

	private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
		this.launcher = launcher;
		this.port = port;
	}

	/** A broker with an in-memory store on a free loopback port. */
	public static EmbeddedAmqpBroker inMemory() {
		return start("qpid-memory.json", freePort(), Map.of());
	}

	/**
	 * A broker whose messages persist in {@code dataDir/amqp}, on the given port (0: a
	 * free one).
	 */
	public static EmbeddedAmqpBroker onDisk(Path dataDir, int port) {
		Path storeDir = dataDir.resolve("amqp");
		try {
			Files.createDirectories(storeDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the broker's store directory " + storeDir, ex);
		}
		// Derby writes derby.log into the working directory unless told otherwise.
		if (System.getProperty("derby.stream.error.file") == null) {
			System.setProperty("derby.stream.error.file", storeDir.resolve("derby.log").toString());
		}
		return start("qpid-derby.json", (port != 0) ? port : freePort(),
				Map.of("twin.store_path", storeDir.toAbsolutePath().toString()));
	}

	private static EmbeddedAmqpBroker start(String configuration, int port, Map<String, String> extraContext) {
		URL config = Objects.requireNonNull(EmbeddedAmqpBroker.class.getResource(configuration), configuration);
		URL systemProperties = Objects.requireNonNull(EmbeddedAmqpBroker.class.getResource("qpid-system.properties"));
		Map<String, Object> context = new HashMap<>(extraContext);
		context.put("qpid.amqp_port", String.valueOf(port));
		Map<String, Object> attributes = new HashMap<>();
		// Qpid's defaults are classpath: URLs, which fail inside a Boot fat jar: pass
		// real ones.
		attributes.put("type", "Memory");
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toExternalForm());
		attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toExternalForm());
		attributes.put("startupLoggedToSystemOut", false);
		attributes.put("context", context);
		AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
		SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {

			@Override
			public void onContainerResolve(SystemConfig<?> config) {
				system.set(config);
			}

		});
		try {
			launcher.startup(attributes);
		}
		catch (Exception ex) {
			launcher.shutdown();
			throw new IllegalStateException("Cannot start the embedded AMQP broker on port " + port, ex);
		}
		removeQpidShutdownHook(system.get());
		log.info("Embedded AMQP broker (Qpid Broker-J) listening on 127.0.0.1:{} ({})", port,
				extraContext.isEmpty() ? "in memory" : "store in " + extraContext.get("twin.store_path"));
		return new EmbeddedAmqpBroker(launcher, port);
	}

	/**
	 * Qpid closes its broker from a JVM shutdown hook of its own, which runs beside the
	 * owner's: on SIGTERM the broker went while the services' listeners and publishers
	 * still used it, and each logged its lost connection with a stack trace. The owner
	 * closes the broker instead, after the services (the local stack's hook does). Qpid
	 * keeps the hook in a private field and offers no switch; should a later Qpid rename
	 * it, the broker keeps its hook and says so.
	 */
	private static void removeQpidShutdownHook(SystemConfig<?> system) {
		try {
			BrokerImpl broker = BrokerImpl.class.cast(system.getContainer());
			Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
			hook.setAccessible(true);
			Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.warn("The embedded broker keeps Qpid's own shutdown hook, which may close it before the services "
					+ "using it stop: {}", ex.toString());
		}
	}

	/** A port no one listens on now, to start a broker on. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.launcher.shutdown();
		log.info("Embedded AMQP broker on {}:{} stopped", HOST, this.port);
	}

}
