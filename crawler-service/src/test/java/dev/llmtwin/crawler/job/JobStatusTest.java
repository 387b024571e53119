package dev.llmtwin.crawler.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class JobStatusTest {

	@ParameterizedTest
	@CsvSource({ "3, 0, 0, 0, 0, 0, QUEUED", "2, 1, 0, 0, 0, 0, RUNNING", "2, 0, 1, 0, 0, 0, RUNNING",
			"1, 0, 0, 0, 2, 0, RUNNING", "0, 1, 0, 0, 2, 0, RUNNING", "0, 0, 1, 0, 2, 0, DONE",
			"0, 0, 0, 1, 2, 0, DONE", "0, 0, 0, 0, 3, 0, FAILED", "0, 1, 0, 0, 0, 2, RUNNING",
			"0, 0, 1, 0, 0, 2, CANCELLED", "0, 0, 0, 0, 0, 3, CANCELLED" })
	void statusFollowsTheLinks(int queued, int running, int done, int unchanged, int failed, int cancelled,
			JobStatus status) {
		int total = queued + running + done + unchanged + failed + cancelled;
		CrawlJobView.Counts counts = new CrawlJobView.Counts(total, queued, running, done, unchanged, failed, cancelled,
				done + unchanged);

		assertThat(JobStatus.of(counts)).isEqualTo(status);
	}

}
