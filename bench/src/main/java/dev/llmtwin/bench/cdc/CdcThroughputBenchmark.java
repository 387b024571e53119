package dev.llmtwin.bench.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import org.bson.Document;

import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.MongoServerProcess;
import dev.llmtwin.testing.LocalRabbitMq;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;

import static dev.llmtwin.bench.Figures.percentile;
import static dev.llmtwin.bench.Figures.round;

/**
 * cdc-service publishing changes of the embedded MongoDB (in memory) with confirms to the
 * local RabbitMQ (own virtual host), against the raw AMQP client publishing the same
 * messages with pipelined confirms on one channel; and the lag at a paced 1,000
 * changes/s. The embedded server runs in a JVM of its own, as a MongoDB server does in a
 * deployment: in the service's heap its documents made every young collection copy them,
 * with pauses of 40-140 ms that set the lag's p99. The service, the writers and the
 * consumer share this JVM, on a machine that may have two cores: for tens of seconds
 * after the start the JIT compiles the hot paths, taking about a core. The live and paced
 * figures are measured after warm-up rounds of the same work, as a service that has been
 * running for a while sees them; the first round's figures are reported too.
 */
public class CdcThroughputBenchmark implements Benchmark {

	private static final int BACKLOG = 20_000;

	private static final int LIVE = 10_000;

	/** Bursts of {@link #LIVE} writes before the paced lag, the first one cold. */
	private static final int LIVE_WARM_UP_BURSTS = 2;

	/** Bursts of {@link #LIVE} writes measured, after the paced lag. */
	private static final int LIVE_BURSTS = 5;

	private static final int PACED_RATE = 1_000;

	private static final Duration PACED_WARM_UP = Duration.ofSeconds(20);

	private static final Duration PACED_FOR = Duration.ofSeconds(10);

	private static final int WINDOW = 2_000;

	private static final Duration WAIT = Duration.ofMinutes(2);

	/** The service's lease collection: another instance's lease keeps a stream idle. */
	private static final String LEASES = "cdc_leases";

	/** How long a standby runs before the active instance's lease goes away. */
	private static final Duration STANDBY_SETTLE = Duration.ofSeconds(3);

	@Override
	public String name() {
		return "cdc-throughput";
	}

