package dev.llmtwin.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The machine's RabbitMQ on 127.0.0.1:5672, shared with other runs: each user gets its
 * own virtual host (created through the management API, deleted on close).
 */
public final class LocalRabbitMq implements AutoCloseable {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 5672;

	public static final String USERNAME = "guest";

	public static final String PASSWORD = "guest";

	private static final URI MANAGEMENT = URI.create("http://127.0.0.1:15672/api/");

	// HTTP/1.1: the management API drops requests with a body that offer an HTTP/2
	// upgrade.
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String virtualHost;

	private LocalRabbitMq(String virtualHost) {
		this.virtualHost = virtualHost;
	}

	/**
	 * Why the machine's RabbitMQ cannot serve a test, or empty when it can: AMQP on 5672
	 * and the management API (for the virtual hosts) answering the guest user.
	 */
	public static Optional<String> unusable() {
		if (!listening(PORT)) {
			return Optional.of("nothing listens on " + HOST + ":" + PORT);
		}
		try {
			call("GET", "overview", null);
			return Optional.empty();
		}
		catch (IllegalStateException ex) {
			return Optional.of("RabbitMQ listens on " + HOST + ":" + PORT
					+ " but its management API (needed for a virtual host per test) does not answer: "
					+ ex.getMessage());
		}
	}

	/** A fresh virtual host on the local RabbitMQ; fails when it is not usable. */
	public static LocalRabbitMq isolatedVirtualHost() {
		LocalRabbitMq rabbit = new LocalRabbitMq("twin-test-" + UUID.randomUUID());
		call("PUT", "vhosts/" + rabbit.virtualHost, "{}");
		call("PUT", "permissions/" + rabbit.virtualHost + "/" + USERNAME,
				"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
		return rabbit;
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public String virtualHost() {
		return this.virtualHost;
	}

	private static String call(String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(MANAGEMENT.resolve(path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ management API unreachable (" + ex + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		call("DELETE", "vhosts/" + this.virtualHost, null);
	}

}
