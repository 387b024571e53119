package dev.llmtwin.cdc.stream;

import java.time.Instant;

import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.model.ClusterTime;

/**
 * The live status of one collection's stream, written by its watcher thread and read by
 * the status endpoint.
 */
final class StreamStatus {

	private final String collection;

	private volatile StreamState state = StreamState.STOPPED;

	private volatile long published;

	private volatile Instant lastEventTime;

	private volatile String lastError;

	StreamStatus(String collection) {
		this.collection = collection;
	}

	String collection() {
		return this.collection;
	}

	void resumedFrom(StreamOffset offset) {
		this.published = offset.published();
		this.lastEventTime = offset.clusterTime().toInstant();
	}

	void running() {
		this.state = StreamState.RUNNING;
	}

	void retrying(String error) {
		this.state = StreamState.RETRYING;
		this.lastError = error;
	}

	void stopped() {
		this.state = StreamState.STOPPED;
	}

	/** Only the watcher thread counts, so the unsynchronized increment is safe. */
	void published(ClusterTime clusterTime) {
		this.published++;
		this.lastEventTime = clusterTime.toInstant();
	}

	View view() {
		return new View(this.collection, this.state, this.published, this.lastEventTime, this.lastError);
	}

	/**
	 * @param lastEventTime cluster time of the last published change
	 * @param lastError the last failure, kept after recovery for diagnosis
	 */
	record View(String collection, StreamState state, long published, Instant lastEventTime, String lastError) {
	}

}
