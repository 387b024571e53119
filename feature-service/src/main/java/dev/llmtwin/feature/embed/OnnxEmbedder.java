package dev.llmtwin.feature.embed;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bge model on ONNX Runtime directly, from the model file inside the langchain4j jar:
 * loaded once, intra-op threads set explicitly (one per core by default) and no other
 * threads competing for the cores, CLS pooling and L2 normalization as bge expects.
 * Passages come in already tokenized by the chunker; they are sorted by length and
 * batched so that padding stays small. Thread-safe (ONNX sessions are).
 */
public class OnnxEmbedder implements Embedder, AutoCloseable {

	/** bge's instruction for short queries that retrieve passages. */
	static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	private static final Logger log = LoggerFactory.getLogger(OnnxEmbedder.class);

	private static final int DIMENSIONS = 384;

	/** [CLS] and [SEP] of the bge (BERT) vocabulary. */
	private static final long CLS = 101;

	private static final long SEP = 102;

	private static final int MAX_CONTENT_TOKENS = 510;

	private static final int QUERY_CACHE_SIZE = 1_000;

	private final EmbeddingModelVersion version;

	private final int batchSize;

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	private final boolean tokenTypes;

	private final HuggingFaceTokenizer tokenizer;

	/**
	 * Queries embedded lately, by text: the same words searched again, in another mode
	 * (hybrid and dense each embed them) or polled until a page shows up, cost the model
	 * once. A thousand vectors take 1.5 MiB.
	 */
	private final Cache<String, float[]> queries = Caffeine.newBuilder()
		.maximumSize(QUERY_CACHE_SIZE)
		.recordStats()
		.build();

	public OnnxEmbedder(EmbeddingModelVersion version, int threads, int batchSize) {
		this.version = version;
		this.batchSize = batchSize;
		try (InputStream tokenizerJson = version.resourceBase().getResourceAsStream(version.tokenizerResource());
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(threads);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			// Idle intra-op threads sleep instead of spinning: between model calls the
			// pipeline's own work (and other processes) gets the cores.
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			this.session = createSession(version, options);
			this.tokenTypes = this.session.getInputNames().contains("token_type_ids");
			this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
					Map.of("padding", "false", "truncation", "false"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the model " + version.id(), ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot load the model " + version.id(), ex);
		}
		log.info("Loaded {} on ONNX Runtime with {} intra-op threads, batches of {}", version.id(), threads, batchSize);
	}

	/**
	 * The session, read by ONNX Runtime from a file of its own: handed over as bytes, the
	 * whole model (and the growing buffers that read it) would pass through the heap
	 * while the service starts, and the heap stays that large afterwards. The file is
	 * deleted once read; it is the process's own (created for its user only).
	 */
	private OrtSession createSession(EmbeddingModelVersion version, OrtSession.SessionOptions options)
			throws IOException, OrtException {
		Path file = Files.createTempFile(version.id() + "-", ".onnx");
		try {
			try (InputStream model = version.resourceBase().getResourceAsStream(version.modelResource())) {
				if (model == null) {
					throw new FileNotFoundException("No resource " + version.modelResource());
				}
				Files.copy(model, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return this.environment.createSession(file.toString(), options);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	public EmbeddingModelVersion version() {
		return this.version;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return embedTokens(texts.stream().map(this::tokenize).toList());
	}

	@Override
	public List<float[]> embedTokens(List<long[]> tokenIds) {
		float[][] vectors = new float[tokenIds.size()][];
		Integer[] order = IntStream.range(0, tokenIds.size()).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingInt((Integer index) -> tokenIds.get(index).length));
		for (int from = 0; from < order.length; from += this.batchSize) {
			Integer[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + this.batchSize));
			float[][] embedded = run(Arrays.stream(batch).map(tokenIds::get).toList());
			for (int i = 0; i < batch.length; i++) {
				vectors[batch[i]] = embedded[i];
			}
		}
		return Arrays.asList(vectors);
	}

	@Override
	public float[] embedQuery(String query) {
		// A copy: the caller may change its vector, the next one must not see that.
		return this.queries.get(query, (text) -> embedTokens(List.of(tokenize(QUERY_INSTRUCTION + text))).getFirst())
			.clone();
	}

	/** How often a query was embedded (misses) or taken from the lately embedded ones. */
	CacheStats queryStats() {
		return this.queries.stats();
	}

	/** Content tokens, cut to the model's window. */
	private long[] tokenize(String text) {
		long[] ids = this.tokenizer.encode(text, false, false).getIds();
		return (ids.length > MAX_CONTENT_TOKENS) ? Arrays.copyOf(ids, MAX_CONTENT_TOKENS) : ids;
	}

	private float[][] run(List<long[]> batch) {
		int rows = batch.size();
		int width = batch.stream().mapToInt((ids) -> ids.length).max().orElse(0) + 2;
		long[] inputIds = new long[rows * width];
		long[] mask = new long[rows * width];
		for (int row = 0; row < rows; row++) {
			long[] ids = batch.get(row);
			if (ids.length > MAX_CONTENT_TOKENS) {
				throw new IllegalArgumentException(
						"A passage of " + ids.length + " tokens exceeds the window of " + MAX_CONTENT_TOKENS);
			}
			int offset = row * width;
			inputIds[offset] = CLS;
			System.arraycopy(ids, 0, inputIds, offset + 1, ids.length);
			inputIds[offset + ids.length + 1] = SEP;
			Arrays.fill(mask, offset, offset + ids.length + 2, 1L);
		}
		long[] shape = { rows, width };
		try (OnnxTensor idsTensor = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(inputIds), shape);
				OnnxTensor maskTensor = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(mask), shape);
				OnnxTensor typesTensor = OnnxTensor.createTensor(this.environment,
						LongBuffer.wrap(new long[rows * width]), shape)) {
			Map<String, OnnxTensor> inputs = this.tokenTypes
					? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor)
					: Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
			try (OrtSession.Result result = this.session.run(inputs)) {
				float[][][] hidden = (float[][][]) result.get(0).getValue();
				float[][] vectors = new float[rows][];
				for (int row = 0; row < rows; row++) {
					// bge pools by the [CLS] token.
					vectors[row] = normalize(hidden[row][0]);
				}
				return vectors;
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Embedding with " + this.version.id() + " failed", ex);
		}
	}

	private static float[] normalize(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		float norm = (float) Math.sqrt(sum);
		float[] normalized = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			normalized[i] = vector[i] / norm;
		}
		return normalized;
	}

	@Override
	public String modelName() {
		return this.version.id();
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public void close() {
		this.tokenizer.close();
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			log.warn("Closing the ONNX session of {} failed", this.version.id(), ex);
		}
	}

}
