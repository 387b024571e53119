package dev.llmtwin.support.web;

import java.io.IOException;

/** A request body longer than {@code twin.max-request-size}, found while reading it. */
public class RequestTooLargeException extends IOException {

	private final long limit;

	RequestTooLargeException(long limit) {
		super("The request body is larger than the " + limit + " bytes this service reads");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
