package dev.llmtwin.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

	private static final Benchmark FAST = benchmark("fast",
			List.of(Goal.below("p99Millis", 10), Goal.atLeast("recall", 0.95)));

	private static final Benchmark BROKEN = benchmark("broken", List.of(Goal.below("seconds", 1)));

	@Test
	void aGoalIsMetOnItsSideOfTheBound() {
		assertThat(Goal.below("t", 10).metBy(9.99)).isTrue();
		assertThat(Goal.below("t", 10).metBy(10)).isFalse();
		assertThat(Goal.atLeast("r", 0.95).metBy(0.95)).isTrue();
		assertThat(Goal.atLeast("r", 0.95).metBy(0.949)).isFalse();
	}

	@Test
	void theTableSaysForEachGoalWhetherItIsMetAndWhatWasNotMeasured() {
		List<Report.Row> rows = Report.rows(List.of(FAST, BROKEN),
				Map.of("fast", Map.of("p99Millis", 12.5, "recall", 0.99, "other", 3)));

		String table = Report.table(rows);

		assertThat(rows).hasSize(2);
		assertThat(table).containsPattern("fast\\s+p99Millis\\s+12.5\\s+< 10\\s+NOT met");
		assertThat(table).containsPattern("fast\\s+recall\\s+0.99\\s+≥ 0.95\\s+met");
		assertThat(table).doesNotContain("other").doesNotContain("broken");
	}

	@Test
	void aWholeRunIsHeldToItsBudgetOfMinutes() {
		String table = Report
			.table(List.of(Report.budget(Duration.ofSeconds(700)), Report.budget(Duration.ofSeconds(570))));

		assertThat(table).containsPattern("make bench\\s+minutes\\s+11.667\\s+< 10\\s+NOT met");
		assertThat(table).containsPattern("make bench\\s+minutes\\s+9.5\\s+< 10\\s+met");
	}

	@Test
	void theHtmlPageEscapesWhatItShows() {
		List<Report.Row> rows = Report.rows(List.of(benchmark("a<b", List.of(Goal.below("x", 1)))),
				Map.of("a<b", Map.of("x", 0.5)));

		String html = Report.html(rows, "<svg/>", "Measured on <2> cores");

		assertThat(html).contains("a&lt;b").contains("Measured on &lt;2&gt; cores").contains("<svg/>");
		assertThat(html).contains("class=\"met\"");
	}

	private static Benchmark benchmark(String name, List<Goal> goals) {
		return new Benchmark() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public String description() {
				return name;
			}

			@Override
			public Map<String, Object> run() {
				return Map.of();
			}

			@Override
			public List<Goal> goals() {
				return goals;
			}

		};
	}

}
