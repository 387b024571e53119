package dev.llmtwin.feature.pipeline;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the pipeline reports: the time of each stage of a batch ({@code feature.stage},
 * tagged {@code stage}: read, prepare, embed, vectors, documents), the changes applied
 * ({@code feature.changes.applied}, tagged {@code collection}), and the chunks and tokens
 * embedded ({@code feature.chunks.embedded}, {@code feature.embedding.tokens}).
 */
@Component
class PipelineMeters {

	private final MeterRegistry meters;

	private final Counter chunks;

	private final Counter tokens;

	/** Without a registry (a test slice), the meters count in one of their own. */
	PipelineMeters(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.chunks = Counter.builder("feature.chunks.embedded")
			.description("Chunks embedded and written to the vector store")
			.register(this.meters);
		this.tokens = Counter.builder("feature.embedding.tokens")
			.description("Tokens given to the embedding model, special tokens included")
			.register(this.meters);
	}

	<T> T time(String stage, Supplier<T> work) {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			return work.get();
		}
		finally {
			sample.stop(Timer.builder("feature.stage")
				.description("Time of one stage of a batch of changes")
				.tag("stage", stage)
				.register(this.meters));
		}
	}

	void embedded(int chunkCount, long tokenCount) {
		this.chunks.increment(chunkCount);
		this.tokens.increment(tokenCount);
	}

	/** A document a quality gate kept from the vector store, by the gate's kind. */
	void heldBack(String kind) {
		Counter.builder("feature.changes.held-back")
			.description("Documents a quality gate kept from the vector store")
			.tag("kind", kind)
			.register(this.meters)
			.increment();
	}

	/** A document linked to the canonical copy of its work instead of embedded. */
	void linkedCopy() {
		Counter.builder("feature.changes.linked-copies")
			.description("Documents linked to the canonical copy of their work instead of embedded")
			.register(this.meters)
			.increment();
	}

	void applied(String collection) {
		Counter.builder("feature.changes.applied")
			.description("Changes applied to the vector store and the cleaned documents")
			.tag("collection", collection)
			.register(this.meters)
			.increment();
	}

}
