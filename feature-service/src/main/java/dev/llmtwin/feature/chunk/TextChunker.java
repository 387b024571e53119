package dev.llmtwin.feature.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.chunk.TokenizedText.Break;

/**
 * Splits cleaned text into chunks of at most the configured number of the embedding
 * model's own tokens. The text is tokenized once, with the tokenizer shipped next to the
 * ONNX model, and cut between tokens: at the strongest break (paragraph, line, sentence,
 * word) in the second half of the allowed window, so chunks are at least half full. The
 * next chunk starts up to the overlap earlier, at a sentence or word start (code: at a
 * line start). Code prefers declarations (lines in the first column) and blank lines.
 * <p>
 * Why not langchain4j's recursive splitter: it adds up token counts of the pieces it
 * joins, which is not the count of the joined text below the word level (a chunk of CJK
 * text or emoji could exceed the limit), splits surrogate pairs there, tokenizes each
 * growing segment again, and emits chunks wholly contained in their neighbours.
 */
@Component
public class TextChunker implements AutoCloseable {

	/** bge-small-en-v1.5 reads at most this many tokens, [CLS] and [SEP] included. */
	public static final int MODEL_WINDOW_TOKENS = 512;

	/** The most content tokens a chunk may have: the window without [CLS] and [SEP]. */
	public static final int MAX_CONTENT_TOKENS = MODEL_WINDOW_TOKENS - 2;

	/**
	 * The smallest chunk limit: WordPiece turns a word of more than 100 characters into
	 * one unknown token, so no word has more tokens and no chunk needs to cut a word.
	 */
	public static final int MIN_MAX_TOKENS = 100;

	/** The model's own tokenizer, in the model's jar. */
	private static final String TOKENIZER = "/bge-small-en-v1.5-tokenizer.json";

	private final ChunkingProperties properties;

	private final HuggingFaceTokenizer tokenizer;

	public TextChunker(ChunkingProperties properties) {
		this.properties = properties;
		try (InputStream json = BgeSmallEnV15EmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
			this.tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the tokenizer " + TOKENIZER, ex);
		}
	}

	/**
	 * The chunks of a cleaned text with their token ids, at most
	 * {@code maxChunksPerDocument} of them. Code chunks keep the indentation of their
	 * first line.
	 */
	public List<TextChunk> chunk(String text, FeatureType type) {
		ChunkingProperties.Limits limits = this.properties.of(type);
		boolean code = type == FeatureType.CODE;
		TokenizedText tokens = new TokenizedText(text, this.tokenizer.encode(text, false, false), code);
		List<TextChunk> chunks = new ArrayList<>();
		int start = 0;
		while (start < tokens.size() && chunks.size() < this.properties.maxChunksPerDocument()) {
			int end = (tokens.size() - start <= limits.maxTokens()) ? tokens.size()
					: cut(tokens, start, limits.maxTokens());
			chunks.add(new TextChunk(tokens.slice(start, end), tokens.ids(start, end)));
			if (end == tokens.size()) {
				break;
			}
			start = nextStart(tokens, start, end, limits.overlapTokens(), code);
		}
		return chunks;
	}

	/** The model's token ids of a text, without special tokens. */
	public long[] tokenize(String text) {
		return this.tokenizer.encode(text, false, false).getIds();
	}

	/**
	 * Where the chunk from {@code start} ends: the latest of the strongest breaks in the
	 * window's second half, or in the whole window when the second half lies inside one
	 * word.
	 */
	private static int cut(TokenizedText tokens, int start, int maxTokens) {
		int half = start + maxTokens / 2;
		int best = start + maxTokens;
		Break bestBreak = tokens.breakBefore(best);
		for (int token = best - 1; token > start; token--) {
			if (token < half && bestBreak != Break.INSIDE_WORD) {
				break;
			}
			Break candidate = tokens.breakBefore(token);
			if (candidate.compareTo(bestBreak) > 0) {
				best = token;
				bestBreak = candidate;
			}
		}
		return best;
	}

	/**
	 * Where the chunk after one ending at {@code end} starts: the earliest sentence start
	 * within the overlap, else the earliest word start, else {@code end}.
	 */
	private static int nextStart(TokenizedText tokens, int start, int end, int overlapTokens, boolean code) {
		int from = Math.max(start + 1, end - overlapTokens);
		for (Break wanted : code ? List.of(Break.LINE) : List.of(Break.SENTENCE, Break.SPACE)) {
			for (int token = from; token < end; token++) {
				if (tokens.breakBefore(token).compareTo(wanted) >= 0) {
					return token;
				}
			}
		}
		return end;
	}

	@Override
	public void close() {
		this.tokenizer.close();
	}

}
