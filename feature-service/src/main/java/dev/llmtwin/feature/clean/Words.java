package dev.llmtwin.feature.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a cleaned text in any script: a run of letters and digits where words are
 * spaced, one character where they are not (Chinese and Japanese), so that the same rules
 * measure an essay in either.
 */
public final class Words {

	/** The Han, Hiragana and Katakana scripts, and the katakana length mark (ー). */
	private static final String UNSPACED = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\u30FC";

	private static final int LENGTH_MARK = 0x30FC;

	private static final Pattern WORD = Pattern.compile("[" + UNSPACED + "]|[\\p{L}\\p{N}&&[^" + UNSPACED + "]]+");

	/** A Chinese or Japanese word is about two characters long. */
	private static final int UNSPACED_CHARACTERS_PER_WORD = 2;

	private Words() {
	}

	/** The text's tokens in order: words, and single characters of unspaced scripts. */
	public static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

	/** About how many words the text holds. */
	public static int count(String text) {
		int spaced = 0;
		int unspaced = 0;
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			int first = text.codePointAt(matcher.start());
			if (matcher.end() - matcher.start() == Character.charCount(first) && isUnspaced(first)) {
				unspaced++;
			}
			else {
				spaced++;
			}
		}
		return spaced + (unspaced + UNSPACED_CHARACTERS_PER_WORD - 1) / UNSPACED_CHARACTERS_PER_WORD;
	}

	private static boolean isUnspaced(int codePoint) {
		Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
		return codePoint == LENGTH_MARK || script == Character.UnicodeScript.HAN
				|| script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
	}

}
