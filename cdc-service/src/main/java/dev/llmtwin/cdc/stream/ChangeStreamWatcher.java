package dev.llmtwin.cdc.stream;

import java.time.Duration;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.history.ChangeHistory;
import dev.llmtwin.cdc.lease.LeaseLostException;
import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;

/**
 * Publishes one collection on its own thread while this instance holds the stream's
 * lease: a snapshot when one is due ({@link SnapshotChangeEventSource}), then the change
 * stream ({@link StreamingChangeEventSource}). The stored position only ever moves to the
 * newest change that was confirmed together with all before it
 * ({@link StreamOffsetContext}). Any failure (nack, return, confirm timeout, lost
 * connection, broken stream) reopens the stream after that change, so everything
 * unconfirmed is published again, in order; a lost lease makes this instance stand by.
 */
final class ChangeStreamWatcher {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamWatcher.class);

	/** ChangeStreamHistoryLost: the resume point is no longer in the oplog. */
	private static final int HISTORY_LOST = 286;

	private final StreamContext context;

	private final ResumeTokenStore store;

	private final ChangeHistory history;

	private final SnapshotChangeEventSource snapshots;

	private final StreamingChangeEventSource changes;

	private final ExponentialBackOff backOff;

	private Thread thread;

	/** Loaded when the lease is taken; only the watcher thread touches it. */
	private StreamOffsetContext offsets;

	ChangeStreamWatcher(StreamContext context, MongoCollection<BsonDocument> source, ResumeTokenStore store,
			ChangeHistory history) {
		this.context = context;
		this.store = store;
		this.history = history;
		this.snapshots = new SnapshotChangeEventSource(context, source, history);
		this.changes = new StreamingChangeEventSource(context, source, history);
		CdcProperties.Retry retry = context.properties().retry();
		this.backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), 2.0);
		this.backOff.setMaxInterval(retry.maxBackoff().toMillis());
	}

	StreamStatus status() {
		return this.context.status();
	}

	synchronized void start() {
		this.context.requestStop(false);
		this.thread = Thread.ofPlatform().name("cdc-" + this.context.collection()).daemon().start(this::run);
	}

	/**
	 * Stops at once: changes in flight are not awaited (they are published again after a
	 * restart); the lease is given up so that a standby takes over without waiting.
	 */
	synchronized void requestStop() {
		this.context.requestStop(true);
		this.thread.interrupt();
	}

	synchronized boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.thread.join(timeout);
	}

	/** Publishes every document again before going on with the stream. */
	void requestSnapshot() {
		this.context.requestSnapshot();
	}

	private void run() {
		BackOffExecution failures = null;
		while (!this.context.stopping()) {
			try {
				if (!holdLease()) {
					continue;
				}
				if (this.offsets == null) {
					loadOffsets();
				}
				if (this.context.takeSnapshotRequest()) {
					this.snapshots.begin(this.offsets, this.offsets.historyLost() || this.offsets.position() == null);
				}
				if (this.offsets.snapshot() != null) {
					this.snapshots.execute(this.offsets);
				}
				else if (this.offsets.historyLost()) {
					Thread.sleep(this.context.properties().pollInterval());
				}
				else {
					this.changes.execute(this.offsets);
				}
				failures = null;
			}
			catch (InterruptedException | MongoInterruptedException ex) {
				break;
			}
			catch (LeaseLostException ex) {
				log.warn("{}; this instance stands by", ex.getMessage());
				this.context.status().standby();
			}
			catch (RuntimeException ex) {
				if (this.context.stopping()) {
					break;
				}
				if (ex instanceof MongoException mongo && mongo.getCode() == HISTORY_LOST) {
					onHistoryLost("MongoDB no longer has the history after the stored resume token ("
							+ mongo.getMessage() + ")");
					continue;
				}
				failures = (failures != null) ? failures : this.backOff.start();
				if (!retryAfter(ex, failures)) {
					break;
				}
			}
		}
		shutDown();
	}

	/**
	 * Takes the lease when this instance has not got it (standing by a renew interval
	 * when another holds it) and renews it when due; true when held.
	 */
	private boolean holdLease() throws InterruptedException {
		if (!this.context.lease().held()) {
			if (!this.context.lease().acquire()) {
				this.context.status().standby();
				Thread.sleep(this.context.properties().lease().renewInterval());
				return false;
			}
			log.info("Instance {} is the active publisher of {}", this.context.lease().owner(),
					this.context.collection());
			this.offsets = null;
		}
		this.context.lease().renewIfDue();
		return true;
	}

	/**
	 * Where the stream goes on: a snapshot in progress, a first snapshot, or the stored
	 * position.
	 */
	private void loadOffsets() {
		String collection = this.context.collection();
		StreamOffset stored = this.store.load(collection).orElse(StreamOffset.none(collection));
		this.context.status().resumedFrom(stored);
		this.offsets = new StreamOffsetContext(stored, this.store, this.context.properties().offsetFlushInterval());
		boolean lost = stored.position() != null && !this.history.retains(stored.position());
		if (stored.snapshot() != null) {
			log.info("Stream of {} goes on with snapshot {} after {} documents", collection, stored.snapshot().id(),
					stored.snapshot().published());
			if (lost || stored.snapshot().position() == null) {
				this.snapshots.position(this.offsets, lost || stored.position() == null);
			}
			this.context.status().snapshotStarted(stored.snapshot().id());
		}
		else if (stored.position() == null) {
			log.info("Stream of {} has no stored position: snapshot of the collection first", collection);
			this.snapshots.begin(this.offsets, true);
		}
		else if (lost) {
			onHistoryLost("The stored position " + stored.position().describe() + " of " + collection
					+ " is no longer in the oplog (trimmed)");
		}
		else {
			log.info("Stream of {} resumes {}", collection, stored.position().describe());
		}
	}

	/** Says so loudly: changes after the stored position may be missing downstream. */
	private void onHistoryLost(String reason) {
		boolean repair = this.context.properties().snapshotOnHistoryLost();
		log.error("{}: changes since then may be missing downstream; {}", reason,
				repair ? "publishing a snapshot of the collection"
						: "waiting for POST /api/cdc/snapshot (cdc.snapshot-on-history-lost=false)");
		this.offsets.markHistoryLost();
		this.context.status().historyLost(reason, !repair);
		if (repair) {
			this.snapshots.begin(this.offsets, true);
		}
	}

	/** Sleeps the next backoff interval; false when the stream was stopped meanwhile. */
	private boolean retryAfter(RuntimeException failure, BackOffExecution failures) {
		log.warn("Stream of {} failed; publishing again from the first unconfirmed change: {}",
				this.context.collection(), failure.toString());
		this.context.status().failed(failure.toString());
		try {
			Thread.sleep(failures.nextBackOff());
			return !this.context.stopping();
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private void shutDown() {
		Thread.interrupted();
		try {
			this.context.lease().release();
		}
		catch (RuntimeException ex) {
			log.debug("Could not release the lease of {}; it expires by itself", this.context.collection(), ex);
		}
		this.context.status().stopped();
		log.info("Stream of {} stopped", this.context.collection());
	}

}
