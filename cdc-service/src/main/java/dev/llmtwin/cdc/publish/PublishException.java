package dev.llmtwin.cdc.publish;

/**
 * A change was not confirmed by the broker (nack, timeout, returned as unroutable, or a
 * connection error): the stream must publish again from the first unconfirmed change.
 */
public class PublishException extends RuntimeException {

	PublishException(String message) {
		super(message);
	}

	PublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
