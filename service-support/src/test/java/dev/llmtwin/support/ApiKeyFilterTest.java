package dev.llmtwin.support;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFilterTest {

	private final ApiKeyFilter filter = new ApiKeyFilter("s3cret");

	@Test
	void rejectsMutatingRequestWithoutKeyAsProblem() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("POST", "/api/crawls"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("X-API-Key")
			.contains("\"instance\":\"/api/crawls\"")
			.doesNotContain("null");
	}

	@Test
	void rejectsWrongKeyAndAcceptsRightOne() throws Exception {
		MockHttpServletRequest wrong = new MockHttpServletRequest("POST", "/api/crawls");
		wrong.addHeader(ApiKeyFilter.HEADER, "guess");
		MockHttpServletRequest right = new MockHttpServletRequest("POST", "/api/crawls");
		right.addHeader(ApiKeyFilter.HEADER, "s3cret");

		assertThat(run(wrong).getStatus()).isEqualTo(401);
		assertThat(run(right).getStatus()).isEqualTo(200);
	}

	@Test
	void readsStayOpen() throws Exception {
		assertThat(run(new MockHttpServletRequest("GET", "/api/crawls/1")).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
