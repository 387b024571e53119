package dev.llmtwin.cdc.history;

import java.time.Instant;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;

/**
 * Keeps the embedded server's oplog short (it never trims itself, and it is held in
 * memory): deletes, in small batches, the entries older than the oldest position a stream
 * still needs. The entry at that position stays, so that a resume can tell the history is
 * complete. Runs on its own thread while the {@link EmbeddedOplogHistory} runs.
 */
final class OplogTrimmer {

	private static final Logger log = LoggerFactory.getLogger(OplogTrimmer.class);

	private final MongoCollection<BsonDocument> oplog;

	private final ResumeTokenStore offsets;

	private final CdcProperties properties;

	private volatile Thread thread;

	OplogTrimmer(MongoCollection<BsonDocument> oplog, ResumeTokenStore offsets, CdcProperties properties) {
		this.oplog = oplog;
		this.offsets = offsets;
		this.properties = properties;
	}

	void start() {
		if (!this.properties.oplogTrim().enabled()) {
			return;
		}
		// Assigned before it starts: the loop runs while it is the trimmer's thread.
		Thread trimming = Thread.ofPlatform().name("cdc-oplog-trim").daemon().unstarted(this::run);
		this.thread = trimming;
		trimming.start();
	}

	void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
		}
	}

	boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		try {
			log.info("Trimming the embedded server's oplog every {} below the oldest position a stream needs",
					this.properties.oplogTrim().interval());
			while (this.thread == Thread.currentThread()) {
				Thread.sleep(this.properties.oplogTrim().interval());
				try {
					trim();
				}
				catch (RuntimeException ex) {
					if (this.thread != Thread.currentThread()) {
						return;
					}
					log.warn("Trimming the oplog failed; trying again later", ex);
				}
			}
		}
		catch (InterruptedException ex) {
			// stopped
		}
	}

	/**
	 * Deletes everything below the oldest needed position, one small batch per delete
	 * (each holds the oplog's lock, and with it every writer, while it runs) and as many
	 * batches as it takes: a write burst must not leave the oplog long for many
	 * intervals. Returns how many entries it deleted.
	 */
	long trim() {
		BsonTimestamp cut = cut();
		if (cut == null) {
			return 0;
		}
		long deleted = 0;
		long batch;
		do {
			batch = deleteBatch(cut);
			deleted += batch;
		}
		while (batch >= this.properties.oplogTrim().batchSize() && !Thread.currentThread().isInterrupted());
		if (deleted > 0) {
			log.debug("Trimmed {} oplog entries", deleted);
		}
		return deleted;
	}

	/**
	 * The position below which no stream needs the history; stored positions only move
	 * forward, so it stays safe while the batches run.
	 */
	private BsonTimestamp cut() {
		BsonTimestamp needed = new BsonTimestamp(
				(int) Instant.now().minus(this.properties.oplogTrim().retention()).getEpochSecond(), 0);
		for (String collection : this.properties.collections()) {
			Optional<BsonTimestamp> stream = this.offsets.load(collection).map(OplogTrimmer::oldestNeeded);
			if (stream.isPresent() && stream.get().compareTo(needed) < 0) {
				needed = stream.get();
			}
		}
		// The newest entry at or before the oldest needed position stays: a stream that
		// resumes there proves with it that its history is complete.
		BsonDocument kept = this.oplog.find(Filters.lte("ts", needed))
			.projection(Projections.include("ts"))
			.sort(Sorts.descending("ts"))
			.limit(1)
			.first();
		return (kept != null) ? kept.getTimestamp("ts") : null;
	}

	private long deleteBatch(BsonTimestamp cut) {
		BsonDocument batchEnd = this.oplog.find(Filters.lt("ts", cut))
			.projection(Projections.include("ts"))
			.sort(Sorts.ascending("ts"))
			.skip(this.properties.oplogTrim().batchSize() - 1)
			.limit(1)
			.first();
		DeleteResult deleted = this.oplog
			.deleteMany((batchEnd != null) ? Filters.lte("ts", batchEnd.getTimestamp("ts")) : Filters.lt("ts", cut));
		return deleted.getDeletedCount();
	}

	private static BsonTimestamp oldestNeeded(StreamOffset offset) {
		BsonTimestamp needed = (offset.position() != null) ? offset.position().operationTime() : null;
		if (offset.snapshot() != null && offset.snapshot().position() != null
				&& (needed == null || offset.snapshot().position().compareTo(needed) < 0)) {
			needed = offset.snapshot().position();
		}
		return (needed != null) ? needed : new BsonTimestamp(Integer.MAX_VALUE, 0);
	}

}
