package dev.llmtwin.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(controllers = TwinProblemDetailsHandlerTest.ProbeController.class,
		properties = "spring.mvc.problemdetails.enabled=true")
@ImportAutoConfiguration(TwinSupportAutoConfiguration.class)
// Nested classes of a test are not component-scanned.
@Import(TwinProblemDetailsHandlerTest.ProbeController.class)
class TwinProblemDetailsHandlerTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void namesTheViolatedParameter() {
		assertThat(this.mvc.get().uri("/probe?q= &k=99")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'q' must not be blank")
			.contains("'k' must be less than or equal to 50");
	}

	@Test
	void namesTheInvalidField() {
		assertThat(this.mvc.post().uri("/probe").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'name' must not be blank");
	}

	@Test
	void saysWhenTheBodyIsNotJson() {
		assertThat(this.mvc.post().uri("/probe").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("not valid JSON");
	}

	@SpringBootApplication
	static class ProbeApplication {

	}

	record Probe(@NotBlank String name) {
	}

	@RestController
	static class ProbeController {

		@GetMapping("/probe")
		String get(@RequestParam @NotBlank String q, @RequestParam @Max(50) int k) {
			return q;
		}

		@PostMapping("/probe")
		String post(@RequestBody @Valid Probe probe) {
			return probe.name();
		}

	}

}
