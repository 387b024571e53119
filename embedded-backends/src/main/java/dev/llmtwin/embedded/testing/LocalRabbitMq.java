package dev.llmtwin.embedded.testing;

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
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's RabbitMQ on 127.0.0.1:5672, shared with other runs: each test gets its
 * own virtual host (created through the management API, deleted on close). Without a
 * local RabbitMQ the test is skipped, except under {@code CI=true}, where it fails.
 */
public final class LocalRabbitMq implements AutoCloseable {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 5672;

	public static final String USERNAME = "guest";

	public static final String PASSWORD = "guest";

	private static final URI MANAGEMENT = URI.create("http://127.0.0.1:15672/api/");

	// HTTP/1.1: the management API drops requests with a body that offer an HTTP/2
	// upgrade.
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String virtualHost;

	private LocalRabbitMq(String virtualHost) {
		this.virtualHost = virtualHost;
	}

	/**
	 * A fresh virtual host on the local RabbitMQ, or a skipped test when there is none.
	 */
	public static LocalRabbitMq isolatedVirtualHost() {
		requireRunning();
		LocalRabbitMq rabbit = new LocalRabbitMq("twin-test-" + UUID.randomUUID());
		rabbit.call("PUT", "vhosts/" + rabbit.virtualHost, "{}");
		rabbit.call("PUT", "permissions/" + rabbit.virtualHost + "/" + USERNAME,
				"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
		return rabbit;
	}

	/**
	 * Skips the calling test without a local RabbitMQ, or fails it when {@code CI=true}.
	 */
	public static void requireRunning() {
		boolean running = listening(PORT) && listening(MANAGEMENT.getPort());
		String message = "RabbitMQ with its management plugin must listen on 127.0.0.1:5672 and :15672";
		if (!running && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + " (CI=true, so this test may not skip)");
		}
		Assumptions.assumeTrue(running, message);
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

	/** Messages ready in a queue of this virtual host, from the management API. */
	public String queueJson(String queue) {
		return call("GET", "queues/" + this.virtualHost + "/" + queue, null);
	}

	private String call(String method, String path, String body) {
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
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ management API unreachable", ex);
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
