package dev.llmtwin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.local.LocalStack.Service;

/**
 * {@code make chaos}: while documents change in MongoDB and crawls run, each service is
 * killed and restarted in turn, the broker and the MongoDB server are restarted, and the
 * vector store fails for a while. Then it waits for the pipeline to settle and reconciles
 * the raw documents with the cleaned documents and the vector store, and the changes made
 * with the events published. Missing, stale, duplicated and orphaned must all be 0.
 */
public final class ChaosRun {

	private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final LocalStack stack;

	private final StackClient client;

	private final Options options;

	private final VectorStoreOutage outage;

	private final List<String> crawlJobs = new ArrayList<>();

	private ChaosRun(LocalStack stack, VectorStoreOutage outage, Options options) {
		this.stack = stack;
		this.client = new StackClient(stack);
		this.outage = outage;
		this.options = options;
	}

	/**
	 * @param changesPerFault document changes made between two faults
	 * @param outage how long the vector store stays down
	 * @param settleTimeout how long the pipeline may take to catch up afterwards
	 */
	public record Options(int changesPerFault, Duration outage, Duration settleTimeout) {

		public static final Options DEFAULT = new Options(40, Duration.ofSeconds(10), Duration.ofMinutes(5));

	}

	/**
	 * The outcome: changes made and events published (through an audit queue of its own),
	 * and what the reconciliation found.
	 */
	public record Report(List<String> faults, int changesMade, int eventsPublished, long duplicatesDelivered,
			int changesWithoutEvent, int rawDocuments, int missing, int stale, int duplicated, int orphaned,
			boolean settled, Duration took) {

		public boolean faithful() {
			return this.settled && this.changesWithoutEvent == 0 && this.missing == 0 && this.stale == 0
					&& this.duplicated == 0 && this.orphaned == 0;
		}

		/** The one line {@code make chaos} prints. */
		public String line() {
			return String.format(
					"chaos: %d faults, %d changes made, %d events published, %d duplicates delivered, "
							+ "%d changes without an event; vector store against %d raw documents: %d missing, "
							+ "%d stale, %d duplicated, %d orphaned%s (%d s)",
					this.faults.size(), this.changesMade, this.eventsPublished, this.duplicatesDelivered,
					this.changesWithoutEvent, this.rawDocuments, this.missing, this.stale, this.duplicated,
					this.orphaned, this.settled ? "" : "; did NOT settle", this.took.toSeconds());
		}

	}

	static int main(List<String> args) {
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory("twin-chaos-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()))
			.withProperty(Demo.ALLOWED_HOSTS_PROPERTY, "127.0.0.1");
		Report report = run(settings, Options.DEFAULT);
		System.out.println(report.line());
		System.out.println("Faults: " + String.join(", ", report.faults()) + "; data kept in " + dataDir);
		return report.faithful() ? 0 : 1;
	}

	/** Starts a fleet on the settings, runs the faults against it, and stops it. */
	public static Report run(LocalStackSettings settings, Options options) {
		VectorStoreOutage outage = new VectorStoreOutage();
		long started = System.nanoTime();
		try (LocalStack stack = LocalStack.start(settings,
				(context) -> context.getBeanFactory().addBeanPostProcessor(outage));
				PageServer pages = new PageServer("demo")) {
			return new ChaosRun(stack, outage, options).run(pages, started);
		}
	}

	private Report run(PageServer pages, long started) {
		List<String> faults = new ArrayList<>();
		try (AuditQueue audit = new AuditQueue(this.stack.broker());
				ChangeWorkload workload = new ChangeWorkload(this.stack.mongoUri(), Duration.ofMillis(50))) {
			for (Service service : List.of(Service.FEATURE, Service.CDC, Service.CRAWLER)) {
				fault(workload, pages, faults, "restart " + service.name().toLowerCase(),
						() -> this.stack.restart(service));
			}
			fault(workload, pages, faults, "restart the broker (every connection cut)", this::restartBroker);
			fault(workload, pages, faults, "restart MongoDB", this.stack::restartMongo);
			fault(workload, pages, faults, "vector store down for " + this.options.outage().toSeconds() + " s",
					this::storeOutage);
			waitForChanges(workload, workload.changes() + this.options.changesPerFault());
			workload.close();
			return reconcile(workload, audit, faults, started);
		}
	}

	private void fault(ChangeWorkload workload, PageServer pages, List<String> faults, String name, Runnable inject) {
		crawl(pages);
		waitForChanges(workload, workload.changes() + this.options.changesPerFault());
		log.info("Chaos: {} ({} changes made so far)", name, workload.changes());
		inject.run();
		faults.add(name);
	}

	private void restartBroker() {
		if (!this.stack.restartBroker()) {
			log.warn("Chaos: the fleet runs on an external RabbitMQ, which it does not restart");
		}
	}

	private void storeOutage() {
		this.outage.begin();
		try {
			Thread.sleep(this.options.outage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.outage.end();
		}
	}

	/** A crawl of the sample pages, retried while the crawler restarts. */
	private void crawl(PageServer pages) {
		List<String> links = List.of(pages.url("change-data-capture.html"), pages.url("polite-crawling.html"),
				pages.url("token-chunking.html"));
		this.crawlJobs.add(retried(() -> this.client.crawl(links, "Chaos Crawl"), Duration.ofSeconds(60)));
	}

	private void waitForChanges(ChangeWorkload workload, int changes) {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (workload.changes() < changes && System.nanoTime() < deadline) {
			sleep(POLL);
		}
	}

	/**
	 * Waits until every crawl has ended, the audit queue has been quiet for a few seconds
	 * and the reconciliation finds nothing, or the settle timeout passes.
	 */
	private Report reconcile(ChangeWorkload workload, AuditQueue audit, List<String> faults, long started) {
		long deadline = System.nanoTime() + this.options.settleTimeout().toNanos();
		JsonNode reconciliation;
		boolean settled;
		do {
			sleep(POLL);
			reconciliation = retried(() -> this.client.stats().get("reconciliation"), Duration.ofSeconds(30));
			settled = crawlsEnded() && audit.quietFor().compareTo(Duration.ofSeconds(3)) > 0
					&& withoutEvent(workload, audit) == 0 && problems(reconciliation) == 0;
		}
		while (!settled && System.nanoTime() < deadline);
		return new Report(List.copyOf(faults), workload.changes(), audit.events(), audit.duplicates(),
				withoutEvent(workload, audit), reconciliation.get("rawDocuments").asInt(),
				reconciliation.get("missingCount").asInt(), reconciliation.get("staleCount").asInt(),
				reconciliation.get("duplicatedCount").asInt(), reconciliation.get("orphanedCount").asInt(), settled,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private boolean crawlsEnded() {
		return this.crawlJobs.stream()
			.allMatch((id) -> retried(() -> this.client.job(id), Duration.ofSeconds(30)).get("status")
				.asString()
				.matches("done|failed|cancelled"));
	}

	/**
	 * Changes of documents for which fewer distinct events came than changes were made.
	 */
	private static int withoutEvent(ChangeWorkload workload, AuditQueue audit) {
		return workload.changesPerDocument()
			.entrySet()
			.stream()
			.mapToInt((entry) -> Math.max(0, entry.getValue() - audit.eventsOf(entry.getKey())))
			.sum();
	}

	private static int problems(JsonNode reconciliation) {
		return reconciliation.get("missingCount").asInt() + reconciliation.get("staleCount").asInt()
				+ reconciliation.get("duplicatedCount").asInt() + reconciliation.get("orphanedCount").asInt();
	}

	private static <T> T retried(Supplier<T> call, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				sleep(POLL);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
