package dev.llmtwin.feature.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetTest {

	@Test
	void aMatchFarIntoTheChunkIsShownWithSomeTextBeforeItAndMarked() {
		String chunk = "Filler words go here. ".repeat(40) + "The Tromsø test reached 4.2 GB/s. " + "More. ".repeat(80);

		Snippet snippet = Snippet.of(chunk, "tromsø 4.2");

		assertThat(snippet.text()).hasSizeLessThanOrEqualTo(Snippet.LENGTH)
			.contains("The Tromsø test reached 4.2 GB/s.")
			.doesNotEndWith(" ");
		int start = chunk.indexOf(snippet.text());
		assertThat(chunk.charAt(start - 1)).as("the snippet starts at a word").isEqualTo(' ');
		assertThat(chunk.indexOf("Tromsø") - start).as("text kept before the match").isBetween(1, 60);
		assertThat(snippet.highlights()).extracting((range) -> snippet.text().substring(range.start(), range.end()))
			.containsExactly("Tromsø", "4.2");
	}

	@Test
	void withoutAMatchTheSnippetIsTheChunksBeginningUnmarked() {
		Snippet snippet = Snippet.of("Short text about <b>markup</b> that stays text.", "zeppelin");

		assertThat(snippet.text()).isEqualTo("Short text about <b>markup</b> that stays text.");
		assertThat(snippet.highlights()).isEmpty();
	}

}