	@Override
	public String description() {
		return "cdc-service changes/s from the embedded MongoDB published with confirms to the local RabbitMQ, "
				+ "against the raw AMQP client's pipelined-confirm rate for the same messages; lag at 1,000 changes/s";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Map<String, Object> figures = new LinkedHashMap<>();
		try (LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost();
				MongoServerProcess mongo = MongoServerProcess.start();
				MongoClient client = MongoClients.create(mongo.uri(RawCollections.DATABASE));
				Connection amqp = CdcUnderTest.connect(rabbit, "cdc-bench")) {
			Channel admin = CdcUnderTest.declareQueue(amqp);
			MongoCollection<Document> articles = client.getDatabase(RawCollections.DATABASE)
				.getCollection(RawCollections.ARTICLES);

			// The second round, warmed up like the service's measured bursts.
			double rawCold = rawPipelinedRate(amqp, admin);
			double raw = rawPipelinedRate(amqp, admin);
			figures.put("rawClientMessagesPerSecond", Math.round(raw));
			figures.put("rawClientFirstRoundMessagesPerSecond", Math.round(rawCold));

			// Backlog: changes written while the service was down, published on restart.
			try (ConfigurableApplicationContext app = CdcUnderTest.start(mongo, rabbit)) {
				CdcUnderTest.await(() -> streamRunning(client), WAIT, "The stream's start");
			}
			insert(articles, "backlog", BACKLOG);
			double backlog;
			try (ConfigurableApplicationContext app = CdcUnderTest.start(mongo, rabbit)) {
				backlog = backlog(app);
				figures.put("backlogChangesPerSecond", Math.round(backlog));

				// Live: writers as fast as the embedded server takes them, service
				// running. Warm-up bursts, the paced lag (with its own warm-up), then
				// the measured bursts: the median of those.
				List<Long> bursts = new ArrayList<>();
				for (int burst = 1; burst <= LIVE_WARM_UP_BURSTS; burst++) {
					bursts.add(Math.round(liveBurst(app, admin, articles, "warm-up" + burst + "-")));
				}
				admin.queuePurge(CdcUnderTest.QUEUE);
				figures.putAll(pacedLag(amqp, articles, app));
				for (int burst = 1; burst <= LIVE_BURSTS; burst++) {
					bursts.add(Math.round(liveBurst(app, admin, articles, "live" + burst + "-")));
				}
				long[] measured = bursts.subList(LIVE_WARM_UP_BURSTS, bursts.size())
					.stream()
					.mapToLong(Long::longValue)
					.sorted()
					.toArray();
				double live = measured[measured.length / 2];
				figures.put("liveChangesPerSecond", Math.round(live));
				figures.put("liveRatio", round(live / raw));
				figures.put("liveFirstBurstChangesPerSecond", bursts.getFirst());
				figures.put("liveBurstsChangesPerSecond", bursts);
			}
			figures.put("backlogRatio", round(backlog / raw));

			// The same backlog taken over by a standby that has been running: the
			// service's code is compiled and its start is over, and no writer competes
			// for the cores while it publishes.
			admin.queuePurge(CdcUnderTest.QUEUE);
			MongoCollection<Document> leases = client.getDatabase(RawCollections.DATABASE).getCollection(LEASES);
			leases.insertOne(new Document("_id", RawCollections.ARTICLES).append("owner", "another-instance")
				.append("expiresAt", Date.from(Instant.now().plus(WAIT))));
			try (ConfigurableApplicationContext app = CdcUnderTest.start(mongo, rabbit)) {
				insert(articles, "standby-backlog", BACKLOG);
				Thread.sleep(STANDBY_SETTLE.toMillis());
				leases.deleteOne(new Document("_id", RawCollections.ARTICLES));
				double standbyBacklog = backlog(app);
				figures.put("backlogStandbyChangesPerSecond", Math.round(standbyBacklog));
				figures.put("backlogStandbyRatio", round(standbyBacklog / raw));
			}
			figures.put("note", "backlog: changes written while the service was down, from the first confirm after "
					+ "the restart (backlogStandby: again at the end, taken over by a running standby when the other instance's lease goes); live: median of the last "
					+ LIVE_BURSTS + " bursts of " + LIVE + " writes (the first " + LIVE_WARM_UP_BURSTS
					+ " warm up, the very first is liveFirstBurst); lag: write to consumer delivery, serviceLag: "
					+ "the service's own cdc.lag histogram, write to confirm (bucket bounds), over "
					+ PACED_FOR.toSeconds() + " s at " + PACED_RATE + "/s after " + PACED_WARM_UP.toSeconds()
					+ " s at that rate (lagWarmUp)");
		}
		return figures;
	}

	/**
	 * Changes per second of the backlog a service publishes, from the first confirm seen,
	 * so that the context's start or the lease's takeover does not count.
	 */
	private static double backlog(ConfigurableApplicationContext app) throws InterruptedException {
		CdcUnderTest.await(() -> CdcUnderTest.confirmed(app) > 0, WAIT, "cdc-service's confirms");
		long started = System.nanoTime();
		double before = CdcUnderTest.confirmed(app);
		CdcUnderTest.await(() -> CdcUnderTest.confirmed(app) >= BACKLOG, WAIT, "cdc-service's confirms");
		return (BACKLOG - before) / seconds(System.nanoTime() - started);
	}

