package dev.llmtwin.feature.clean;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;

/**
 * Normalizes raw text before chunking.
 * <p>
 * Prose (articles, posts): Unicode NFKC, which also turns the "fancy" mathematical bold,
 * italic and monospace letters people paste into posts, ligatures, full-width letters and
 * non-breaking spaces into their plain equivalents; no emoji, control or invisible
 * formatting characters; Markdown links as readable {@code text (url)}; single spaces
 * within a line and paragraphs separated by exactly one blank line.
 * <p>
 * Code: only line endings unified, control characters removed and trailing whitespace and
 * runs of blank lines trimmed; indentation and line breaks stay, and no Unicode
 * normalization (it would change string literals).
 * <p>
 * Then, per type as configured, e-mail addresses and phone numbers are redacted.
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

	/**
	 * One emoji with its modifiers, variation selectors, keycaps, tags and the joiners
	 * between the parts of a sequence. Copyright, registered and trade-mark signs are
	 * pictographic too, but they are text.
	 */
	private static final String EMOJI_PART = "[[\\p{IsExtended_Pictographic}\\p{IsEmoji_Modifier}"
			+ "\\x{1F1E6}-\\x{1F1FF}\\x{FE0E}\\x{FE0F}\\x{20E3}\\x{E0020}-\\x{E007F}]&&[^\\x{A9}\\x{AE}\\x{2122}]]";

	private static final Pattern EMOJI = Pattern.compile(EMOJI_PART + "(?:\\u200D?" + EMOJI_PART + ")*\\u200D?");

	private static final Pattern MARKDOWN_LINKS = Pattern.compile("!?\\[([^\\]\\n]+)\\]\\((https?://[^)\\s]+)\\)");

	private static final Pattern ANGLE_LINKS = Pattern.compile("<(https?://[^>\\s]+)>");

	private static final Pattern HORIZONTAL_WHITESPACE = Pattern.compile("\\h+");

	private static final Pattern SPACES_AROUND_LINE_BREAKS = Pattern.compile(" ?\\n ?");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private static final Pattern TRAILING_WHITESPACE = Pattern.compile("[ \\t\\u00A0]+(?=\\n|$)");

	private final CleaningProperties properties;

	public TextCleaner(CleaningProperties properties) {
		this.properties = properties;
	}

	public String clean(String text, FeatureType type) {
		if (text == null) {
			return "";
		}
		String cleaned = (type == FeatureType.CODE) ? cleanCode(text) : cleanProse(text);
		return PiiRedactor.redact(cleaned, this.properties.of(type));
	}

	private static String cleanProse(String text) {
		String cleaned = Normalizer.normalize(text, Normalizer.Form.NFKC);
		cleaned = LINE_BREAKS.matcher(cleaned).replaceAll("\n");
		cleaned = PARAGRAPH_SEPARATORS.matcher(cleaned).replaceAll("\n\n");
		cleaned = EMOJI.matcher(cleaned).replaceAll("");
		cleaned = INVISIBLE.matcher(cleaned).replaceAll("");
		cleaned = MARKDOWN_LINKS.matcher(cleaned).replaceAll("$1 ($2)");
		cleaned = ANGLE_LINKS.matcher(cleaned).replaceAll("$1");
		cleaned = HORIZONTAL_WHITESPACE.matcher(cleaned).replaceAll(" ");
		cleaned = SPACES_AROUND_LINE_BREAKS.matcher(cleaned).replaceAll("\n");
		cleaned = BLANK_LINES.matcher(cleaned).replaceAll("\n\n");
		return cleaned.strip();
	}

	private static String cleanCode(String text) {
		String cleaned = LINE_BREAKS.matcher(text).replaceAll("\n");
		cleaned = INVISIBLE.matcher(cleaned).replaceAll("");
		cleaned = TRAILING_WHITESPACE.matcher(cleaned).replaceAll("");
		cleaned = BLANK_LINES.matcher(cleaned).replaceAll("\n\n");
		// Leading blank lines go, the first line's indentation stays.
		return cleaned.replaceFirst("^\\n+", "").stripTrailing();
	}

}
