package dev.llmtwin.crawler;

/** The API key the tests start the service with and send on every request. */
public final class TestApiKey {

	public static final String HEADER = "X-API-Key";

	public static final String KEY = "crawler-test-key";

	public static final String PROPERTY = "twin.api-key=" + KEY;

	private TestApiKey() {
	}

}
