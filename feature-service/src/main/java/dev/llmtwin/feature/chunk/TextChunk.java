package dev.llmtwin.feature.chunk;

/**
 * One chunk of a document with its tokens, so that the embedder does not tokenize again.
 *
 * @param text the chunk's text
 * @param tokenIds the model's token ids of {@code text}, without [CLS] and [SEP]
 */
public record TextChunk(String text, long[] tokenIds) {

	public int tokenCount() {
		return this.tokenIds.length;
	}

}
