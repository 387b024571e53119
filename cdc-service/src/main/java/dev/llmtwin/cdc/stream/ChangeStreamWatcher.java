package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.util.Optional;

import com.mongodb.MongoInterruptedException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.publish.ChangePublisher;
import dev.llmtwin.cdc.publish.PublishException;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.support.MdcKeys;

/**
 * Tails one collection's change stream on its own thread and publishes its changes in
 * order, one at a time: a change is published until the broker confirms it, and only then
 * is its resume token stored. A failure never skips a change: the watcher waits and tries
 * the same change again.
 */
final class ChangeStreamWatcher {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamWatcher.class);

	private final String collection;

	private final MongoCollection<BsonDocument> source;

	private final ResumeTokenStore offsets;

	private final ChangePublisher publisher;

	private final Duration pollInterval;

	private final ExponentialBackOff backOff;

	private final StreamStatus status;

	private volatile boolean stopping;

	private Thread thread;

	/** Token of the last change handled; the stream resumes after it. */
	private BsonDocument resumeAfter;

	/**
	 * Token of an invalidate event (collection dropped or renamed): only
	 * {@code startAfter} may resume from it.
	 */
	private BsonDocument startAfter;

	ChangeStreamWatcher(String collection, MongoCollection<BsonDocument> source, ResumeTokenStore offsets,
			ChangePublisher publisher, CdcProperties properties) {
		this.collection = collection;
		this.source = source;
		this.offsets = offsets;
		this.publisher = publisher;
		this.pollInterval = properties.pollInterval();
		this.backOff = new ExponentialBackOff(properties.retry().initialBackoff().toMillis(), 2.0);
		this.backOff.setMaxInterval(properties.retry().maxBackoff().toMillis());
		this.status = new StreamStatus(collection);
	}

	StreamStatus status() {
		return this.status;
	}

	synchronized void start() {
		this.stopping = false;
		this.thread = Thread.ofPlatform().name("cdc-" + this.collection).daemon().start(this::run);
	}

	/** Asks the thread to stop; a change in flight is published again after a restart. */
	synchronized void requestStop() {
		this.stopping = true;
		this.thread.interrupt();
	}

	synchronized boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.thread.join(timeout);
	}

	private void run() {
		BackOffExecution failures = null;
		boolean positioned = false;
		while (!this.stopping) {
			try {
				if (!positioned) {
					loadPosition();
					positioned = true;
				}
				try (MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = open()) {
					this.status.running();
					failures = null;
					tail(cursor);
				}
			}
			catch (InterruptedException | MongoInterruptedException ex) {
				break;
			}
			catch (RuntimeException ex) {
				if (this.stopping) {
					break;
				}
				log.warn("Change stream of {} failed; opening it again after the last confirmed change",
						this.collection, ex);
				this.status.retrying(ex.toString());
				failures = (failures != null) ? failures : this.backOff.start();
				if (!pause(failures)) {
					break;
				}
			}
		}
		this.status.stopped();
		log.info("Change stream of {} stopped", this.collection);
	}

	private void loadPosition() {
		Optional<StreamOffset> offset = this.offsets.load(this.collection);
		offset.ifPresent(this.status::resumedFrom);
		this.resumeAfter = offset.map(StreamOffset::resumeToken).orElse(null);
		this.startAfter = null;
		log.info("Change stream of {} starts {}", this.collection,
				offset.map((stored) -> "after the stored token of " + stored.clusterTime()).orElse("from now"));
	}

	private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open() {
		ChangeStreamIterable<BsonDocument> stream = this.source.watch(BsonDocument.class)
			.fullDocument(FullDocument.UPDATE_LOOKUP);
		if (this.startAfter != null) {
			stream = stream.startAfter(this.startAfter);
		}
		else if (this.resumeAfter != null) {
			stream = stream.resumeAfter(this.resumeAfter);
		}
		return stream.cursor();
	}

	/** Returns after an invalidate event, so that the stream is opened again after it. */
	private void tail(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor) throws InterruptedException {
		while (!this.stopping) {
			ChangeStreamDocument<BsonDocument> change = cursor.tryNext();
			if (change == null) {
				Thread.sleep(this.pollInterval);
				continue;
			}
			if (change.getOperationType() == OperationType.INVALIDATE) {
				log.warn("Change stream of {} was invalidated (collection dropped or renamed); opening it again",
						this.collection);
				this.startAfter = change.getResumeToken();
				return;
			}
			Optional<ChangeEvent> event = ChangeEventMapper.toEvent(this.collection, change);
			if (event.isPresent()) {
				publishUntilConfirmed(event.get());
				this.offsets.confirmed(this.collection, change.getResumeToken(), event.get().clusterTime());
				this.status.published(event.get().clusterTime());
			}
			this.resumeAfter = change.getResumeToken();
			this.startAfter = null;
		}
	}

	private void publishUntilConfirmed(ChangeEvent event) throws InterruptedException {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.EVENT_ID, event.eventId())) {
			BackOffExecution failures = null;
			while (true) {
				try {
					this.publisher.publish(event);
					this.status.running();
					return;
				}
				catch (PublishException ex) {
					failures = (failures != null) ? failures : this.backOff.start();
					log.warn("Publishing {} {} of {} failed, trying again: {}", event.operation().wireName(),
							event.documentId(), this.collection, ex.getMessage());
					this.status.retrying(ex.getMessage());
					if (this.stopping || !pause(failures)) {
						throw new InterruptedException("Stopped before " + event.eventId() + " was confirmed");
					}
				}
			}
		}
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
