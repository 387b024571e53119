package dev.llmtwin.feature.index;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** One reindex, with its progress; read while it runs. */
final class ReindexJob {

	enum Status {

		RUNNING, SUCCEEDED, FAILED

	}

	final String id = UUID.randomUUID().toString();

	final String model;

	final String fromModel;

	final Instant startedAt = Instant.now();

	final AtomicLong documentsDone = new AtomicLong();

	final AtomicLong chunks = new AtomicLong();

	volatile long documentsTotal;

	volatile Status status = Status.RUNNING;

	volatile String phase = "starting";

	volatile Instant finishedAt;

	volatile String error;

	ReindexJob(String model, String fromModel) {
		this.model = model;
		this.fromModel = fromModel;
	}

	View view() {
		return new View(this.id, this.model, this.fromModel, this.status.name().toLowerCase(java.util.Locale.ROOT),
				this.phase, this.documentsTotal, this.documentsDone.get(), this.chunks.get(), this.startedAt,
				this.finishedAt, this.error);
	}

	/**
	 * A job as the API shows it.
	 *
	 * @param id the job id
	 * @param model the model the new index is built with
	 * @param fromModel the model active when the job started
	 * @param status {@code running}, {@code succeeded} or {@code failed}
	 * @param phase what the job does now
	 * @param documentsTotal cleaned documents to embed
	 * @param documentsDone cleaned documents embedded so far
	 * @param chunks chunks written to the new index
	 * @param startedAt when it started
	 * @param finishedAt when it ended
	 * @param error why it failed
	 */
	record View(String id, String model, String fromModel, String status, String phase, long documentsTotal,
			long documentsDone, long chunks, Instant startedAt, Instant finishedAt, String error) {
	}

}
