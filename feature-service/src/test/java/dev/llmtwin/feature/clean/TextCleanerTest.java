package dev.llmtwin.feature.clean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTest {

	private final TextCleaner cleaner = new TextCleaner();

	@Test
	void normalizesCompatibilityFormsWithNfkc() {
		assertThat(this.cleaner.clean("\uFB01nance in ＦＵＬＬ width, x\u00B2 and caf\u0065\u0301"))
			.isEqualTo("finance in FULL width, x2 and caf\u00E9");
	}

	@Test
	void removesControlAndInvisibleCharacters() {
		assertThat(this.cleaner.clean("bell\u0007 and null\u0000 and esc\u001B[0m"))
			.isEqualTo("bell and null and esc[0m");
		assertThat(this.cleaner.clean("in\u200Bvisible hy\u00ADphen \uFEFFbom")).isEqualTo("invisible hyphen bom");
		assertThat(this.cleaner.clean("lone\uD800 surrogate")).isEqualTo("lone surrogate");
	}

	@Test
	void keepsEmojiAndJoiners() {
		assertThat(this.cleaner.clean("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83D\uDE42"))
			.isEqualTo("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83D\uDE42");
	}

	@Test
	void collapsesWhitespaceRunsWithinLines() {
		assertThat(this.cleaner.clean("  several \t\t spaces\u00A0\u00A0and\u2003tabs  "))
			.isEqualTo("several spaces and tabs");
	}

	@Test
	void keepsParagraphBreaksAsOneBlankLine() {
		assertThat(this.cleaner.clean("First paragraph.\r\n\r\n\r\n\r\nSecond  paragraph.\n \t \nThird."))
			.isEqualTo("First paragraph.\n\nSecond paragraph.\n\nThird.");
	}

	@Test
	void keepsSingleLineBreaksWithoutSurroundingSpaces() {
		assertThat(this.cleaner.clean("- item one   \n   - item two\rlast\u2028line"))
			.isEqualTo("- item one\n- item two\nlast\nline");
	}

	@Test
	void turnsParagraphSeparatorsIntoBlankLines() {
		assertThat(this.cleaner.clean("one\u2029two")).isEqualTo("one\n\ntwo");
	}

	@Test
	void nothingLeftIsEmpty() {
		assertThat(this.cleaner.clean(null)).isEmpty();
		assertThat(this.cleaner.clean(" \n\n\t\u200B\u0000 ")).isEmpty();
	}

}
