package dev.llmtwin.support.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.llmtwin.model.TwinJson;
import dev.llmtwin.support.security.SecuredProbeApp;
import dev.llmtwin.testing.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** No service reads a request body beyond {@code twin.max-request-size}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSizeLimitTest {

	private static final String KEY = "size-limit-test-key";

	private SecuredProbeApp app;

	@BeforeAll
	void start() {
		this.app = SecuredProbeApp.start("twin.api-key=" + KEY, "twin.max-request-size=1KB");
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	@Test
	void aBodyWithinTheLimitIsRead() {
		RawHttp.Response response = RawHttp.to(this.app.port())
			.method("POST")
			.target("/api/echo")
			.header("X-API-Key", KEY)
			.body("text/plain", "a".repeat(1000))
			.send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).hasSize(1000);
	}

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedUnread() {
		RawHttp.Response response = RawHttp.to(this.app.port())
			.method("POST")
			.target("/api/echo")
			.header("X-API-Key", KEY)
			.body("text/plain", "a".repeat(1025))
			.send();

		assertTooLarge(response);
	}

	@Test
	void aChunkedBodyIsCutOffWhereItPassesTheLimit() {
		StringBuilder request = new StringBuilder("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY
				+ "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
		for (int i = 0; i < 5; i++) {
			request.append("100\r\n").append("b".repeat(256)).append("\r\n");
		}
		request.append("0\r\n\r\n");

		assertTooLarge(RawHttp.exchange(this.app.port(), request.toString().getBytes(StandardCharsets.US_ASCII)));
	}

	private static void assertTooLarge(RawHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(413);
		assertThat(response.mediaType()).isEqualTo("application/problem+json");
		assertThat(TwinJson.mapper().readTree(response.body()).get("detail").asString()).contains("1024 bytes");
	}

}
