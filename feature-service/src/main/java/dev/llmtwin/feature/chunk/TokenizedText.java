package dev.llmtwin.feature.chunk;

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
		SPACE, SENTENCE, LINE, PARAGRAPH

	}

	private static final String SENTENCE_ENDS = ".!?…。！？";

	private static final String SPACELESS_SENTENCE_ENDS = "。！？";

	private static final String CLOSING_MARKS = "\"')]»”’";

	private final String text;

	private final int[] starts;

	private final int[] ends;

	private final long[] words;

	TokenizedText(String text, Encoding encoding) {
		this.text = text;
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
		return this.text.substring(this.starts[from], this.ends[to - 1]);
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

	/** The char before {@code end}, looking through closing quotes and brackets. */
	private char lastMeaningfulChar(int end) {
		int index = end - 1;
		while (index > 0 && CLOSING_MARKS.indexOf(this.text.charAt(index)) >= 0) {
			index--;
		}
		return this.text.charAt(index);
	}

}
