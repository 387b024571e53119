package dev.llmtwin.console.fleet;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetTest {

	@Test
	void partsAlternateBetweenTextAndMarkedWords() {
		Search.Snippet snippet = new Search.Snippet("keep the resume token safe",
				List.of(new Search.Highlight(9, 15), new Search.Highlight(16, 21)));
		assertThat(snippet.parts()).containsExactly(new Search.Part("keep the ", false),
				new Search.Part("resume", true), new Search.Part(" ", false), new Search.Part("token", true),
				new Search.Part(" safe", false));
	}

	@Test
	void highlightsOutsideOrOverlappingTheTextAreClamped() {
		Search.Snippet snippet = new Search.Snippet("abcdef",
				List.of(new Search.Highlight(0, 2), new Search.Highlight(1, 4), new Search.Highlight(5, 99)));
		assertThat(snippet.parts()).containsExactly(new Search.Part("ab", true), new Search.Part("cd", true),
				new Search.Part("e", false), new Search.Part("f", true));
	}

	@Test
	void aJobsBarHasOneSegmentPerStatusPresent() {
		CrawlJobs.Counts counts = new CrawlJobs.Counts(6, 1, 1, 2, 0, 2, 0, 2);
		assertThat(counts.segments()).containsExactly(new CrawlJobs.Segment("done", 0, 2),
				new CrawlJobs.Segment("failed", 2, 2), new CrawlJobs.Segment("running", 4, 1),
				new CrawlJobs.Segment("queued", 5, 1));
		assertThat(counts.finished()).isEqualTo(4);
		assertThat(counts.percent()).isEqualTo(66);
	}

}
