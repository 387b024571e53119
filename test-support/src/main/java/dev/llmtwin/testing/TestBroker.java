package dev.llmtwin.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;

/**
 * An AMQP broker of a test's own: a virtual host on the machine's RabbitMQ, or, where
 * that is not usable, the embedded broker of {@code make run} (classic queues only), so
 * that AMQP tests run rather than skip. Under {@code CI=true} the machine's RabbitMQ is
 * required. {@code TWIN_TEST_BROKER=rabbitmq|embedded} forces one of the two.
 */
public final class TestBroker implements AutoCloseable {

	static final String CHOICE = "TWIN_TEST_BROKER";

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private final String virtualHost;

	private final boolean embedded;

	private final AutoCloseable owned;

	private TestBroker(String host, int port, String username, String password, String virtualHost, boolean embedded,
			AutoCloseable owned) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
		this.virtualHost = virtualHost;
		this.embedded = embedded;
		this.owned = owned;
	}

	/** A broker for one test (or one test class), empty when it starts. */
	public static TestBroker isolated() {
		Optional<String> unusable = LocalRabbitMq.unusable();
		return switch (choose(System.getenv(CHOICE), unusable, TestRequirements.ci())) {
			case RABBITMQ -> rabbitMq();
			case EMBEDDED -> onEmbeddedBroker();
			case SUBSTITUTE_EMBEDDED -> {
				TestReport.substituted("AMQP tests ran on the embedded broker instead of the machine's RabbitMQ: "
						+ unusable.orElseThrow() + " (start RabbitMQ with its management plugin to run them there)");
				yield onEmbeddedBroker();
			}
		};
	}

	/**
	 * Which broker a test gets.
	 * @param choice {@code TWIN_TEST_BROKER}: rabbitmq, embedded, or unset (either)
	 * @param unusable why the machine's RabbitMQ cannot serve, empty when it can
	 * @param ci whether this runs under {@code CI=true}, which requires RabbitMQ
	 */
	static Choice choose(String choice, Optional<String> unusable, boolean ci) {
		String chosen = (choice != null && !choice.isBlank()) ? choice.strip().toLowerCase(Locale.ROOT) : "auto";
		if (chosen.equals("embedded")) {
			return Choice.EMBEDDED;
		}
		if (!chosen.equals("rabbitmq") && !chosen.equals("auto")) {
			throw new IllegalArgumentException(CHOICE + " must be rabbitmq, embedded or unset, not '" + choice + "'");
		}
		if (unusable.isEmpty()) {
			return Choice.RABBITMQ;
		}
		if (chosen.equals("rabbitmq") || ci) {
			throw new IllegalStateException("The machine's RabbitMQ is required"
					+ (ci ? " under CI=true" : " (" + CHOICE + "=rabbitmq)") + ": " + unusable.get());
		}
		return Choice.SUBSTITUTE_EMBEDDED;
	}

	enum Choice {

		RABBITMQ, EMBEDDED, SUBSTITUTE_EMBEDDED

	}

	private static TestBroker rabbitMq() {
		LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost();
		return new TestBroker(LocalRabbitMq.HOST, LocalRabbitMq.PORT, LocalRabbitMq.USERNAME, LocalRabbitMq.PASSWORD,
				rabbit.virtualHost(), false, rabbit);
	}

	/**
	 * The embedded broker, whatever the machine has: for a test that must also pass on
	 * the broker of {@code make run}.
	 */
	public static TestBroker onEmbeddedBroker() {
		EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.inMemory();
		return new TestBroker(broker.host(), broker.port(), EmbeddedAmqpBroker.USERNAME, EmbeddedAmqpBroker.PASSWORD,
				"/", true, broker);
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	public String virtualHost() {
		return this.virtualHost;
	}

	/** Whether this is the embedded broker, which has classic queues only. */
	public boolean embedded() {
		return this.embedded;
	}

	/** The Spring properties that point a service at this broker. */
	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.rabbitmq.host", this.host);
		properties.put("spring.rabbitmq.port", this.port);
		properties.put("spring.rabbitmq.username", this.username);
		properties.put("spring.rabbitmq.password", this.password);
		properties.put("spring.rabbitmq.virtual-host", this.virtualHost);
		if (this.embedded) {
			properties.put("twin.amqp.quorum-queues", false);
		}
		return properties;
	}

	/** {@link #springProperties()} as command-line arguments. */
	public List<String> springArgs() {
		List<String> args = new ArrayList<>();
		springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		return args;
	}

	/** The given command-line arguments followed by {@link #springArgs()}. */
	public String[] args(String... own) {
		List<String> args = new ArrayList<>(List.of(own));
		args.addAll(springArgs());
		return args.toArray(String[]::new);
	}

	/** A new connection factory on this broker; the caller destroys it. */
	public CachingConnectionFactory connectionFactory() {
		CachingConnectionFactory connections = new CachingConnectionFactory(this.host, this.port);
		connections.setUsername(this.username);
		connections.setPassword(this.password);
		connections.setVirtualHost(this.virtualHost);
		return connections;
	}

	@Override
	public void close() {
		try {
			this.owned.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot release " + this, ex);
		}
	}

	@Override
	public String toString() {
		return (this.embedded ? "embedded broker on " : "RabbitMQ on ") + this.host + ":" + this.port
				+ " (virtual host " + this.virtualHost + ")";
	}

}
