package dev.llmtwin.feature.clean;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Normalizes raw text before chunking: Unicode NFKC (so compatibility forms such as
 * ligatures, full-width letters and non-breaking spaces tokenize like their plain
 * equivalents), no control or invisible formatting characters, single spaces within a
 * line, and paragraphs separated by exactly one blank line.
 */
@Component
public class TextCleaner {

	private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?|[\\u000B\\f\\u0085\\u2028]");

	private static final Pattern PARAGRAPH_SEPARATORS = Pattern.compile("\\u2029");

	/**
	 * Control characters other than line breaks and tabs, lone surrogates, and invisible
	 * characters that only split words for the tokenizer (soft hyphen, zero-width space,
	 * word joiner, byte-order mark). Zero-width (non-)joiners stay: some scripts need
	 * them.
	 */
	private static final Pattern INVISIBLE = Pattern
		.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cs}|[\\u00AD\\u200B\\u2060\\uFEFF]");

	private static final Pattern HORIZONTAL_WHITESPACE = Pattern.compile("\\h+");

	private static final Pattern SPACES_AROUND_LINE_BREAKS = Pattern.compile(" ?\\n ?");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	public String clean(String text) {
		if (text == null) {
			return "";
		}
		String cleaned = Normalizer.normalize(text, Normalizer.Form.NFKC);
		cleaned = LINE_BREAKS.matcher(cleaned).replaceAll("\n");
		cleaned = PARAGRAPH_SEPARATORS.matcher(cleaned).replaceAll("\n\n");
		cleaned = INVISIBLE.matcher(cleaned).replaceAll("");
		cleaned = HORIZONTAL_WHITESPACE.matcher(cleaned).replaceAll(" ");
		cleaned = SPACES_AROUND_LINE_BREAKS.matcher(cleaned).replaceAll("\n");
		cleaned = BLANK_LINES.matcher(cleaned).replaceAll("\n\n");
		return cleaned.strip();
	}

}
