package dev.llmtwin.crawler.api;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientRateLimitTest {

	private final ClientRateLimit limit = new ClientRateLimit(3);

	@Test
	void aClientBeyondItsRequestsAMinuteGetsTooManyRequestsWithRetryAfter() {
		for (int i = 0; i < 3; i++) {
			assertThat(post("192.0.2.10")).isTrue();
		}
		ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class, () -> post("192.0.2.10"));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getBody().getDetail()).contains("More than 3 crawl or preview requests a minute");
		assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
	}

	@Test
	void eachClientHasItsOwnAllowanceAndReadsAreNotCounted() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(post("192.0.2.20")).isTrue();
		}
		assertThat(post("192.0.2.21")).isTrue();
		MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/crawls");
		read.setRemoteAddr("192.0.2.20");
		assertThat(this.limit.preHandle(read, new MockHttpServletResponse(), new Object())).isTrue();
	}

	private boolean post(String client) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/crawls");
		request.setRemoteAddr(client);
		return this.limit.preHandle(request, new MockHttpServletResponse(), new Object());
	}

}
