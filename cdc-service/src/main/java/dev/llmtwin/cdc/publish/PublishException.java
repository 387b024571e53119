package dev.llmtwin.cdc.publish;

/**
 * A change was not confirmed by the broker (nack, timeout, returned as unroutable, or a
 * connection error): it must be published again.
 */
public class PublishException extends Exception {

	PublishException(String message) {
		super(message);
	}

	PublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
