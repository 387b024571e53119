package dev.llmtwin.feature.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses and phone numbers with placeholders. Phone numbers are
 * recognised conservatively (an international prefix, an area code in parentheses, or
 * separated digit groups with at least nine digits), so that dates, years, versions and
 * amounts stay.
 */
final class PiiRedactor {

	static final String EMAIL = "[EMAIL]";

	static final String PHONE = "[PHONE]";

	private static final Pattern EMAILS = Pattern
		.compile("(?<![\\w.%+-])[\\w.%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");

	private static final String SEPARATOR = "[ .\\-\\u00A0]?";

	private static final Pattern PHONES = Pattern.compile("(?<![\\w.+\\-/])(?:"
			// +44 20 7946 0958, +1 (555) 123-4567, +33612345678
			+ "\\+\\d{1,3}" + SEPARATOR + "(?:\\(\\d{1,4}\\)" + SEPARATOR + ")?\\d{1,4}(?:" + SEPARATOR
			+ "\\d{2,4}){1,4}"
			// (555) 123-4567
			+ "|\\(\\d{2,4}\\)" + SEPARATOR + "\\d{3,4}" + SEPARATOR + "\\d{3,4}"
			// 555-123-4567, 06 12 34 56 78, 030 1234 5678
			+ "|\\d{2,4}(?:[ .\\-]\\d{2,4}){2,4}" + ")(?![\\w\\-/]|\\.\\d)");

	private PiiRedactor() {
	}

	static String redact(String text, CleaningProperties.Redaction redaction) {
		String redacted = text;
		if (redaction.emails()) {
			redacted = EMAILS.matcher(redacted).replaceAll(EMAIL);
		}
		if (redaction.phones()) {
			redacted = redactPhones(redacted);
		}
		return redacted;
	}

	private static String redactPhones(String text) {
		Matcher matcher = PHONES.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String candidate = matcher.group();
			long digits = candidate.chars().filter(Character::isDigit).count();
			boolean international = candidate.startsWith("+");
			boolean phone = international ? digits >= 8 : digits >= 9 && looksDialled(candidate);
			matcher.appendReplacement(result,
					phone ? Matcher.quoteReplacement(PHONE) : Matcher.quoteReplacement(candidate));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * National numbers start with a trunk prefix 0 or have an area code in parentheses or
	 * the North American 3-3-4 grouping; other digit groups are more often figures.
	 */
	private static boolean looksDialled(String candidate) {
		return candidate.startsWith("0") || candidate.startsWith("(")
				|| candidate.matches("\\d{3}[ .\\-]\\d{3}[ .\\-]\\d{4}");
	}

}
