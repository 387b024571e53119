package dev.llmtwin.support.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.support.ProblemJson;

/**
 * The web server's own rejections (a malformed request line, header or path encoding, a
 * request too large, an unsupported version or method) as problem details instead of
 * Tomcat's HTML page. Tomcat's message about the rejection holds what the request sent (a
 * header line, which may carry the API key; the request target), so it is only matched to
 * pick one of these fixed texts, never repeated.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private static final String BAD_URI = "The request path is not valid: a malformed percent-encoding, an encoded "
			+ "slash, backslash or NUL, or a segment leading above the root";

	private static final List<Rule> RULES = List.of(
			new Rule("org.apache.tomcat.util.http.parser", "httpHeaderParser.invalidHeader",
					"A request header line is malformed (RFC 9112)"),
			new Rule("org.apache.tomcat.util.http.parser", "httpHeaderParser.invalidCrlfNoCR",
					"The request's header section ends a line without a carriage return"),
			new Rule("org.apache.tomcat.util.http", "headers.maxCountFail",
					"The request has more header fields than the server accepts"),
			new Rule("org.apache.coyote.http11", "iib.requestheadertoolarge.error",
					"The request line or header section is larger than the server accepts"),
			new Rule("org.apache.coyote.http11", "iib.invalidmethod", "The request method is not a valid HTTP token"),
			new Rule("org.apache.coyote.http11", "iib.invalidRequestTarget",
					"The request target holds characters that are not allowed"),
			new Rule("org.apache.coyote.http11", "iib.invalidHttpProtocol",
					"The HTTP version in the request line is malformed"),
			new Rule("org.apache.catalina.connector", "coyoteAdapter.invalidURIWithMessage", BAD_URI),
			new Rule("org.apache.catalina.connector", "coyoteAdapter.invalidURI", BAD_URI),
			new Rule("org.apache.catalina.connector", "coyoteAdapter.connect", "The CONNECT method is not supported"),
			new Rule("org.apache.catalina.connector", "coyoteAdapter.trace", "The TRACE method is not allowed"));

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// The same guards as Tomcat's own report: an error, nothing written yet, once.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		log.debug("The web server rejected a request with {} ({})", status,
				(throwable != null) ? throwable.getClass().getName() : "no exception");
		byte[] body = ProblemJson.body(status, null, detail(status, response.getMessage(), throwable), null);
		try {
			response.setContentType("application/problem+json");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(new String(body, StandardCharsets.UTF_8));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			log.trace("The client left before the rejection was written", ex);
		}
	}

	private static String detail(int status, String message, Throwable throwable) {
		String reported = (throwable != null) ? throwable.getMessage() : message;
		if (reported != null) {
			for (Rule rule : RULES) {
				if (rule.matches(reported)) {
					return rule.detail();
				}
			}
		}
		return switch (status) {
			case 400 -> "The web server could not read the request";
			case 408 -> "The web server timed out waiting for the request";
			case 413 -> "The request is larger than the server accepts";
			case 417 -> "The expectation of the Expect header cannot be met";
			case 501 -> "The request needs something the server does not support (a Transfer-Encoding, a method)";
			case 505 -> "The request's HTTP version is not supported";
			default -> (status < 500) ? "The web server rejected the request" : "The web server failed";
		};
	}

	/**
	 * A Tomcat message, recognised by the literal start of its pattern in Tomcat's own
	 * resources, so that it matches in any locale.
	 */
	private record Rule(String prefix, String detail) {

		Rule(String resources, String key, String detail) {
			this(prefix(StringManager.getManager(resources).getString(key)), detail);
		}

		private static String prefix(String pattern) {
			if (pattern == null) {
				return "";
			}
			int argument = pattern.indexOf('{');
			return (argument >= 0) ? pattern.substring(0, argument) : pattern;
		}

		boolean matches(String message) {
			return !this.prefix.isEmpty() && message.startsWith(this.prefix);
		}

	}

}