	/** Changes per second from the first write of the burst to its last confirm. */
	private static double liveBurst(ConfigurableApplicationContext app, Channel admin,
			MongoCollection<Document> articles, String prefix) throws Exception {
		// An empty queue at the start, like the raw client's run: a broker holding a
		// long queue spends more per message.
		admin.queuePurge(CdcUnderTest.QUEUE);
		double confirmedAfter = CdcUnderTest.confirmed(app) + LIVE;
		long started = System.nanoTime();
		insert(articles, prefix, LIVE);
		CdcUnderTest.await(() -> CdcUnderTest.confirmed(app) >= confirmedAfter, WAIT, "cdc-service's confirms");
		return LIVE / seconds(System.nanoTime() - started);
	}

	private static boolean streamRunning(MongoClient client) {
		Document offset = client.getDatabase(RawCollections.DATABASE)
			.getCollection(RawCollections.CDC_OFFSETS)
			.find(new Document("_id", RawCollections.ARTICLES))
			.first();
		return offset != null && offset.get("snapshot") == null && offset.get("startAtOperationTime") != null;
	}

	private static void insert(MongoCollection<Document> articles, String prefix, int count) {
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(article(prefix + i));
			if (batch.size() == 500) {
				articles.insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			articles.insertMany(batch);
		}
	}

	private static Document article(String id) {
		return new Document("_id", id).append("title", "A title of about this length " + id)
			.append("content", "x".repeat(1500))
			.append("authorId", "6f1c1b8e-3f7d-5b2a-9c47-2f4f2e0d7a11");
	}

	/** The same kind of message, published by the raw client with a confirm window. */
	private static double rawPipelinedRate(Connection amqp, Channel admin) throws Exception {
		Map<String, Object> document = new LinkedHashMap<>(article("raw"));
		byte[] body = TwinJson.mapper()
			.writeValueAsBytes(new ChangeEvent("e", RawCollections.ARTICLES, Operation.INSERT, "raw", document,
					new ClusterTime(1, 1)));
		Channel channel = amqp.createChannel();
		channel.confirmSelect();
		Semaphore window = new Semaphore(WINDOW);
		ConcurrentSkipListSet<Long> outstanding = new ConcurrentSkipListSet<>();
		channel.addConfirmListener((tag, multiple) -> release(outstanding, window, tag, multiple),
				(tag, multiple) -> release(outstanding, window, tag, multiple));
		// The properties the contract gives every change: a message id per message and
		// the schema version header.
		AMQP.BasicProperties.Builder properties = MessageProperties.PERSISTENT_BASIC.builder()
			.contentType("application/json")
			.headers(Map.of(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION));
		long started = System.nanoTime();
		for (int i = 0; i < BACKLOG; i++) {
			window.acquire();
			outstanding.add(channel.getNextPublishSeqNo());
			channel.basicPublish(AmqpNames.RAW_CHANGES, "articles.insert", true,
					properties.messageId(UUID.randomUUID().toString()).build(), body);
		}
		window.acquire(WINDOW);
		double rate = BACKLOG / seconds(System.nanoTime() - started);
		channel.close();
		admin.queuePurge(CdcUnderTest.QUEUE);
		return rate;
	}

	private static void release(ConcurrentSkipListSet<Long> outstanding, Semaphore window, long tag, boolean multiple) {
		if (multiple) {
			var confirmed = outstanding.headSet(tag, true);
			int count = confirmed.size();
			confirmed.clear();
			window.release(count);
		}
		else if (outstanding.remove(tag)) {
			window.release();
		}
	}

