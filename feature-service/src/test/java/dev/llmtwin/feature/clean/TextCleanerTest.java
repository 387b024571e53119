package dev.llmtwin.feature.clean;

import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTest {

	private final TextCleaner cleaner = new TextCleaner(new CleaningProperties(CleaningProperties.Redaction.ALL,
			CleaningProperties.Redaction.ALL, CleaningProperties.Redaction.ALL));

	@Test
	void normalizesCompatibilityFormsWithNfkc() {
		assertThat(clean("\uFB01nance in ＦＵＬＬ width, x\u00B2 and caf\u0065\u0301"))
			.isEqualTo("finance in FULL width, x2 and caf\u00E9");
	}

	@Test
	void turnsFancyMathematicalLettersIntoPlainOnes() {
		// Bold, italic, bold-italic sans, script and monospace letters pasted into posts.
		assertThat(clean("\uD835\uDC01\uD835\uDC28\uD835\uDC25\uD835\uDC1D \uD835\uDE2A\uD835\uDE35\uD835\uDE22"
				+ "\uD835\uDE2D\uD835\uDE2A\uD835\uDE24 \uD835\uDE7C\uD835\uDE98\uD835\uDE97\uD835\uDE98 "
				+ "\uD835\uDCD7\uD835\uDCEE\uD835\uDCFB\uD835\uDCEE"))
			.isEqualTo("Bold italic Mono Here");
	}

	@Test
	void removesEmojiWithTheirJoinersModifiersAndFlags() {
		assertThat(clean("Launch day \uD83D\uDE80\uD83C\uDF89! Team \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 "
				+ "\uD83D\uDC4D\uD83C\uDFFD from \uD83C\uDDEB\uD83C\uDDF7 \u2705 \u2764\uFE0F done"))
			.isEqualTo("Launch day ! Team from done");
		// Copyright and registered signs are text; NFKC spells the trade-mark sign out.
		assertThat(clean("\u00A9 2026 Acme\u2122, \u00AE")).isEqualTo("\u00A9 2026 AcmeTM, \u00AE");
	}

	@Test
	void keepsLinksAsReadableText() {
		assertThat(clean("Read [my post](https://example.com/post) or <https://example.com/a?b=1> "
				+ "or https://example.com/c."))
			.isEqualTo(
					"Read my post (https://example.com/post) or https://example.com/a?b=1 or https://example.com/c.");
	}

	@Test
	void redactsEmailsAndPhoneNumbersButNotFigures() {
		assertThat(clean("Write to jane.doe+blog@example.co.uk or call +44 20 7946 0958, (555) 123-4567, "
				+ "555-123-4567 or 06 12 34 56 78."))
			.isEqualTo("Write to [EMAIL] or call [PHONE], [PHONE], [PHONE] or [PHONE].");
		String figures = "In 2019-2021 we grew 12.5% to 1,234,567 users; v1.2.3 shipped on 2021-03-04 at 10:30, "
				+ "ISBN 978-3-16-148410-0 aside, see @jane on 05.03.2021.";
		assertThat(clean(figures)).isEqualTo(figures);
	}

	@Test
	void redactionIsConfigurablePerType() {
		TextCleaner keepsPosts = new TextCleaner(new CleaningProperties(CleaningProperties.Redaction.ALL,
				new CleaningProperties.Redaction(false, false), new CleaningProperties.Redaction(true, false)));
		String text = "mail jane@example.com or +1 555 123 4567";

		assertThat(keepsPosts.clean(text, FeatureType.POST)).isEqualTo(text);
		assertThat(keepsPosts.clean(text, FeatureType.ARTICLE)).isEqualTo("mail [EMAIL] or [PHONE]");
		assertThat(keepsPosts.clean(text, FeatureType.CODE)).isEqualTo("mail [EMAIL] or +1 555 123 4567");
	}

	@Test
	void codeKeepsIndentationAndLineBreaks() {
		String code = "\n\nclass A {\r\n\n\n\n    void run() {   \r\n\tif (x) {\n\t\treturn \"\uFB01\";\u0007\n\t}\n    }\n}\n\n";

		assertThat(this.cleaner.clean(code, FeatureType.CODE))
			.isEqualTo("class A {\n\n    void run() {\n\tif (x) {\n\t\treturn \"\uFB01\";\n\t}\n    }\n}");
		assertThat(this.cleaner.clean("  indented first line\n", FeatureType.CODE)).isEqualTo("  indented first line");
	}

	@Test
	void removesControlAndInvisibleCharacters() {
		assertThat(clean("bell\u0007 and null\u0000 and esc\u001B[0m")).isEqualTo("bell and null and esc[0m");
		assertThat(clean("in\u200Bvisible hy\u00ADphen \uFEFFbom")).isEqualTo("invisible hyphen bom");
		assertThat(clean("lone\uD800 surrogate")).isEqualTo("lone surrogate");
	}

	@Test
	void collapsesWhitespaceRunsWithinLines() {
		assertThat(clean("  several \t\t spaces\u00A0\u00A0and\u2003tabs  ")).isEqualTo("several spaces and tabs");
	}

	@Test
	void keepsParagraphBreaksAsOneBlankLine() {
		assertThat(clean("First paragraph.\r\n\r\n\r\n\r\nSecond  paragraph.\n \t \nThird."))
			.isEqualTo("First paragraph.\n\nSecond paragraph.\n\nThird.");
	}

	@Test
	void keepsSingleLineBreaksWithoutSurroundingSpaces() {
		assertThat(clean("- item one   \n   - item two\rlast\u2028line"))
			.isEqualTo("- item one\n- item two\nlast\nline");
	}

	@Test
	void turnsParagraphSeparatorsIntoBlankLines() {
		assertThat(clean("one\u2029two")).isEqualTo("one\n\ntwo");
	}

	@Test
	void nothingLeftIsEmpty() {
		assertThat(this.cleaner.clean(null, FeatureType.POST)).isEmpty();
		assertThat(clean(" \n\n\t\u200B\u0000 ")).isEmpty();
		assertThat(clean("\uD83D\uDE80 \uD83C\uDF89")).isEmpty();
	}

	private String clean(String text) {
		return this.cleaner.clean(text, FeatureType.POST);
	}

}
