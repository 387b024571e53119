package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.model.ClusterTime;

/**
 * The live status of one collection's stream, written by its watcher thread and read by
 * the status endpoint, the health indicator and Micrometer (tag {@code stream}).
 */
final class StreamStatus {

	private final String collection;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong confirmed = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong snapshotPublished = new AtomicLong();

	private final Counter publishedCounter;

	private final Counter confirmedCounter;

	private final Counter errorCounter;

	private final Counter historyLostCounter;

	private final Counter snapshotCounter;

	private final Timer lag;

	private volatile StreamState state = StreamState.STOPPED;

	private volatile boolean leaseHeld;

	private volatile int pendingConfirms;

	private volatile Instant lastEventTime;

	private volatile Duration lastLag;

	private volatile String lastError;

	private volatile String historyLost;

	private volatile String snapshotId;

	private volatile boolean snapshotRunning;

	StreamStatus(String collection, MeterRegistry meters) {
		this.collection = collection;
		Tags tags = Tags.of("stream", collection);
		this.publishedCounter = Counter.builder("cdc.changes.published")
			.description("Changes sent to the broker, including republished ones")
			.tags(tags)
			.register(meters);
		this.confirmedCounter = Counter.builder("cdc.changes.confirmed")
			.description("Changes the broker confirmed in order")
			.tags(tags)
			.register(meters);
		this.errorCounter = Counter.builder("cdc.stream.errors")
			.description("Failed publishes and broken streams")
			.tags(tags)
			.register(meters);
		this.historyLostCounter = Counter.builder("cdc.history.lost")
			.description("Stored positions found no longer in MongoDB's history")
			.tags(tags)
			.register(meters);
		this.snapshotCounter = Counter.builder("cdc.snapshot.documents")
			.description("Snapshot documents the broker confirmed")
			.tags(tags)
			.register(meters);
		this.lag = Timer.builder("cdc.lag")
			.description("From the MongoDB write to the broker's confirm of the change")
			.tags(tags)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("cdc.confirms.pending", this, (status) -> status.pendingConfirms)
			.description("Published changes awaiting the broker's confirm")
			.tags(tags)
			.register(meters);
		Gauge.builder("cdc.lease.held", this, (status) -> status.leaseHeld ? 1 : 0)
			.description("1 while this instance is the stream's active publisher")
			.tags(tags)
			.register(meters);
		Gauge.builder("cdc.stream.healthy", this, (status) -> status.healthy() ? 1 : 0)
			.description("0 while the stream retries or has lost history")
			.tags(tags)
			.register(meters);
	}

	String collection() {
		return this.collection;
	}

	StreamState state() {
		return this.state;
	}

	boolean healthy() {
		return this.state != StreamState.RETRYING && this.historyLost == null;
	}

	void resumedFrom(StreamOffset offset) {
		this.leaseHeld = true;
		if (offset.snapshot() != null) {
			this.snapshotId = offset.snapshot().id();
			this.snapshotPublished.set(offset.snapshot().published());
		}
	}

	void standby() {
		this.state = StreamState.STANDBY;
		this.leaseHeld = false;
		this.pendingConfirms = 0;
	}

	void running() {
		this.state = StreamState.RUNNING;
	}

	void failed(String error) {
		this.state = StreamState.RETRYING;
		this.lastError = error;
		this.errors.incrementAndGet();
		this.errorCounter.increment();
	}

	void historyLost(String reason, boolean waiting) {
		this.historyLost = reason;
		this.lastError = reason;
		this.historyLostCounter.increment();
		if (waiting) {
			this.state = StreamState.HISTORY_LOST;
		}
	}

	void stopped() {
		this.state = StreamState.STOPPED;
		this.leaseHeld = false;
		this.pendingConfirms = 0;
	}

	void sent() {
		this.published.incrementAndGet();
		this.publishedCounter.increment();
	}

	void pending(int inFlight) {
		this.pendingConfirms = inFlight;
	}

	/** A live change was confirmed; {@code sourceTime} is when it was written. */
	void confirmed(ClusterTime clusterTime, Instant sourceTime) {
		this.confirmed.incrementAndGet();
		this.confirmedCounter.increment();
		this.lastEventTime = clusterTime.toInstant();
		if (sourceTime != null) {
			Duration lagged = Duration.between(sourceTime, Instant.now());
			this.lastLag = lagged.isNegative() ? Duration.ZERO : lagged;
			this.lag.record(this.lastLag.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	void snapshotStarted(String id) {
		this.state = StreamState.SNAPSHOT;
		this.snapshotRunning = true;
		if (!id.equals(this.snapshotId)) {
			this.snapshotId = id;
			this.snapshotPublished.set(0);
		}
	}

	void snapshotConfirmed(int documents) {
		this.snapshotPublished.addAndGet(documents);
		this.snapshotCounter.increment(documents);
	}

	void snapshotFinished() {
		this.snapshotRunning = false;
		this.historyLost = null;
	}

	View view() {
		Snapshot snapshot = (this.snapshotId != null)
				? new Snapshot(this.snapshotId, this.snapshotRunning ? "running" : "done", this.snapshotPublished.get())
				: null;
		Duration lagged = this.lastLag;
		return new View(this.collection, this.state, this.leaseHeld, this.lastEventTime,
				(lagged != null) ? lagged.toMillis() : null, this.published.get(), this.confirmed.get(),
				this.pendingConfirms, this.errors.get(), this.lastError, this.historyLost, snapshot);
	}

	/**
	 * @param active whether this instance holds the stream's lease
	 * @param lastEventTime cluster time of the newest confirmed change
	 * @param lagMillis from the write to the confirm of the newest confirmed change (the
	 * embedded server gives write times to the second only)
	 * @param published changes sent by this instance, republished ones included
	 * @param confirmed changes confirmed in order by this instance
	 * @param lastError the last failure, kept after recovery for diagnosis
	 * @param historyLost why the stored position was found lost, until a snapshot
	 * repaired it
	 */
	record View(String collection, StreamState state, boolean active, Instant lastEventTime, Long lagMillis,
			long published, long confirmed, int pendingConfirms, long errors, String lastError, String historyLost,
			Snapshot snapshot) {
	}

	/**
	 * @param published snapshot documents confirmed so far
	 */
	record Snapshot(String id, String state, long published) {
	}

}
