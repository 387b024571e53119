package dev.llmtwin.feature.change;

/**
 * A change that can never be processed, however often it is delivered: it goes to the
 * dead-letter queue.
 */
class UnprocessableChangeException extends RuntimeException {

	UnprocessableChangeException(String message) {
		super(message);
	}

	UnprocessableChangeException(String message, Throwable cause) {
		super(message, cause);
	}

}
