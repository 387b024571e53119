package dev.llmtwin.feature;

/** The API key the tests start the service with and send on every request. */
final class TestApiKey {

	static final String HEADER = "X-API-Key";

	static final String KEY = "feature-test-key";

	static final String ARGUMENT = "--twin.api-key=" + KEY;

	private TestApiKey() {
	}

}
