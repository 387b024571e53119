package dev.llmtwin.feature.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.chunk.TextChunker;
import dev.llmtwin.feature.clean.TextCleaner;
import dev.llmtwin.feature.embed.Embedder;
import dev.llmtwin.feature.store.Chunk;
import dev.llmtwin.feature.store.VectorStore;

/**
 * Clean, chunk, embed (one batch per document), then replace the document's points in the
 * vector store. Returns only once the store holds the result.
 */
@Component
public class FeaturePipeline {

	private static final Logger logger = LoggerFactory.getLogger(FeaturePipeline.class);

	private final TextCleaner cleaner;

	private final TextChunker chunker;

	private final Embedder embedder;

	private final VectorStore store;

	public FeaturePipeline(TextCleaner cleaner, TextChunker chunker, Embedder embedder, VectorStore store) {
		this.cleaner = cleaner;
		this.chunker = chunker;
		this.embedder = embedder;
		this.store = store;
	}

	public void ingest(SourceText source) {
		List<String> texts = this.chunker.chunk(this.cleaner.clean(source.text()), source.type());
		List<float[]> vectors = this.embedder.embed(texts);
		List<Chunk> chunks = new ArrayList<>(texts.size());
		for (int index = 0; index < texts.size(); index++) {
			chunks.add(new Chunk(source.documentId(), index, source.type(), source.platform(), source.authorId(),
					source.link(), texts.get(index), source.contentHash(), this.embedder.modelName(),
					source.crawledAt(), vectors.get(index)));
		}
		this.store.replaceDocument(source.documentId(), chunks);
		logger.info("Stored {} chunks of {} {}", chunks.size(), source.type().wireName(), source.documentId());
	}

	public void remove(String documentId) {
		this.store.deleteDocument(documentId);
		logger.info("Removed the chunks of {}", documentId);
	}

}
