package dev.llmtwin.support.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with one read and one write endpoint under {@code /api}, started on a free
 * loopback port with the shared auto-configuration, and a client for it.
 */
public final class SecuredProbeApp implements AutoCloseable {

	private static final List<String> NO_BACKENDS = List.of(
			"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
			"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ConfigurableApplicationContext context;

	private SecuredProbeApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecuredProbeApp start(String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.autoconfigure.exclude=" + String.join(",", NO_BACKENDS)));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new SecuredProbeApp(
				new SpringApplicationBuilder(ProbeConfiguration.class).web(WebApplicationType.SERVLET)
					.run(args.toArray(String[]::new)));
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	HttpResponse<String> post(String path, String... headers) {
		return send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI
			.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path));
		return (headers.length > 0) ? request.headers(headers) : request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ProbeController.class)
	static class ProbeConfiguration {

	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/things")
		String list() {
			return "[\"thing\"]";
		}

		@PostMapping("/api/things")
		String create() {
			return "created";
		}

		@PostMapping("/api/echo")
		String echo(@RequestBody String body) {
			return body;
		}

	}

}
