package dev.llmtwin.support.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when a service refuses to start without an API key. */
class ApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<ApiKeyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ApiKeyMissingException cause) {
		return new FailureAnalysis(
				"The service has no API key, so anyone who reaches it could crawl, replay dead letters, re-index and "
						+ "read the whole corpus. It refuses to start open by default.",
				"Set twin.api-key (environment variable TWIN_API_KEY; 'make run' generates one for you), or set "
						+ "twin.security.open=true to run without access control on a machine nobody else reaches.",
				cause);
	}

}
