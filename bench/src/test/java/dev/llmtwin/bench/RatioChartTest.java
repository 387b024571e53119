package dev.llmtwin.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatioChartTest {

	@Test
	void drawsOnlyRatioFigures() {
		String svg = RatioChart
			.svg(List.of(Map.of("name", "a", "figures", Map.of("ratio", 0.93, "tokensPerSecond", 2900)),
					Map.of("name", "b<c", "figures", Map.of("throughputRatio", 1.7)),
					Map.of("name", "broken", "error", "x")));

		assertThat(svg).contains("a ratio").contains("0.930").contains("b&lt;c throughputRatio").contains("1.700");
		assertThat(svg).doesNotContain("tokensPerSecond").doesNotContain("broken");
	}

}
