package dev.llmtwin.local;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make chaos} in its bounded form: fewer changes between faults, a short outage.
 */
class ChaosTest {

	@Test
	void everyFaultIsSurvivedWithNothingMissingStaleOrDuplicated(@TempDir Path dataDir) {
		ChaosRun.Report report = ChaosRun.run(PipelineScenario.settings(dataDir),
				new ChaosRun.Options(12, Duration.ofSeconds(4), Duration.ofMinutes(3)));
		System.out.println(report.line());

		assertThat(report.faults()).containsExactly("restart feature", "restart cdc", "restart crawler",
				"restart the broker (every connection cut)", "restart MongoDB", "vector store down for 4 s");
		assertThat(report.changesMade()).isGreaterThanOrEqualTo(7 * 12);
		assertThat(report.eventsPublished()).isGreaterThanOrEqualTo(report.changesMade());
		assertThat(report.settled()).as(report.line()).isTrue();
		assertThat(report.changesWithoutEvent()).as(report.line()).isZero();
		assertThat(new int[] { report.missing(), report.stale(), report.duplicated(), report.orphaned() })
			.as(report.line())
			.containsOnly(0);
	}

}
