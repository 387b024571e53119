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
				assertChunks(text, texts(chunker.chunk(text, FeatureType.ARTICLE)), TextChunker.MIN_MAX_TOKENS);
			}
		}
	}

	@Test
	void defaultLimitsHoldOverLongGeneratedInputs() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			Random random = new Random(7);
			for (int input = 0; input < 12; input++) {
				String text = generate(random, 2500);
				assertChunks(text, texts(chunker.chunk(text, FeatureType.ARTICLE)), 256);
			}
		}
	}

	@Test
	void aDocumentIsEmbeddedAsNoMoreThanTheCapOfChunks() {
		ChunkingProperties.Limits limits = new ChunkingProperties.Limits(TextChunker.MIN_MAX_TOKENS, 0);
		try (TextChunker capped = new TextChunker(new ChunkingProperties(limits, limits, limits, 5))) {
			String text = "A sentence that repeats to make a long document. ".repeat(400);

			List<TextChunk> chunks = capped.chunk(text, FeatureType.ARTICLE);

			assertThat(chunks).hasSize(5);
			assertThat(chunks.getFirst().text()).startsWith("A sentence that repeats");
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
				assertChunks(text, texts(chunker.chunk(text, FeatureType.ARTICLE)), TextChunker.MIN_MAX_TOKENS);
			}
			List<String> chunks = texts(chunker.chunk(cjkAndEmoji, FeatureType.ARTICLE));
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

			List<String> chunks = texts(chunker.chunk(text, FeatureType.ARTICLE));

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

			assertThat(texts(chunker.chunk(text, FeatureType.ARTICLE))).containsExactly(paragraph, paragraph);
		}
	}

	@Test
	void shortTextIsOneChunkAndBlankTextNone() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			assertThat(texts(chunker.chunk("A short article.\n\nWith two paragraphs.", FeatureType.ARTICLE)))
				.containsExactly("A short article.\n\nWith two paragraphs.");
			assertThat(texts(chunker.chunk(" \n ", FeatureType.ARTICLE))).isEmpty();
		}
	}

	@Test
	void defaultLimitsHoldForEveryTypeOverManyGeneratedInputs() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			Random random = new Random(11);
			for (FeatureType type : FeatureType.values()) {
				int max = defaults().of(type).maxTokens();
				for (int input = 0; input < 25; input++) {
					String text = (type == FeatureType.CODE) ? generateCode(random, 400) : generate(random, 1200);
					List<TextChunk> chunks = chunker.chunk(text, type);
					assertChunks(text, texts(chunks), max);
					// The ids handed to the embedder are those of the chunk's own text.
					assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.tokenIds())
						.containsExactly(modelTokenizer.encode(chunk.text(), false, false).getIds()));
				}
			}
		}
	}

	@Test
	void postsStayWholeWhenTheyFitAndSplitBySentencesOtherwise() {
		try (TextChunker chunker = new TextChunker(defaults())) {
			String post = lessons(0, 30);
			assertThat(modelTokenCounts(post)[0]).isBetween(257, 510);
			assertThat(texts(chunker.chunk(post, FeatureType.POST))).containsExactly(post);

			String longPost = lessons(0, 70);
			List<String> chunks = texts(chunker.chunk(longPost, FeatureType.POST));
			assertChunks(longPost, chunks, 510);
			assertThat(chunks).hasSizeGreaterThan(1).allSatisfy((chunk) -> assertThat(chunk).endsWith("users."));
		}
	}

	@Test
	void codeIsCutAtDeclarationsAndKeepsIndentation() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 0)) {
			String function = """
					def function_%d(values, limit):
					    total = 0
					    for value in values:
					        if value > limit:
					            total += value * %d
					    return total
					""";
			String code = IntStream.range(0, 12)
				.mapToObj((i) -> function.formatted(i, i))
				.collect(Collectors.joining("\n"));

			List<String> chunks = texts(chunker.chunk(code, FeatureType.CODE));

			assertChunks(code, chunks, TextChunker.MIN_MAX_TOKENS);
			assertThat(chunks).hasSizeGreaterThan(3).allSatisfy((chunk) -> {
				assertThat(chunk).startsWith("def function_");
				assertThat(chunk).endsWith("return total");
				assertThat(code).contains(chunk);
			});
			assertThat(chunks.getFirst()).contains("\n    for value in values:\n        if value > limit:\n");
		}
	}

	@Test
	void codeChunksStartingInsideABlockKeepTheirIndentation() {
		try (TextChunker chunker = chunker(TextChunker.MIN_MAX_TOKENS, 0)) {
			String code = "class Big {\n" + IntStream.range(0, 80)
				.mapToObj((i) -> "\tint field" + i + " = compute(" + i + ", \"value\");")
				.collect(Collectors.joining("\n")) + "\n}";

			List<String> chunks = texts(chunker.chunk(code, FeatureType.CODE));

			assertChunks(code, chunks, TextChunker.MIN_MAX_TOKENS);
			assertThat(chunks.subList(1, chunks.size() - 1)).allSatisfy((chunk) -> {
				assertThat(chunk).startsWith("\tint field");
				assertThat(code).contains(chunk);
			});
		}
	}

	private static String lessons(int from, int to) {
		return IntStream.range(from, to)
			.mapToObj((i) -> "Lesson " + i + " from shipping a product is to listen to users.")
			.collect(Collectors.joining(" "));
	}

	private static String generateCode(Random random, int maxLines) {
		StringBuilder code = new StringBuilder();
		int lines = 1 + random.nextInt(maxLines);
		int depth = 0;
		for (int line = 0; line < lines; line++) {
			int kind = random.nextInt(10);
			if (kind == 0) {
				code.append('\n');
				continue;
			}
			if (kind == 1 && depth > 0) {
				depth--;
			}
			code.append("    ".repeat(depth));
			if (kind == 2) {
				code.append("def name").append(random.nextInt(1000)).append("(a, b):");
				depth++;
			}
			else {
				code.append(randomString(random, "abcxyz_=+-*/()[]{}.,:;'\" 0123456789",
						1 + random.nextInt((random.nextInt(30) == 0) ? 600 : 60)));
			}
			code.append('\n');
		}
		return code.toString();
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
		ChunkingProperties.Limits limits = new ChunkingProperties.Limits(maxTokens, overlapTokens);
		return new TextChunker(
				new ChunkingProperties(limits, limits, limits, ChunkingProperties.DEFAULT_MAX_CHUNKS_PER_DOCUMENT));
	}

	private static ChunkingProperties defaults() {
		return new ChunkingProperties(new ChunkingProperties.Limits(256, 32), new ChunkingProperties.Limits(510, 32),
				new ChunkingProperties.Limits(384, 0), ChunkingProperties.DEFAULT_MAX_CHUNKS_PER_DOCUMENT);
	}

	private static List<String> texts(List<TextChunk> chunks) {
		return chunks.stream().map(TextChunk::text).toList();
	}

}
