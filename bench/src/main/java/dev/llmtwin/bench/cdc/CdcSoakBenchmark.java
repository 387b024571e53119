package dev.llmtwin.bench.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.bson.Document;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.bench.MongoServerProcess;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;
import dev.llmtwin.testing.LocalRabbitMq;

import static dev.llmtwin.bench.Figures.percentile;
import static dev.llmtwin.bench.Figures.round;

/**
 * A long run of the embedded default: inserts, updates and deletes at a steady rate
 * through the embedded server (in a process of its own) and cdc-service, with the oplog
 * trimmed as it goes, each change checked off when it reaches a consumer of the queue.
 * Whether the lag, the oplog and the server's memory stay where they started is what it
 * shows: the last tenth's p99 lag against the first's. Named alone ({@code make bench
 * ARGS=cdc-soak}) it runs a million changes (or {@code -Dbench.cdc-soak.changes}); in the
 * whole {@code make bench} a shorter run.
 */
public class CdcSoakBenchmark implements Benchmark {

	static final int FULL = 1_000_000;

	static final int SHORT = 150_000;

	/** Changes per second, well below the live ceiling (about 5,000/s here). */
	private static final int RATE = 2_500;

	/**
	 * Changes before the measured ones: the JIT compiles the hot paths for tens of
	 * seconds after the start, which is not what a soak measures.
	 */
	private static final int WARM_UP = 30_000;

	/**
	 * The warm-up's rate: compiling takes calls, not time, so it goes twice as fast, and
	 * the changes after it start once all of it has arrived.
	 */
	private static final int WARM_UP_RATE = 2 * RATE;

	/**
	 * Changes at the measured rate between the warm-up and the measured ones, not
	 * measured either: the server's heap takes about 40 s from its start to settle (its
	 * young collections paused it for 60–230 ms until then, 25–35 ms after), and with 6 s
	 * of this the first tenth of a short soak still caught that in two runs of ten (p99
	 * 230 and 237 ms against 16–24 in the tenths after).
	 */
	private static final int SETTLE = 15 * RATE;

	private static final int UNMEASURED = WARM_UP + SETTLE;

	/**
	 * Each step inserts a document, updates the one inserted this many steps before and
	 * deletes the one inserted twice as many steps before: the collection stays at about
	 * this size while the oplog takes every change.
	 */
	private static final int UPDATE_DISTANCE = 1_000;

	private static final int TENTHS = 10;

	private static final Duration DRAIN = Duration.ofMinutes(2);

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

	private final int changes;

	public CdcSoakBenchmark() {
		this(SHORT);
	}

	CdcSoakBenchmark(int changes) {
		this.changes = changes;
	}

	@Override
	public String name() {
		return "cdc-soak";
	}

	@Override
	public String description() {
		return String.format("%,d inserts, updates and deletes at %,d/s through the embedded MongoDB and cdc-service "
				+ "(oplog trimmed as it goes), each checked off at a consumer; p99 lag of the last tenth "
				+ "against the first", this.changes, RATE);
	}

