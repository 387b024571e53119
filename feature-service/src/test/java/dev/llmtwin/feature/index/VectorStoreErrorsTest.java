package dev.llmtwin.feature.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class VectorStoreErrorsTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final VectorStoreErrors errors = new VectorStoreErrors(this.meters);

	@Test
	void aFailedCallIsCountedByOperationAndExceptionAndStillThrown() {
		assertThatIllegalStateException().isThrownBy(() -> this.errors.counted("apply", () -> {
			throw new IllegalStateException("Qdrant is unreachable");
		})).withMessage("Qdrant is unreachable");

		assertThat(this.meters.get(VectorStoreErrors.ERRORS)
			.tags("operation", "apply", "exception", "IllegalStateException")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aSuccessfulCallReturnsItsResultAndCountsNothing() {
		assertThat(this.errors.counted("count", () -> 42L)).isEqualTo(42L);

		assertThat(this.meters.find(VectorStoreErrors.ERRORS).counters()).isEmpty();
	}

}
