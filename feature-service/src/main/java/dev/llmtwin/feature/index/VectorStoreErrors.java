package dev.llmtwin.feature.index;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the vector store's failures: {@code feature.vector-store.errors} tagged
 * {@code operation} (apply, search, count, inventory, chunks) and {@code exception} (its
 * class), so that an outage of Qdrant shows on the dashboard before the dead letters do.
 */
class VectorStoreErrors {

	static final String ERRORS = "feature.vector-store.errors";

	private final MeterRegistry meters;

	VectorStoreErrors(MeterRegistry meters) {
		this.meters = meters;
	}

	<T> T counted(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			Counter.builder(ERRORS)
				.description("Calls to the vector store that failed")
				.tag("operation", operation)
				.tag("exception", ex.getClass().getSimpleName())
				.register(this.meters)
				.increment();
			throw ex;
		}
	}

	void counted(String operation, Runnable call) {
		counted(operation, () -> {
			call.run();
			return null;
		});
	}

}