	/** A million changes, or as many as {@code -Dbench.cdc-soak.changes} gives. */
	@Override
	public Benchmark whenNamed() {
		return new CdcSoakBenchmark(Integer.getInteger("bench.cdc-soak.changes", FULL));
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.below("lagP99LastToFirstRatio", 1.5), Goal.below("missing", 1));
	}

	@Override
	public Map<String, Object> run() throws Exception {
		ChangePlan plan = new ChangePlan(UNMEASURED + this.changes, UPDATE_DISTANCE);
		Map<String, Object> figures = new LinkedHashMap<>();
		try (LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost();
				MongoServerProcess mongo = MongoServerProcess.start();
				MongoClient client = MongoClients.create(mongo.uri(RawCollections.DATABASE));
				Connection amqp = CdcUnderTest.connect(rabbit, "cdc-soak");
				ConfigurableApplicationContext app = CdcUnderTest.start(mongo, rabbit)) {
			CdcUnderTest.declareQueue(amqp);
			Receipts receipts = new Receipts(plan);
			Channel consumer = amqp.createChannel();
			consumer.basicQos(1_000);
			consumer.basicConsume(CdcUnderTest.QUEUE, true, (tag, delivery) -> receipts
				.received(TwinJson.mapper().readValue(delivery.getBody(), ChangeEvent.class)), (tag) -> {
				});
			MongoCollection<Document> articles = client.getDatabase(RawCollections.DATABASE)
				.getCollection(RawCollections.ARTICLES);
			Samples samples = new Samples(client, mongo);
			Thread sampler = Thread.ofPlatform().daemon().name("soak-sampler").start(samples::run);

			write(plan, 0, WARM_UP, WARM_UP_RATE, articles, receipts);
			awaitReceived(receipts, WARM_UP);
			write(plan, WARM_UP, UNMEASURED, RATE, articles, receipts);
			samples.measuring();
			long started = System.nanoTime();
			write(plan, UNMEASURED, plan.size(), RATE, articles, receipts);
			double writeSeconds = (System.nanoTime() - started) / 1e9;
			long drainStarted = System.nanoTime();
			awaitReceived(receipts, plan.size());
			double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
			sampler.interrupt();
			sampler.join();
			consumer.close();

			figures.put("changes", this.changes);
			figures.put("warmUpChanges", WARM_UP);
			figures.put("settleChanges", SETTLE);
			figures.put("writeRatePerSecond", Math.round(this.changes / writeSeconds));
			figures.put("missing", plan.size() - receipts.distinct());
			figures.put("duplicates", receipts.duplicates());
			figures.put("drainSecondsAfterLastWrite", round(drainSeconds));
			figures.putAll(lagFigures(receipts.lagsInWriteOrder()));
			figures.putAll(samples.figures());
			figures.put("confirmed", Math.round(CdcUnderTest.confirmed(app)));
			figures.put("note",
					"lag: the write to a consumer's delivery, of the changes after " + WARM_UP + " warm-up changes (at "
							+ WARM_UP_RATE + "/s, until all arrived) and " + SETTLE + " at the measured rate, "
							+ "split into tenths in write order; oplog: entries of local.oplog.rs sampled every "
							+ SAMPLE_EVERY.toSeconds() + " s; mongoRss: the server process's resident set");
		}
		return figures;
	}

	/**
	 * Until the consumer has seen {@code count} distinct changes, or {@link #DRAIN} has
	 * passed (what is missing then is reported).
	 */
	private static void awaitReceived(Receipts receipts, int count) throws InterruptedException {
		long deadline = System.nanoTime() + DRAIN.toNanos();
		while (receipts.distinct() < count && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	/**
	 * The plan's changes {@code from} (inclusive) {@code to} (exclusive), paced at
	 * {@code rate} a second, each change's time recorded before it is written.
	 */
	private static void write(ChangePlan plan, int from, int to, int rate, MongoCollection<Document> articles,
			Receipts receipts) throws InterruptedException {
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		int progressEvery = plan.size() / 10;
		for (int seq = from; seq < to; seq++) {
			long wait = start + (seq - from) * intervalNanos - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			int key = plan.key(seq);
			receipts.writing(seq, key);
			String id = ChangePlan.documentId(key);
			switch (ChangePlan.operation(key)) {
				case INSERT -> articles.insertOne(new Document("_id", id).append("title", "A soak article " + id)
					.append("content", "x".repeat(1000))
					.append("authorId", "6f1c1b8e-3f7d-5b2a-9c47-2f4f2e0d7a11"));
				case UPDATE -> articles.updateOne(Filters.eq("_id", id), Updates.set("title", "Updated " + id));
				case DELETE -> articles.deleteOne(Filters.eq("_id", id));
				default -> throw new IllegalStateException("The plan has no " + ChangePlan.operation(key));
			}
			if ((seq + 1) % progressEvery == 0) {
				System.out.printf("   %,d of %,d changes written, %,d received%n", seq + 1, plan.size(),
						receipts.distinct());
			}
		}
	}

	private static Map<String, Object> lagFigures(long[] lagsInWriteOrder) {
		long[] measured = Arrays.copyOfRange(lagsInWriteOrder, UNMEASURED, lagsInWriteOrder.length);
		int tenth = measured.length / TENTHS;
		List<Double> p99ByTenth = new ArrayList<>();
		for (int i = 0; i < TENTHS; i++) {
			p99ByTenth
				.add(round(percentile(received(Arrays.copyOfRange(measured, i * tenth, (i + 1) * tenth)), 0.99) / 1e6));
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		long[] all = received(measured);
		figures.put("lagP50Millis", round(percentile(all, 0.50) / 1e6));
		figures.put("lagP99Millis", round(percentile(all, 0.99) / 1e6));
		figures.put("lagMaxMillis", round(percentile(all, 1.0) / 1e6));
		figures.put("lagP99FirstMillis", p99ByTenth.getFirst());
		figures.put("lagP99LastMillis", p99ByTenth.getLast());
		figures.put("lagP99LastToFirstRatio", round(p99ByTenth.getLast() / p99ByTenth.getFirst()));
		figures.put("lagP99ByTenthMillis", p99ByTenth);
		figures.put("lagWarmUpP99Millis",
				round(percentile(received(Arrays.copyOfRange(lagsInWriteOrder, 0, WARM_UP)), 0.99) / 1e6));
		figures.put("lagSettleP99Millis",
				round(percentile(received(Arrays.copyOfRange(lagsInWriteOrder, WARM_UP, UNMEASURED)), 0.99) / 1e6));
		return figures;
	}

	/** The lags of the changes that arrived (a missing one is counted apart). */
	private static long[] received(long[] lags) {
		return Arrays.stream(lags).filter((lag) -> lag >= 0).toArray();
	}

	/** What the consumer saw, by the change's key in the {@link ChangePlan}. */
	private static final class Receipts {

		private final ChangePlan plan;

		private final long[] writtenAt;

		private final long[] lags;

		private final int[] keyInWriteOrder;

		private final AtomicLong distinct = new AtomicLong();

		private final AtomicLong duplicates = new AtomicLong();

		Receipts(ChangePlan plan) {
			this.plan = plan;
			this.writtenAt = new long[plan.keySpace()];
			this.lags = new long[plan.keySpace()];
			this.keyInWriteOrder = new int[plan.size()];
			Arrays.fill(this.lags, -1);
		}

		void writing(int seq, int key) {
			this.keyInWriteOrder[seq] = key;
			this.writtenAt[key] = System.nanoTime();
		}

		/** On the consumer's one thread. */
		void received(ChangeEvent event) {
			long now = System.nanoTime();
			int key = this.plan.keyOf(event.operation(), event.documentId());
			if (key < 0) {
				return;
			}
			if (this.lags[key] >= 0) {
				this.duplicates.incrementAndGet();
				return;
			}
			this.lags[key] = now - this.writtenAt[key];
			this.distinct.incrementAndGet();
		}

		long distinct() {
			return this.distinct.get();
		}

		long duplicates() {
			return this.duplicates.get();
		}

		long[] lagsInWriteOrder() {
			long[] ordered = new long[this.keyInWriteOrder.length];
			for (int seq = 0; seq < ordered.length; seq++) {
				ordered[seq] = this.lags[this.keyInWriteOrder[seq]];
			}
			return ordered;
		}

	}

	/** The oplog's length and the server's memory, sampled while the soak runs. */
	private static final class Samples {

		private final MongoCollection<Document> oplog;

		private final MongoServerProcess mongo;

		private final List<Long> oplogEntries = new ArrayList<>();

		private final List<Long> mongoRssMiB = new ArrayList<>();

		private int firstMeasured;

		Samples(MongoClient client, MongoServerProcess mongo) {
			this.oplog = client.getDatabase("local").getCollection("oplog.rs");
			this.mongo = mongo;
		}

		void run() {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					Thread.sleep(SAMPLE_EVERY);
					synchronized (this) {
						this.oplogEntries.add(this.oplog.estimatedDocumentCount());
						this.mongoRssMiB.add(this.mongo.residentMiB());
					}
				}
			}
			catch (InterruptedException ex) {
				// The soak is over.
			}
			catch (Exception ex) {
				throw new IllegalStateException("Sampling the oplog and the server's memory failed", ex);
			}
		}

		/** The samples from now on are of the measured changes. */
		synchronized void measuring() {
			this.firstMeasured = this.oplogEntries.size();
		}

		synchronized Map<String, Object> figures() {
			List<Long> oplog = this.oplogEntries.subList(this.firstMeasured, this.oplogEntries.size());
			List<Long> rss = this.mongoRssMiB.subList(this.firstMeasured, this.mongoRssMiB.size());
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("oplogEntriesMax", max(oplog));
			figures.put("oplogEntriesLast", oplog.isEmpty() ? -1 : oplog.getLast());
			figures.put("mongoRssFirstTenthMaxMiB", max(rss.subList(0, rss.size() / TENTHS)));
			figures.put("mongoRssLastTenthMaxMiB", max(rss.subList(rss.size() - rss.size() / TENTHS, rss.size())));
			figures.put("samples", oplog.size());
			return figures;
		}

		private static long max(List<Long> samples) {
			return samples.stream().mapToLong(Long::longValue).max().orElse(-1);
		}

	}

}
