package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.history.ChangeHistory;
import dev.llmtwin.cdc.lease.LeaseLostException;
import dev.llmtwin.cdc.lease.StreamLease;
import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.publish.OutgoingChange;
import dev.llmtwin.cdc.publish.PublishWindow;

/**
 * Publishes one collection on its own thread while this instance holds the stream's
 * lease: first a snapshot when one is due, then the change stream. Changes go out in
 * order on one dedicated channel with up to {@code cdc.max-in-flight} confirms
 * outstanding; the stored position only ever moves to the newest change that was
 * confirmed together with all before it. Any failure (nack, return, confirm timeout, lost
 * connection, broken stream) reopens the stream after that change, so everything
 * unconfirmed is published again, in order.
 */
final class ChangeStreamWatcher {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamWatcher.class);

	/** ChangeStreamHistoryLost: the resume point is no longer in the oplog. */
	private static final int HISTORY_LOST = 286;

	private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * Changes read per poll at most: a poll's changes travel as one response, so a
	 * smaller batch starts publishing sooner (and the embedded server builds a smaller
	 * buffer).
	 */
	private static final int BATCH_SIZE = 500;

	private final String collection;

	private final MongoCollection<BsonDocument> source;

	private final ResumeTokenStore offsets;

	private final StreamLease lease;

	private final ChangeHistory history;

	private final ConnectionFactory broker;

	private final CdcProperties properties;

	private final ExponentialBackOff backOff;

	private final StreamStatus status;

	private volatile boolean stopping;

	private volatile boolean snapshotRequested;

	private Thread thread;

	// The position below is only touched by the watcher thread.

	private boolean positioned;

	/** Token of the newest confirmed change; the stream resumes after it. */
	private BsonDocument resumeAfter;

	/** Where the stream starts when there is no token yet (after a snapshot). */
	private BsonTimestamp startAt;

	/**
	 * Token of an invalidate event (collection dropped or renamed): only
	 * {@code startAfter} may resume from it.
	 */
	private BsonDocument startAfter;

	private StreamOffset.Snapshot snapshot;

	private boolean historyLost;

	ChangeStreamWatcher(String collection, MongoCollection<BsonDocument> source, ResumeTokenStore offsets,
			StreamLease lease, ChangeHistory history, ConnectionFactory broker, CdcProperties properties,
			StreamStatus status) {
		this.collection = collection;
		this.source = source;
		this.offsets = offsets;
		this.lease = lease;
		this.history = history;
		this.broker = broker;
		this.properties = properties;
		this.backOff = new ExponentialBackOff(properties.retry().initialBackoff().toMillis(), 2.0);
		this.backOff.setMaxInterval(properties.retry().maxBackoff().toMillis());
		this.status = status;
	}

	StreamStatus status() {
		return this.status;
	}

	synchronized void start() {
		this.stopping = false;
		this.thread = Thread.ofPlatform().name("cdc-" + this.collection).daemon().start(this::run);
	}

	/**
	 * Stops at once: changes in flight are not awaited (they are published again after a
	 * restart); the lease is given up so that a standby takes over without waiting.
	 */
	synchronized void requestStop() {
		this.stopping = true;
		this.thread.interrupt();
	}

	synchronized boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.thread.join(timeout);
	}

	/** Publishes every document again before going on with the stream. */
	void requestSnapshot() {
		this.snapshotRequested = true;
	}

	private void run() {
		BackOffExecution failures = null;
		while (!this.stopping) {
			try {
				if (!this.lease.held()) {
					if (!this.lease.acquire()) {
						this.status.standby();
						Thread.sleep(this.properties.lease().renewInterval());
						continue;
					}
					log.info("Instance {} is the active publisher of {}", this.lease.owner(), this.collection);
					this.positioned = false;
				}
				this.lease.renewIfDue();
				if (!this.positioned) {
					loadPosition();
					this.positioned = true;
				}
				if (this.snapshotRequested) {
					this.snapshotRequested = false;
					beginSnapshot(this.historyLost || (this.resumeAfter == null && this.startAt == null));
				}
				if (this.snapshot != null) {
					snapshot();
				}
				else if (this.historyLost) {
					Thread.sleep(this.properties.pollInterval());
					continue;
				}
				else {
					tail();
				}
				failures = null;
			}
			catch (InterruptedException | MongoInterruptedException ex) {
				break;
			}
			catch (LeaseLostException ex) {
				log.warn("{}; this instance stands by", ex.getMessage());
				this.status.standby();
			}
			catch (RuntimeException ex) {
				if (this.stopping) {
					break;
				}
				if (ex instanceof MongoException mongo && mongo.getCode() == HISTORY_LOST) {
					onHistoryLost("MongoDB no longer has the history after the stored resume token ("
							+ mongo.getMessage() + ")");
					continue;
				}
				log.warn("Stream of {} failed; publishing again from the first unconfirmed change: {}", this.collection,
						ex.toString());
				this.status.failed(ex.toString());
				failures = (failures != null) ? failures : this.backOff.start();
				if (!pause(failures)) {
					break;
				}
			}
		}
		Thread.interrupted();
		try {
			this.lease.release();
		}
		catch (RuntimeException ex) {
			log.debug("Could not release the lease of {}; it expires by itself", this.collection, ex);
		}
		this.status.stopped();
		log.info("Stream of {} stopped", this.collection);
	}

	private void loadPosition() {
		Optional<StreamOffset> stored = this.offsets.load(this.collection);
		StreamOffset offset = stored.orElse(new StreamOffset(this.collection, null, null, 0, null, null));
		this.status.resumedFrom(offset);
		this.resumeAfter = offset.resumeToken();
		this.startAt = offset.startAt();
		this.startAfter = null;
		this.snapshot = offset.snapshot();
		this.historyLost = false;
		boolean lost = offset.hasPosition() && !this.history.retains(position(offset));
		if (this.snapshot != null) {
			log.info("Stream of {} goes on with snapshot {} after {} documents", this.collection, this.snapshot.id(),
					this.snapshot.published());
			if (lost || this.snapshot.position() == null) {
				positionSnapshot(lost || !offset.hasPosition());
			}
			this.status.snapshotStarted(this.snapshot.id());
		}
		else if (!offset.hasPosition()) {
			log.info("Stream of {} has no stored position: snapshot of the collection first", this.collection);
			beginSnapshot(true);
		}
		else if (lost) {
			onHistoryLost("The stored position " + ChangeHistory.describe(position(offset)) + " of " + this.collection
					+ " is no longer in the oplog (trimmed)");
		}
		else {
			log.info("Stream of {} resumes {}", this.collection, (this.resumeAfter != null) ? "after its stored token"
					: "at operation time " + ChangeHistory.describe(this.startAt));
		}
	}

	private BsonTimestamp position(StreamOffset offset) {
		if (offset.resumeToken() != null) {
			return this.history.embedded() ? ChangeHistory.tokenPosition(offset.resumeToken()) : new BsonTimestamp();
		}
		return offset.startAt();
	}

	/** Says so loudly: changes after the stored position may be missing downstream. */
	private void onHistoryLost(String reason) {
		boolean repair = this.properties.snapshotOnHistoryLost();
		log.error("{}: changes since then may be missing downstream; {}", reason,
				repair ? "publishing a snapshot of the collection"
						: "waiting for POST /api/cdc/snapshot (cdc.snapshot-on-history-lost=false)");
		this.historyLost = true;
		this.status.historyLost(reason, !repair);
		if (repair) {
			beginSnapshot(true);
		}
	}

	/**
	 * @param streamFromPosition whether the stream goes on from the snapshot's position
	 * (there is no usable token) rather than from its stored token
	 */
	private void beginSnapshot(boolean streamFromPosition) {
		String id = UUID.randomUUID().toString();
		// Stored before the position is taken: this write is an oplog entry at or before
		// the position, so the position stays provably in the history.
		this.offsets.snapshotStarted(this.collection, id);
		this.snapshot = new StreamOffset.Snapshot(id, null, null, 0);
		positionSnapshot(streamFromPosition);
		this.status.snapshotStarted(id);
		log.info("Snapshot {} of {} starts at {}", id, this.collection,
				ChangeHistory.describe(this.snapshot.position()));
	}

	private void positionSnapshot(boolean streamFromPosition) {
		BsonTimestamp position = this.history.currentPosition();
		this.offsets.snapshotPositioned(this.collection, position, streamFromPosition);
		this.snapshot = new StreamOffset.Snapshot(this.snapshot.id(), position, this.snapshot.lastId(),
				this.snapshot.published());
		if (streamFromPosition) {
			this.resumeAfter = null;
			this.startAfter = null;
			this.startAt = position;
		}
	}

	/**
	 * Publishes the collection's documents in {@code _id} order after the last confirmed.
	 */
	private void snapshot() throws InterruptedException {
		this.status.snapshotStarted(this.snapshot.id());
		Bson filter = (this.snapshot.lastId() != null) ? Filters.gt("_id", this.snapshot.lastId()) : new BsonDocument();
		BsonValue lastConfirmed = this.snapshot.lastId();
		long unsaved = 0;
		long savedAt = System.nanoTime();
		try (PublishWindow<BsonValue> window = openWindow();
				MongoCursor<BsonDocument> documents = this.source.find(filter).sort(Sorts.ascending("_id")).cursor()) {
			boolean more = true;
			while (more || !window.isEmpty()) {
				checkStopping();
				this.lease.renewIfDue();
				if (more && !window.isFull()) {
					more = documents.hasNext();
					if (more) {
						BsonDocument document = documents.next();
						window.publish(ChangeEventMapper.snapshot(this.collection, this.snapshot.id(), document,
								this.snapshot.position()), document.get("_id"), null);
						this.status.sent();
					}
				}
				Duration wait = (more && !window.isFull()) ? Duration.ZERO : this.properties.pollInterval();
				List<PublishWindow.Confirmed<BsonValue>> confirmed = window.takeConfirmed(wait);
				this.status.pending(window.size());
				if (!confirmed.isEmpty()) {
					lastConfirmed = confirmed.getLast().position();
					unsaved += confirmed.size();
					this.status.snapshotConfirmed(confirmed.size());
				}
				if (unsaved > 0 && (window.isEmpty() || flushDue(savedAt))) {
					saveSnapshotProgress(lastConfirmed, unsaved);
					unsaved = 0;
					savedAt = System.nanoTime();
				}
			}
		}
		finally {
			if (unsaved > 0) {
				BsonValue lastId = lastConfirmed;
				long count = unsaved;
				saveQuietly(() -> saveSnapshotProgress(lastId, count));
			}
		}
		this.offsets.snapshotFinished(this.collection);
		log.info("Snapshot {} of {} finished: {} documents", this.snapshot.id(), this.collection,
				this.snapshot.published());
		this.snapshot = null;
		this.historyLost = false;
		this.status.snapshotFinished();
	}

	private void saveSnapshotProgress(BsonValue lastId, long count) {
		this.offsets.snapshotProgressed(this.collection, lastId, count);
		this.snapshot = new StreamOffset.Snapshot(this.snapshot.id(), this.snapshot.position(), lastId,
				this.snapshot.published() + count);
	}

	/**
	 * Tails the change stream until stopped, a snapshot is requested or it was
	 * invalidated.
	 */
	private void tail() throws InterruptedException {
		BsonDocument confirmedToken = null;
		long unsaved = 0;
		long savedAt = System.nanoTime();
		long idleSavedAt = System.nanoTime();
		long lastChangeAt = System.nanoTime();
		// After a poll that brought nothing the next one waits (the embedded server
		// answers at once instead of awaiting changes); confirms are handled meanwhile.
		long nextPollAt = System.nanoTime();
		try (PublishWindow<BsonDocument> window = openWindow(); MongoCursor<RawBsonDocument> cursor = open()) {
			this.status.running();
			while (!this.snapshotRequested) {
				checkStopping();
				this.lease.renewIfDue();
				boolean read = false;
				if (!window.isFull() && System.nanoTime() - nextPollAt >= 0) {
					BsonTimestamp before = (window.isEmpty() && unsaved == 0 && idleSaveDue(idleSavedAt))
							? this.history.currentPosition() : null;
					RawBsonDocument change = cursor.tryNext();
					if (change == null) {
						if (before != null) {
							saveCaughtUp(before);
							idleSavedAt = System.nanoTime();
						}
						Duration pause = (System.nanoTime() - lastChangeAt > IDLE_AFTER_NANOS)
								? this.properties.idlePollInterval() : this.properties.pollInterval();
						nextPollAt = System.nanoTime() + pause.toNanos();
					}
					else {
						read = true;
						lastChangeAt = System.nanoTime();
						if (ChangeEventMapper.isInvalidate(change)) {
							log.warn("Change stream of {} was invalidated (collection dropped or renamed); "
									+ "opening it again after it", this.collection);
							while (!window.isEmpty()) {
								confirmedToken = apply(window.takeConfirmed(this.properties.pollInterval()),
										confirmedToken);
							}
							this.startAfter = ChangeEventMapper.resumeToken(change);
							return;
						}
						Optional<OutgoingChange> outgoing = ChangeEventMapper.toChange(this.collection, change);
						if (outgoing.isPresent()) {
							window.publish(outgoing.get(), ChangeEventMapper.resumeToken(change),
									ChangeEventMapper.sourceTime(change));
							this.status.sent();
						}
					}
				}
				Duration untilPoll = Duration.ofNanos(Math.max(0, nextPollAt - System.nanoTime()));
				List<PublishWindow.Confirmed<BsonDocument>> confirmed = window.takeConfirmed((read || window.isEmpty())
						? Duration.ZERO : window.isFull() ? this.properties.pollInterval() : untilPoll);
				this.status.pending(window.size());
				if (!confirmed.isEmpty()) {
					confirmedToken = apply(confirmed, confirmedToken);
					unsaved += confirmed.size();
				}
				if (unsaved > 0 && (window.isEmpty() || flushDue(savedAt))) {
					this.offsets.confirmed(this.collection, confirmedToken, unsaved);
					unsaved = 0;
					savedAt = System.nanoTime();
				}
				if (!read && window.isEmpty()) {
					Thread.sleep(Duration.ofNanos(Math.max(0, nextPollAt - System.nanoTime())));
				}
			}
		}
		finally {
			if (unsaved > 0) {
				BsonDocument token = confirmedToken;
				long count = unsaved;
				saveQuietly(() -> this.offsets.confirmed(this.collection, token, count));
			}
		}
	}

	private boolean idleSaveDue(long idleSavedAt) {
		return this.history.embedded()
				&& System.nanoTime() - idleSavedAt >= this.properties.oplogTrim().interval().toNanos();
	}

	/**
	 * An idle stream on the embedded server moves its stored position up to a second
	 * before the newest entry taken before a poll that brought nothing (an entry of that
	 * second may still be on its way into the oplog), so that the trimmer can drop the
	 * history before it. Never backwards.
	 */
	private void saveCaughtUp(BsonTimestamp newest) {
		BsonTimestamp position = new BsonTimestamp(newest.getTime() - 1, 0);
		BsonTimestamp current = (this.resumeAfter != null) ? ChangeHistory.tokenPosition(this.resumeAfter)
				: this.startAt;
		if (this.startAfter == null && current != null && position.compareTo(current) > 0) {
			this.offsets.caughtUp(this.collection, position);
			this.resumeAfter = null;
			this.startAt = position;
		}
	}

	/**
	 * Moves the in-memory position past the confirmed changes; returns the newest token.
	 */
	private BsonDocument apply(List<PublishWindow.Confirmed<BsonDocument>> confirmed, BsonDocument newest) {
		for (PublishWindow.Confirmed<BsonDocument> change : confirmed) {
			this.status.confirmed(change.change().clusterTime(), change.sourceTime());
			newest = change.position();
		}
		if (newest != null) {
			this.resumeAfter = newest;
			this.startAt = null;
			this.startAfter = null;
		}
		return newest;
	}

	/**
	 * The change documents raw: they are written to JSON straight from their bytes.
	 */
	private MongoCursor<RawBsonDocument> open() {
		// A replica set answers a poll within the poll interval instead of its default
		// second.
		ChangeStreamIterable<BsonDocument> stream = this.source.watch(BsonDocument.class)
			.fullDocument(FullDocument.UPDATE_LOOKUP)
			.batchSize(BATCH_SIZE)
			.maxAwaitTime(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		if (this.startAfter != null) {
			stream = stream.startAfter(this.startAfter);
		}
		else if (this.resumeAfter != null) {
			stream = stream.resumeAfter(this.resumeAfter);
		}
		else if (this.startAt != null) {
			stream = stream.startAtOperationTime(this.startAt);
		}
		return stream.withDocumentClass(RawBsonDocument.class).cursor();
	}

	private boolean flushDue(long savedAt) {
		return System.nanoTime() - savedAt >= this.properties.offsetFlushInterval().toNanos();
	}

	private void checkStopping() throws InterruptedException {
		if (this.stopping || Thread.currentThread().isInterrupted()) {
			throw new InterruptedException("Stream of " + this.collection + " stopped");
		}
	}

	/**
	 * Stores what the broker confirmed even while stopping (the interrupt would fail the
	 * MongoDB call); a failure only means those changes are published again.
	 */
	private void saveQuietly(Runnable save) {
		boolean interrupted = Thread.interrupted();
		try {
			save.run();
		}
		catch (RuntimeException ex) {
			log.warn("Could not store the confirmed position of {}; those changes will be published again: {}",
					this.collection, ex.toString());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A channel of its own for a publishing session, which keeps the order. */
	private <P> PublishWindow<P> openWindow() {
		return PublishWindow.open(this.broker, this.properties.maxInFlight(), this.properties.confirmTimeout());
	}

	/** Sleeps the next backoff interval; false when the thread was stopped meanwhile. */
	private boolean pause(BackOffExecution failures) {
		try {
			Thread.sleep(failures.nextBackOff());
			return !this.stopping;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

}
