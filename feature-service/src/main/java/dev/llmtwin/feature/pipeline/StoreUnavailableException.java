package dev.llmtwin.feature.pipeline;

/**
 * The vector store or the document store failed even after retries: the changes must be
 * delivered again later, not dead-lettered.
 */
public class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
