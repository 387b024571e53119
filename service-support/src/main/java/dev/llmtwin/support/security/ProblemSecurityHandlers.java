package dev.llmtwin.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.llmtwin.support.ProblemJson;

/**
 * The security chain's refusals as problem details: no key or a wrong one (401), a
 * request the firewall rejects (400). None repeats what the request sent: the firewall's
 * own message can hold a header's value, which may be the key.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String detail = (authException instanceof BadCredentialsException)
				? "The API key in the " + ApiKeyAuthenticationConverter.HEADER + " header is not valid"
				: "This endpoint needs the API key in the " + ApiKeyAuthenticationConverter.HEADER
						+ " header (or as a bearer token)";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"llm-twin\"");
		ProblemJson.write(response, HttpServletResponse.SC_UNAUTHORIZED, "API key required", detail,
				request.getRequestURI());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ProblemJson.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				"This request is not allowed with the credentials given", request.getRequestURI());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		log.debug("The request firewall rejected a {} request", request.getMethod());
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		ProblemJson.write(response, HttpServletResponse.SC_BAD_REQUEST, "Request rejected",
				"The request's path or headers hold a sequence the server does not accept (an encoded slash, "
						+ "backslash or percent sign, a path parameter, a dot segment, a repeated slash or a control "
						+ "character); send the path in its plain form",
				null);
	}

}
