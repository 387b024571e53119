package dev.llmtwin.support.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.llmtwin.model.TwinJson;
import dev.llmtwin.support.security.SecuredProbeApp;
import dev.llmtwin.testing.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web server answers itself, before any filter or handler: problem details, and
 * nothing of what the request sent, neither in the answer nor in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ServerRejectionsTest {

	private static final String KEY = "k3y-that-must-never-be-logged-5d1c";

	private SecuredProbeApp app;

	private int port;

	@BeforeAll
	void start() {
		this.app = SecuredProbeApp.start("twin.api-key=" + KEY);
		this.port = this.app.port();
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "X-API-Key : " + KEY, "X-API-Key: " + KEY + "\u0001", "X-API-Key " + KEY, "X API Key: " + KEY })
	void aMalformedHeaderLineIsAProblemThatNeitherAnswerNorLogRepeat(String line, CapturedOutput output) {
		RawHttp.Response response = RawHttp.to(this.port).method("POST").target("/api/things").headerLine(line).send();

		assertProblem(response, 400);
		assertThat(response.body()).doesNotContain(KEY);
		assertThat(output).doesNotContain(KEY);
	}

	@Test
	void theKeyOfWellFormedRequestsIsNeverLogged(CapturedOutput output) {
		assertThat(RawHttp.to(this.port).method("POST").target("/api/things").header("X-API-Key", KEY).send().status())
			.isEqualTo(200);
		assertThat(RawHttp.to(this.port).target("/api/%zz").header("X-API-Key", KEY).send().status()).isEqualTo(400);
		assertThat(RawHttp.to(this.port).target("/api/things").header("Cookie", "a=\"" + KEY).send().status())
			.isEqualTo(401);
		assertThat(output).doesNotContain(KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/%zz", "/api/%", "/api/things%00", "/api%2Fthings", "/api%5Cthings", "/../api/things",
			"/api/{things}", "/api/things|", "*" })
	void pathsTheServerCannotReadAreProblems(String target) {
		assertProblem(RawHttp.to(this.port).target(target).header("X-API-Key", KEY).send(), 400);
	}

	@Test
	void oversizedRequestLinesAndHeadersAreProblems() {
		assertProblem(RawHttp.to(this.port).target("/api/" + "a".repeat(20_000)).send(), 400);
		assertProblem(RawHttp.to(this.port).target("/api/things").header("X-Filler", "b".repeat(20_000)).send(), 400);
		RawHttp many = RawHttp.to(this.port).target("/api/things");
		for (int i = 0; i < 150; i++) {
			many.header("X-Many-" + i, "v");
		}
		assertProblem(many.send(), 400);
	}

	@Test
	void unsupportedMethodsAndVersionsAreProblems() {
		assertProblem(RawHttp.to(this.port).method("TRACE").target("/api/things").header("Accept", "text/html").send(),
				405);
		assertProblem(RawHttp.to(this.port).method("G{T").target("/api/things").send(), 400);
		assertProblem(
				RawHttp.exchange(this.port,
						"GET /api/things HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
				505);
		assertProblem(RawHttp.to(this.port).target("/api/things").header("Transfer-Encoding", "rot13").send(), 501);
	}

	private static void assertProblem(RawHttp.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.mediaType()).isEqualTo("application/problem+json");
		var problem = TwinJson.mapper().readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
	}

}
