package dev.llmtwin.support.security;

/**
 * A service (or the console) asked to start with no API key and without being told to run
 * open.
 */
class ApiKeyMissingException extends IllegalStateException {

	ApiKeyMissingException() {
		super("No API key is configured (twin.api-key) and twin.security.open is not set");
	}

}
