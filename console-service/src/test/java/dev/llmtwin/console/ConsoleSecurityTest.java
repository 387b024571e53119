package dev.llmtwin.console;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's access control through Spring Security: sign-in with the fleet's key,
 * kept in the server-side session only; CSRF on every form; a strict Content Security
 * Policy. The services' addresses lead nowhere (port 1 on loopback refuses), which the
 * pages must show rather than fail on.
 */
@SpringBootTest(properties = { "twin.api-key=" + ConsoleSecurityTest.KEY, "console.crawler-url=http://127.0.0.1:1",
		"console.cdc-url=http://127.0.0.1:1", "console.feature-url=http://127.0.0.1:1", "console.timeout=2s" })
@AutoConfigureMockMvc
class ConsoleSecurityTest {

	static final String KEY = "console-test-key";

	@Autowired
	private MockMvc mvc;

	@Test
	void aPageWithoutSignInLeadsToTheSignInForm() throws Exception {
		this.mvc.perform(get("/crawls")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void aLivePartWithoutSessionSendsTheWholePageToSignIn() throws Exception {
		this.mvc.perform(get("/crawls/jobs").header("HX-Request", "true"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Redirect", "/login"));
	}

	@Test
	void theSignInFormHasAStrictContentSecurityPolicy() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
			.andExpect(header().string("Content-Security-Policy", containsString("style-src 'self';")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe"))))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("\"allowEval\":false")));
	}

	@Test
	void theWrongKeyDoesNotSignIn() throws Exception {
		this.mvc.perform(post("/login").param("apiKey", "not-the-key").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void signInWithoutTheFormsCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/login").param("apiKey", KEY)).andExpect(status().isForbidden());
	}

	@Test
	void theKeyIsKeptInTheServerSideSessionAndNowhereElse() throws Exception {
		MvcResult signedIn = this.mvc.perform(post("/login").param("apiKey", KEY).with(csrf()))
			.andExpect(redirectedUrl("/crawls"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		Authentication authentication = context.getAuthentication();
		assertThat(authentication.getCredentials()).isEqualTo(KEY);
		assertThat(authentication.toString()).doesNotContain(KEY);
		assertThat(signedIn.getResponse().getHeaderNames())
			.allSatisfy((name) -> assertThat(signedIn.getResponse().getHeaders(name).toString()).doesNotContain(KEY));

		// A form posted without its token is refused even when signed in.
		this.mvc
			.perform(post("/crawls").session(session).param("author", "Jane Doe").param("links", "https://a.example/"))
			.andExpect(status().isForbidden());
		// A silent service is named on the page, the rest of which still renders.
		this.mvc.perform(get("/crawls").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("crawler-service did not answer")))
			.andExpect(content().string(containsString("Crawl an author")));
	}

	@Test
	void theReadinessProbeNeedsNoSignInButTheMetricsDo() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void htmxComesFromItsWebJar() throws Exception {
		this.mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("htmx")));
	}

}