	/**
	 * Writes at a paced rate, each document carrying its write time; the lag is taken
	 * when the change reaches a consumer of the queue, and from the service's own
	 * histogram of write to confirm. The changes of the warm-up come first (one stream
	 * publishes in write order).
	 */
	private static Map<String, Object> pacedLag(Connection amqp, MongoCollection<Document> articles,
			ConfigurableApplicationContext app) throws Exception {
		int warmUp = (int) (PACED_RATE * PACED_WARM_UP.toSeconds());
		int count = warmUp + (int) (PACED_RATE * PACED_FOR.toSeconds());
		long[] lags = new long[count];
		AtomicLong received = new AtomicLong();
		// The consumer's first delivery would otherwise wait for Jackson to build its
		// deserializer, and every delivery behind it with it: that is not the service's
		// lag.
		TwinJson.mapper()
			.readValue(TwinJson.mapper()
				.writeValueAsBytes(new ChangeEvent("e", RawCollections.ARTICLES, Operation.INSERT, "warm-up",
						new LinkedHashMap<>(article("warm-up")), new ClusterTime(1, 1))),
					ChangeEvent.class);
		Channel consumer = amqp.createChannel();
		consumer.basicConsume(CdcUnderTest.QUEUE, true, (tag, delivery) -> {
			long now = System.nanoTime();
			ChangeEvent event = TwinJson.mapper().readValue(delivery.getBody(), ChangeEvent.class);
			if (event.document() != null && event.document().get("writtenAt") instanceof Number writtenAt) {
				int index = (int) received.getAndIncrement();
				if (index < count) {
					lags[index] = now - writtenAt.longValue();
				}
			}
		}, (tag) -> {
		});
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
		long start = System.nanoTime();
		CountAtBucket[] confirmLagBefore = null;
		for (int i = 0; i < count; i++) {
			if (i == warmUp) {
				confirmLagBefore = confirmLag(app);
			}
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			articles.insertOne(new Document(article("paced" + i)).append("writtenAt", System.nanoTime()));
		}
		double achieved = count / seconds(System.nanoTime() - start);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (received.get() < count && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		consumer.close();
		CountAtBucket[] confirmLag = delta(confirmLag(app), confirmLagBefore);
		int receivedCount = (int) Math.min(received.get(), count);
		long[] warmingUp = Arrays.copyOf(lags, Math.min(receivedCount, warmUp));
		long[] measured = Arrays.copyOfRange(lags, Math.min(receivedCount, warmUp), receivedCount);
		Arrays.sort(warmingUp);
		Arrays.sort(measured);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("pacedWriteRatePerSecond", Math.round(achieved));
		figures.put("pacedReceived", measured.length);
		figures.put("lagP50Millis", round(percentile(measured, 0.50) / 1e6));
		figures.put("lagP99Millis", round(percentile(measured, 0.99) / 1e6));
		figures.put("lagMaxMillis", round(percentile(measured, 1.0) / 1e6));
		figures.put("lagWarmUpP99Millis", round(percentile(warmingUp, 0.99) / 1e6));
		figures.put("serviceLagConfirmed", Math.round(total(confirmLag)));
		figures.put("serviceLagP50AtMostMillis", round(bucketPercentile(confirmLag, 0.50) / 1e6));
		figures.put("serviceLagP99AtMostMillis", round(bucketPercentile(confirmLag, 0.99) / 1e6));
		return figures;
	}

	/**
	 * The service's own {@code cdc.lag} histogram (MongoDB write time to the broker's
	 * confirm): its buckets count every change confirmed since the start, so two readings
	 * give the window between them.
	 */
	private static CountAtBucket[] confirmLag(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class)
			.get("cdc.lag")
			.tag("stream", RawCollections.ARTICLES)
			.timer()
			.takeSnapshot()
			.histogramCounts();
	}

	private static CountAtBucket[] delta(CountAtBucket[] after, CountAtBucket[] before) {
		CountAtBucket[] delta = new CountAtBucket[after.length];
		for (int i = 0; i < after.length; i++) {
			delta[i] = new CountAtBucket(after[i].bucket(), after[i].count() - before[i].count());
		}
		return delta;
	}

	private static double total(CountAtBucket[] cumulative) {
		return (cumulative.length == 0) ? 0 : cumulative[cumulative.length - 1].count();
	}

	/** The upper bound of the bucket the quantile falls in, in nanoseconds. */
	private static double bucketPercentile(CountAtBucket[] cumulative, double quantile) {
		double wanted = quantile * total(cumulative);
		for (CountAtBucket bucket : cumulative) {
			if (bucket.count() >= wanted && wanted > 0) {
				return bucket.bucket();
			}
		}
		return Double.NaN;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
