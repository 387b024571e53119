package dev.llmtwin.cdc.stream;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.lease.StreamLease;
import dev.llmtwin.cdc.publish.PublishWindow;

/**
 * What the snapshot and the streaming of one collection share: its lease, its status, the
 * settings, and the requests to stop or to snapshot, which they check between steps.
 */
final class StreamContext {

	private final String collection;

	private final StreamLease lease;

	private final StreamStatus status;

	private final CdcProperties properties;

	private final ConnectionFactory broker;

	private volatile boolean stopping;

	private volatile boolean snapshotRequested;

	StreamContext(String collection, StreamLease lease, StreamStatus status, CdcProperties properties,
			ConnectionFactory broker) {
		this.collection = collection;
		this.lease = lease;
		this.status = status;
		this.properties = properties;
		this.broker = broker;
	}

	String collection() {
		return this.collection;
	}

	StreamLease lease() {
		return this.lease;
	}

	StreamStatus status() {
		return this.status;
	}

	CdcProperties properties() {
		return this.properties;
	}

	void requestStop(boolean stop) {
		this.stopping = stop;
	}

	boolean stopping() {
		return this.stopping;
	}

	void requestSnapshot() {
		this.snapshotRequested = true;
	}

	/** Whether a snapshot was asked for; the request is taken with the answer. */
	boolean takeSnapshotRequest() {
		boolean requested = this.snapshotRequested;
		this.snapshotRequested = false;
		return requested;
	}

	boolean snapshotRequested() {
		return this.snapshotRequested;
	}

	/**
	 * Between two steps: stops when asked to, and renews the lease when due.
	 * @throws InterruptedException when the stream is stopping
	 * @throws dev.llmtwin.cdc.lease.LeaseLostException when another instance took over
	 */
	void checkpoint() throws InterruptedException {
		if (this.stopping || Thread.currentThread().isInterrupted()) {
			throw new InterruptedException("Stream of " + this.collection + " stopped");
		}
		this.lease.renewIfDue();
	}

	/** A channel of its own for a publishing session, which keeps the order. */
	<P> PublishWindow<P> openWindow() {
		return PublishWindow.open(this.broker, this.properties.maxInFlight(), this.properties.confirmTimeout());
	}

}
