package dev.llmtwin.feature.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks chunks against the model's own tokenizer (the one shipped with the ONNX model),
 * not against the estimator the chunker uses.
 */
class TextChunkerTest {

	private static final String[] ALPHABETS = { "abcdefghijklmnopqrstuvwxyz", "ÀéîöüçñßØ", "日本語中文字", "αβγδεζ",
			"\uD83D\uDE00\uD83D\uDE80\uD83C\uDF89", "0123456789", ".,;:!?()\"'-" };

	private static final String[] SEPARATORS = { " ", " ", " ", " ", " ", ". ", "\n", "\n\n", "" };

	private static HuggingFaceTokenizer modelTokenizer;

	@BeforeAll
	static void loadModelTokenizer() throws IOException {
		try (InputStream json = BgeSmallEnV15EmbeddingModel.class
			.getResourceAsStream("/bge-small-en-v1.5-tokenizer.json")) {
			modelTokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
		}
	}

	@AfterAll
	static void closeModelTokenizer() {
		modelTokenizer.close();
	}

	@Test
	void smallestLimitsHoldOverManyGeneratedInputs() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 16)) {
			Random random = new Random(42);
			for (int input = 0; input < 150; input++) {
				String text = generate(random, 300);
				assertChunks(text, chunker.chunk(text, FeatureType.ARTICLE), TextChunker.MIN_MAX_TOKENS);
			}
		}
	}

	@Test
	void defaultLimitsHoldOverLongGeneratedInputs() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			Random random = new Random(7);
			for (int input = 0; input < 12; input++) {
				String text = generate(random, 2500);
				assertChunks(text, chunker.chunk(text, FeatureType.ARTICLE), 256);
			}
		}
	}

	@Test
	void splitsRunsWithoutWhitespace() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 16)) {
			Random random = new Random(3);
			String cjkAndEmoji = randomString(random, "日本語中文字\uD83D\uDE00\uD83D\uDE80", 3000);
			String punctuation = randomString(random, "(){}[];,.-=+*&^%$#@!", 2000);
			String url = "https://example.com/" + randomString(random, "abcdefghijklmnopqrstuvwxyz/-_.", 3000);
			for (String text : List.of(cjkAndEmoji, punctuation, url)) {
				assertChunks(text, chunker.chunk(text, FeatureType.ARTICLE), TextChunker.MIN_MAX_TOKENS);
			}
			List<String> chunks = chunker.chunk(cjkAndEmoji, FeatureType.ARTICLE);
			assertThat(chunks.subList(0, chunks.size() - 1))
				.allSatisfy((chunk) -> assertThat(modelTokenCounts(chunk)[0]).isGreaterThanOrEqualTo(50));
		}
	}

	@Test
	void endsChunksAtSentencesAndOverlapsWholeSentences() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 24)) {
			String text = IntStream.range(0, 60)
				.mapToObj((i) -> "Sentence number " + i + " talks about topic " + i + ".")
				.collect(Collectors.joining(" "));

			List<String> chunks = chunker.chunk(text, FeatureType.ARTICLE);

			assertChunks(text, chunks, TextChunker.MIN_MAX_TOKENS);
			assertThat(chunks).hasSizeGreaterThan(5)
				.allSatisfy((chunk) -> assertThat(chunk).startsWith("Sentence number").endsWith("."));
			for (int i = 1; i < chunks.size(); i++) {
				String overlap = overlap(chunks.get(i - 1), chunks.get(i));
				assertThat(overlap).as("overlap of chunk %d", i).startsWith("Sentence number").endsWith(".");
				assertThat(modelTokenCounts(overlap)[0]).isLessThanOrEqualTo(24);
			}
		}
	}

	@Test
	void prefersParagraphBreaks() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 0)) {
			String paragraph = "One two three four five six seven eight nine ten. ".repeat(6).strip();
			String text = paragraph + "\n\n" + paragraph;

			assertThat(chunker.chunk(text, FeatureType.ARTICLE)).containsExactly(paragraph, paragraph);
		}
	}

	@Test
	void shortTextIsOneChunkAndBlankTextNone() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			assertThat(chunker.chunk("A short article.\n\nWith two paragraphs.", FeatureType.ARTICLE))
				.containsExactly("A short article.\n\nWith two paragraphs.");
			assertThat(chunker.chunk(" \n ", FeatureType.ARTICLE)).isEmpty();
		}
	}

	private static void assertChunks(String text, List<String> chunks, int maxTokens) {
		String flat = withoutWhitespace(text);
		int searchFrom = 0;
		int coveredUntil = 0;
		for (String chunk : chunks) {
			int[] counts = modelTokenCounts(chunk);
			assertThat(counts[0]).as("content tokens of %s", chunk).isLessThanOrEqualTo(maxTokens);
			assertThat(counts[1]).as("tokens with [CLS] and [SEP]")
				.isLessThanOrEqualTo(TextChunker.MODEL_WINDOW_TOKENS);
			assertThat(chunk).as("chunk text").isNotBlank();
			assertThat(hasLoneSurrogate(chunk)).as("lone surrogate in %s", chunk).isFalse();
			// Each chunk is the next piece of the text (whitespace aside), starting no
			// later
			// than where the previous one ended: nothing is left out.
			String piece = withoutWhitespace(chunk);
			int at = flat.indexOf(piece, searchFrom);
			assertThat(at).as("position of %s", chunk).isNotNegative().isLessThanOrEqualTo(coveredUntil);
			searchFrom = at;
			coveredUntil = Math.max(coveredUntil, at + piece.length());
		}
		assertThat(coveredUntil).as("covered characters").isEqualTo(flat.length());
	}

	/** The longest end of {@code previous} that {@code next} starts with. */
	private static String overlap(String previous, String next) {
		for (int length = Math.min(previous.length(), next.length()); length > 0; length--) {
			if (previous.endsWith(next.substring(0, length))) {
				return next.substring(0, length);
			}
		}
		return "";
	}

	private static int[] modelTokenCounts(String text) {
		return new int[] { modelTokenizer.encode(text, false, false).getIds().length,
				modelTokenizer.encode(text, true, false).getIds().length };
	}

	private static boolean hasLoneSurrogate(String text) {
		return text.codePoints().anyMatch((codePoint) -> Character.getType(codePoint) == Character.SURROGATE);
	}

	private static String withoutWhitespace(String text) {
		return text.replaceAll("\\s+", "");
	}

	private static String generate(Random random, int maxWords) {
		StringBuilder text = new StringBuilder();
		boolean latinOnly = random.nextBoolean();
		int words = 1 + random.nextInt(maxWords);
		for (int word = 0; word < words; word++) {
			String alphabet = ALPHABETS[latinOnly ? 0 : random.nextInt(ALPHABETS.length)];
			int length = (random.nextInt(40) == 0) ? 50 + random.nextInt(400) : 1 + random.nextInt(10);
			text.append(randomString(random, alphabet, length));
			text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
		}
		return text.toString();
	}

	private static String randomString(Random random, String alphabet, int length) {
		int[] codePoints = alphabet.codePoints().toArray();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
		}
		return text.toString();
	}

	private static TextChunker chunker(int maxTokens, int overlapTokens) {
		return new TextChunker(new ChunkingProperties(new ChunkingProperties.Limits(maxTokens, overlapTokens)));
	}

	private static ChunkingProperties defaults() {
		return new ChunkingProperties(new ChunkingProperties.Limits(256, 32));
	}

}
