package dev.llmtwin.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.llmtwin.model.TwinJson;

/**
 * RFC 9457 problem details written straight to a response, for the answers given before
 * Spring MVC sees a request (the security filter chain, the web server's own rejections),
 * so that they look like every other error of the API.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	/**
	 * @param instance the request path the problem is about, or null
	 */
	public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(body(status, title, detail, instance));
		response.flushBuffer();
	}

	/** The JSON body; the title defaults to the status's reason phrase. */
	public static byte[] body(int status, String title, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		HttpStatus known = HttpStatus.resolve(status);
		problem.put("title", (title != null) ? title : (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		if (detail != null) {
			problem.put("detail", detail);
		}
		if (instance != null) {
			problem.put("instance", instance);
		}
		return TwinJson.mapper().writeValueAsBytes(problem);
	}

}
