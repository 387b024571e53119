package dev.llmtwin.cdc.lease;

/** Another instance took a stream's lease over: this one must stop publishing it. */
public class LeaseLostException extends RuntimeException {

	LeaseLostException(String message) {
		super(message);
	}

}
