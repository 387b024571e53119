package dev.llmtwin.support.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access rules on a running server, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest {

	private static final String KEY = "k3y-for-the-security-test";

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithAKey {

		private SecuredProbeApp app;

		@BeforeAll
		void start() {
			this.app = SecuredProbeApp.start("twin.api-key=" + KEY);
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void readsAndWritesNeedTheKey() {
			assertUnauthorized(this.app.get("/api/things"), "needs the API key");
			assertUnauthorized(this.app.post("/api/things"), "needs the API key");
		}

		@Test
		void aWrongKeyIsRefusedWithoutRepeatingIt() {
			HttpResponse<String> response = this.app.post("/api/things", "X-API-Key", "guess-" + KEY);
			assertUnauthorized(response, "is not valid");
			assertThat(response.body()).doesNotContain("guess-");
		}

		@Test
		void theKeyOpensReadsAndWritesInTheHeaderOrAsABearerToken() {
			assertThat(this.app.get("/api/things", "X-API-Key", KEY).statusCode()).isEqualTo(200);
			assertThat(this.app.post("/api/things", "X-API-Key", KEY).body()).isEqualTo("created");
			assertThat(this.app.post("/api/things", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
			assertUnauthorized(this.app.post("/api/things", "Authorization", "Bearer nope"), "is not valid");
		}

		@Test
		void healthAndInfoAreOpenMetricsAreNot() {
			assertThat(this.app.get("/actuator/health").statusCode()).isEqualTo(200);
			assertThat(this.app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(this.app.get("/actuator/info").statusCode()).isEqualTo(200);
			assertUnauthorized(this.app.get("/actuator/prometheus"), "needs the API key");
			assertUnauthorized(this.app.get("/actuator/metrics"), "needs the API key");
			assertThat(this.app.get("/actuator/prometheus", "Authorization", "Bearer " + KEY).body())
				.contains("jvm_memory_used_bytes");
		}

		@Test
		void unknownPathsAnswerUnauthorizedRatherThanRevealWhatExists() {
			assertUnauthorized(this.app.get("/api/nothing-here"), "needs the API key");
			assertUnauthorized(this.app.get("/error"), "needs the API key");
			assertThat(this.app.get("/api/nothing-here", "X-API-Key", KEY).statusCode()).isEqualTo(404);
		}

		@Test
		void theFirewallRejectsAmbiguousPathsAsProblems() {
			HttpResponse<String> response = this.app.post("/api/things;x=1", "X-API-Key", KEY);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response, "title")).isEqualTo("Request rejected");
		}

		@Test
		void theOpenApiDocumentDescribesTheKey() {
			HttpResponse<String> response = this.app.get("/v3/api-docs");
			assertThat(response.statusCode()).isEqualTo(200);
			var doc = TwinJson.mapper().readTree(response.body());
			var scheme = doc.at("/components/securitySchemes/apiKey");
			assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
			assertThat(scheme.get("in").asString()).isEqualTo("header");
			assertThat(scheme.get("name").asString()).isEqualTo("X-API-Key");
			assertThat(doc.at("/security/0/apiKey").isArray()).isTrue();
		}

	}

	@Test
	void openReadsLetGetThroughButNotWrites() {
		try (SecuredProbeApp app = SecuredProbeApp.start("twin.api-key=" + KEY, "twin.security.open-reads=true")) {
			assertThat(app.get("/api/things").statusCode()).isEqualTo(200);
			assertUnauthorized(app.post("/api/things"), "needs the API key");
			assertUnauthorized(app.get("/actuator/prometheus"), "needs the API key");
		}
	}

	@Test
	void withoutAKeyAServiceRefusesToStartAndSaysWhatToDo(CapturedOutput output) {
		assertThatThrownBy(() -> SecuredProbeApp.start()).hasRootCauseInstanceOf(ApiKeyMissingException.class);
		assertThat(output).contains("twin.security.open=true").contains("Set twin.api-key");
	}

	@Test
	void anEmptyKeyCountsAsNone() {
		assertThatThrownBy(() -> SecuredProbeApp.start("twin.api-key=  "))
			.hasRootCauseInstanceOf(ApiKeyMissingException.class);
	}

	@Test
	void toldToRunOpenItServesEveryoneAndWarns(CapturedOutput output) {
		try (SecuredProbeApp app = SecuredProbeApp.start("twin.security.open=true")) {
			assertThat(app.post("/api/things").body()).isEqualTo("created");
			assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		}
		assertThat(output).contains("every endpoint is open");
	}

	private static void assertUnauthorized(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
		assertThat(json(response, "detail")).contains(detail);
	}

	private static String json(HttpResponse<String> response, String field) {
		return TwinJson.mapper().readTree(response.body()).get(field).asString();
	}

}
