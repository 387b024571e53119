package dev.llmtwin.bench.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import dev.llmtwin.bench.MakeRunFlags;
import dev.llmtwin.bench.ResidentMemory;
import dev.llmtwin.local.StackClient;
import dev.llmtwin.model.TwinJson;

/**
 * {@code make run}'s fleet as a process of its own: the local-stack jar with the JVM
 * flags of {@code make run}, on free loopback ports and a fresh data directory, driven
 * over HTTP like a user drives it. Its memory is read from {@code /proc}.
 */
final class FleetProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final Path dataDir;

	private final StackClient client;

	private final URI crawler;

	private final URI cdc;

	private final URI feature;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private FleetProcess(Process process, Path dataDir, String apiKey, int crawlerPort, int cdcPort, int featurePort) {
		this.process = process;
		this.dataDir = dataDir;
		this.crawler = URI.create("http://127.0.0.1:" + crawlerPort);
		this.cdc = URI.create("http://127.0.0.1:" + cdcPort);
		this.feature = URI.create("http://127.0.0.1:" + featurePort);
		this.client = new StackClient(this.crawler, this.feature, apiKey);
	}

	/**
	 * Starts the fleet with these Spring properties for all three services and waits
	 * until every service is ready; its output goes to {@code log}.
	 */
	static FleetProcess start(Map<String, String> properties, Path log) throws Exception {
		Path dataDir = Files.createTempDirectory("bench-fleet");
		String apiKey = UUID.randomUUID().toString();
		int[] ports = freePorts(6);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(MakeRunFlags.jvmFlags());
		command.addAll(List.of("-jar", jar().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("DATA_DIR", dataDir.toString());
		env.put("API_KEY", apiKey);
		env.put("CRAWLER_PORT", String.valueOf(ports[0]));
		env.put("CDC_PORT", String.valueOf(ports[1]));
		env.put("FEATURE_PORT", String.valueOf(ports[2]));
		env.put("EMBEDDED_MONGO_PORT", String.valueOf(ports[3]));
		env.put("EMBEDDED_AMQP_PORT", String.valueOf(ports[4]));
		env.put("CONSOLE_PORT", String.valueOf(ports[5]));
		env.remove("RABBITMQ_HOST");
		env.put("SPRING_APPLICATION_JSON", TwinJson.mapper().writeValueAsString(properties));
		FleetProcess fleet = new FleetProcess(builder.start(), dataDir, apiKey, ports[0], ports[1], ports[2]);
		try {
			fleet.awaitReady();
			return fleet;
		}
		catch (Exception ex) {
			fleet.close();
			throw ex;
		}
	}

	/** The local-stack jar that {@code make bench} builds first. */
	private static Path jar() throws IOException {
		String given = System.getProperty("bench.fleet.jar");
		if (given != null) {
			return Path.of(given);
		}
		try (Stream<Path> files = Files.list(Path.of("local-stack/target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("local-stack-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No local-stack/target/local-stack-*-exec.jar: run make bench from the project root"));
		}
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		for (URI service : List.of(this.crawler, this.cdc, this.feature)) {
			while (status(service.resolve("/actuator/health/readiness")) != 200) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"The fleet exited with " + this.process.exitValue() + " while starting; see its log");
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The fleet was not ready within " + START_TIMEOUT);
				}
				Thread.sleep(200);
			}
		}
	}

	/** The fleet's REST API, with its key. */
	StackClient client() {
		return this.client;
	}

	JsonNode cdcStatus() {
		return this.client.get(this.cdc.resolve("/api/cdc/status"));
	}

	/**
	 * A Micrometer gauge of the fleet's JVM, read from the feature service, e.g.
	 * {@code jvm.memory.max?tag=area:heap}.
	 */
	double metric(String nameAndTags) {
		return measurement(this.feature, nameAndTags, "VALUE");
	}

	/**
	 * The seconds a Micrometer timer of the crawler has recorded so far, summed over its
	 * tags, e.g. {@code crawler.page.fetch}; it must have recorded once.
	 */
	double crawlerTimerSeconds(String nameAndTags) {
		return measurement(this.crawler, nameAndTags, "TOTAL_TIME");
	}

	/**
	 * The same of a timer of the feature service, e.g.
	 * {@code feature.stage?tag=stage:embed}.
	 */
	double featureTimerSeconds(String nameAndTags) {
		return measurement(this.feature, nameAndTags, "TOTAL_TIME");
	}

	/** One statistic of a meter, as a service's {@code /actuator/metrics} reports it. */
	private double measurement(URI service, String nameAndTags, String statistic) {
		for (JsonNode measurement : this.client.get(service.resolve("/actuator/metrics/" + nameAndTags))
			.get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException(nameAndTags + " reports no " + statistic);
	}

	/** The resident set now, in MiB. */
	long rssMiB() throws IOException {
		return ResidentMemory.currentMiB(this.process.pid());
	}

	/** The highest resident set since the fleet started, in MiB. */
	long peakRssMiB() throws IOException {
		return ResidentMemory.peakMiB(this.process.pid());
	}

	private int status(URI uri) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	/** Stops the fleet and deletes its data. */
	@Override
	public void close() throws IOException, InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		FileSystemUtils.deleteRecursively(this.dataDir);
	}

	/**
	 * Settings every fleet benchmark passes: pages on loopback, fetched without a rate
	 * limit.
	 */
	static Map<String, String> loopbackSite() {
		Map<String, String> properties = new HashMap<>();
		properties.put("crawler.fetch.allowed-hosts", "127.0.0.1");
		properties.put("crawler.fetch.host-requests-per-second", "1000");
		return properties;
	}

	/**
	 * The settings for crawling {@link NotesSite}: its pages share one template, so the
	 * feature service would link them as near-copies of one work and embed only the
	 * first.
	 */
	static Map<String, String> notesSite() {
		Map<String, String> properties = loopbackSite();
		properties.put("feature.duplicates.enabled", "false");
		return properties;
	}

}
