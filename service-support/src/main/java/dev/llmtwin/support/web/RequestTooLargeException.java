package dev.llmtwin.support.web;

import java.io.IOException;

/** A request body longer than {@code twin.max-request-size}, found while reading it. */
public class RequestTooLargeException extends IOException {

	RequestTooLargeException(long limit) {
		super("The request body is larger than the " + limit + " bytes this service reads");
	}

}
