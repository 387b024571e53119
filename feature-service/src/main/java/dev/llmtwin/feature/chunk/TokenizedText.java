package dev.llmtwin.feature.chunk;

import java.util.Arrays;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

/**
 * A text with its tokens: where each token starts and ends in the text, and how strong a
 * break lies between two tokens.
 */
final class TokenizedText {

	/** How well a chunk may end between two tokens, weakest first. */
	enum Break {

		/** Between the pieces of one word: only when a word is longer than a chunk. */
		INSIDE_WORD,
		/** Between words without whitespace (punctuation, CJK characters). */
		WORD,
		/** Between words separated by whitespace. */
		SPACE, SENTENCE, LINE, PARAGRAPH,
		/** In code: before a line that starts in the first column after a blank line. */
		DECLARATION

	}

	private static final String SENTENCE_ENDS = ".!?…。！？";

	private static final String SPACELESS_SENTENCE_ENDS = "。！？";

	private static final String CLOSING_BRACKETS = ")]}>";

	private static final String CLOSING_MARKS = "\"')]»”’";

	private final String text;

	private final int[] starts;

	private final int[] ends;

	private final long[] words;

	private final long[] ids;

	private final boolean code;

	TokenizedText(String text, Encoding encoding, boolean code) {
		this.text = text;
		this.code = code;
		this.ids = encoding.getIds();
		CharSpan[] spans = encoding.getCharTokenSpans();
		this.words = encoding.getWordIds();
		this.starts = new int[spans.length];
		this.ends = new int[spans.length];
		// The tokenizer counts offsets in code points; Java strings index UTF-16 chars.
		int[] charIndexes = new int[text.codePointCount(0, text.length()) + 1];
		int codePoint = 0;
		for (int index = 0; index < text.length(); index += Character.charCount(text.codePointAt(index))) {
			charIndexes[codePoint++] = index;
		}
		charIndexes[codePoint] = text.length();
		for (int token = 0; token < spans.length; token++) {
			this.starts[token] = charIndexes[spans[token].getStart()];
			this.ends[token] = charIndexes[spans[token].getEnd()];
		}
	}

	int size() {
		return this.starts.length;
	}

	/**
	 * The text from the start of token {@code from} to the end of token {@code to - 1}.
	 */
	String slice(int from, int to) {
		return this.text.substring(this.code ? lineStart(this.starts[from]) : this.starts[from], this.ends[to - 1]);
	}

	/** The token ids from {@code from} to {@code to - 1}. */
	long[] ids(int from, int to) {
		return Arrays.copyOfRange(this.ids, from, to);
	}

	/**
	 * Where the line of {@code index} starts when only indentation precedes it there:
	 * code keeps its indentation (whitespace adds no tokens).
	 */
	private int lineStart(int index) {
		int start = index;
		while (start > 0 && (this.text.charAt(start - 1) == ' ' || this.text.charAt(start - 1) == '\t')) {
			start--;
		}
		return (start == 0 || this.text.charAt(start - 1) == '\n') ? start : index;
	}

	/**
	 * The break between token {@code token - 1} and token {@code token}. Cutting at a
	 * word boundary keeps the count exact: both sides tokenize as they did in the whole
	 * text.
	 */
	Break breakBefore(int token) {
		if (this.words[token] == this.words[token - 1]) {
			return Break.INSIDE_WORD;
		}
		String gap = this.text.substring(this.ends[token - 1], this.starts[token]);
		int lineBreaks = (int) gap.chars().filter((c) -> c == '\n').count();
		if (this.code) {
			return codeBreak(gap, lineBreaks, token);
		}
		if (lineBreaks > 1) {
			return Break.PARAGRAPH;
		}
		if (lineBreaks == 1) {
			return Break.LINE;
		}
		char last = lastMeaningfulChar(this.ends[token - 1]);
		if ((!gap.isEmpty() && SENTENCE_ENDS.indexOf(last) >= 0) || SPACELESS_SENTENCE_ENDS.indexOf(last) >= 0) {
			return Break.SENTENCE;
		}
		return gap.isEmpty() ? Break.WORD : Break.SPACE;
	}

	/**
	 * Code breaks best before a line in the first column (a declaration, not a closing
	 * bracket), then at blank lines, then at line ends; sentences do not count.
	 */
	private Break codeBreak(String gap, int lineBreaks, int token) {
		if (lineBreaks == 0) {
			return gap.isEmpty() ? Break.WORD : Break.SPACE;
		}
		boolean firstColumn = gap.endsWith("\n") && CLOSING_BRACKETS.indexOf(this.text.charAt(this.starts[token])) < 0;
		if (firstColumn) {
			return (lineBreaks > 1) ? Break.DECLARATION : Break.PARAGRAPH;
		}
		return (lineBreaks > 1) ? Break.PARAGRAPH : Break.LINE;
	}

	/** The char before {@code end}, looking through closing quotes and brackets. */
	private char lastMeaningfulChar(int end) {
		int index = end - 1;
		while (index > 0 && CLOSING_MARKS.indexOf(this.text.charAt(index)) >= 0) {
			index--;
		}
		return this.text.charAt(index);
	}

}
