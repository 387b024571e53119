package dev.llmtwin.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an htmx request without a session with 401 and {@code HX-Redirect}, which htmx
 * follows as a whole-page navigation.
 */
final class HtmxRedirectEntryPoint implements AuthenticationEntryPoint {

	private final String location;

	HtmxRedirectEntryPoint(String location) {
		this.location = location;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) {
		response.setHeader("HX-Redirect", request.getContextPath() + this.location);
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
	}

}
