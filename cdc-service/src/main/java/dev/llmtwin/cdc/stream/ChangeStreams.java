package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.history.ChangeHistory;
import dev.llmtwin.cdc.lease.StreamLeases;
import dev.llmtwin.cdc.offset.ResumeTokenStore;

/**
 * One watcher per collection (the embedded MongoDB server has no database-level watch),
 * started with the application and stopped before the broker and database connections
 * close.
 */
@Component
class ChangeStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreams.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final List<ChangeStreamWatcher> watchers;

	private volatile boolean running;

	ChangeStreams(CdcProperties properties, MongoTemplate mongo, ResumeTokenStore offsets, StreamLeases leases,
			ChangeHistory history, ConnectionFactory broker, MeterRegistry meters) {
		this.watchers = properties.collections()
			.stream()
			.map((collection) -> new ChangeStreamWatcher(
					new StreamContext(collection, leases.forStream(collection), new StreamStatus(collection, meters),
							properties, broker),
					mongo.getCollection(collection).withDocumentClass(BsonDocument.class), offsets, history))
			.toList();
	}

	List<StreamStatus> statuses() {
		return this.watchers.stream().map(ChangeStreamWatcher::status).toList();
	}

	/**
	 * Asks the stream of {@code collection} (all streams when {@code null}) for a
	 * snapshot; returns the collections asked, none for an unknown collection.
	 */
	List<String> requestSnapshot(String collection) {
		List<ChangeStreamWatcher> chosen = this.watchers.stream()
			.filter((watcher) -> collection == null || watcher.status().collection().equals(collection))
			.toList();
		chosen.forEach(ChangeStreamWatcher::requestSnapshot);
		return chosen.stream().map((watcher) -> watcher.status().collection()).toList();
	}

	@Override
	public void start() {
		this.watchers.forEach(ChangeStreamWatcher::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.watchers.forEach(ChangeStreamWatcher::requestStop);
		try {
			for (ChangeStreamWatcher watcher : this.watchers) {
				if (!watcher.awaitStop(STOP_TIMEOUT)) {
					log.warn("Stream of {} did not stop within {}", watcher.status().collection(), STOP_TIMEOUT);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
