package dev.llmtwin.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make run} as a user runs it: the packaged jar in its own JVM (a Boot fat jar
 * loads resources differently from the test classpath), configured by environment
 * variables, crawled and searched over HTTP, then stopped with SIGTERM.
 */
class PackagedStackIT {

	@Test
	void packagedStackCrawlsSearchesAndStops(@TempDir Path dataDir) throws Exception {
		Map<String, Integer> ports = Map.of("CRAWLER_PORT", freePort(), "CDC_PORT", freePort(), "FEATURE_PORT",
				freePort(), "CONSOLE_PORT", freePort(), "EMBEDDED_MONGO_PORT", freePort(), "EMBEDDED_AMQP_PORT",
				freePort());
		Path log = dataDir.resolve("stack.log");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
				"-jar", packagedJar().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("DATA_DIR", dataDir.toString());
		builder.environment().remove("RABBITMQ_HOST");
		builder.environment().remove("API_KEY");
		builder.environment().put("SPRING_APPLICATION_JSON", "{\"" + Demo.ALLOWED_HOSTS_PROPERTY + "\":\"127.0.0.1\"}");
		ports.forEach((name, port) -> builder.environment().put(name, String.valueOf(port)));
		Process stack = builder.start();
		try {
			PipelineScenario.await(() -> read(log), (text) -> text.contains("local stack is up") || !stack.isAlive());
			assertThat(stack.isAlive()).as(read(log)).isTrue();
			for (String service : List.of("CRAWLER_PORT", "CDC_PORT", "FEATURE_PORT", "CONSOLE_PORT")) {
				assertThat(health(ports.get(service))).as(service).isEqualTo("UP");
			}
			String apiKey = Files.readString(dataDir.resolve("api-key")).strip();
			StackClient client = new StackClient(URI.create("http://127.0.0.1:" + ports.get("CRAWLER_PORT")),
					URI.create("http://127.0.0.1:" + ports.get("FEATURE_PORT")), apiKey);
			try (PageServer pages = PipelineScenario.pages()) {
				PipelineScenario.crawlArticleAndSearch(client, pages);
			}
			assertThat(read(log)).doesNotContain(apiKey);
		}
		finally {
			stack.destroy();
			boolean stopped = stack.waitFor(60, TimeUnit.SECONDS);
			if (!stopped) {
				stack.destroyForcibly();
			}
			assertThat(stopped).as("the JVM exits on SIGTERM: " + read(log)).isTrue();
		}
		// The broker goes after the services that use it, so none of them loses its
		// connection while it stops (Qpid's own shutdown hook used to close it first).
		String text = read(log);
		int stopping = text.indexOf("Commencing graceful shutdown");
		assertThat(stopping).as(text).isNotNegative();
		String shutdown = text.substring(stopping);
		String brokerStopped = "Embedded AMQP broker on 127.0.0.1:" + ports.get("EMBEDDED_AMQP_PORT") + " stopped";
		assertThat(shutdown).contains(brokerStopped, "Embedded MongoDB server stopped")
			.doesNotContain("closed by external action", "ShutdownSignalException", "RejectedExecutionException");
		assertThat(shutdown.indexOf(brokerStopped)).isLessThan(shutdown.indexOf("Embedded MongoDB server stopped"));
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("local-stack-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Package local-stack first (mvnw package)"));
		}
	}

	private static String health(int port) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		return TwinJson.mapper().readTree(response.body()).get("status").asString();
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
