package dev.llmtwin.cdc.stream;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code cdc}: DOWN while a stream retries (broker down, unconfirmed, stream
 * broken) or has lost history not yet repaired by a snapshot, with each stream's state.
 */
@Component("cdc")
class CdcHealthIndicator extends AbstractHealthIndicator {

	private final ChangeStreams streams;

	CdcHealthIndicator(ChangeStreams streams) {
		this.streams = streams;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean healthy = true;
		for (StreamStatus status : this.streams.statuses()) {
			StreamStatus.View view = status.view();
			healthy &= status.healthy();
			builder.withDetail(view.collection(), (view.historyLost() != null)
					? view.state().wireName() + ": " + view.historyLost()
					: (status.healthy() ? view.state().wireName() : view.state().wireName() + ": " + view.lastError()));
		}
		if (healthy) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
