package dev.llmtwin.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: how often its live parts refresh, whether to offer
 * sign-out.
 */
@ControllerAdvice
class ConsoleModel {

	private final ConsoleProperties properties;

	ConsoleModel(ConsoleProperties properties) {
		this.properties = properties;
	}

	@ModelAttribute("refresh")
	String refresh() {
		return this.properties.refreshTrigger();
	}

	@ModelAttribute("pipelineRefresh")
	String pipelineRefresh() {
		return this.properties.pipelineRefreshTrigger();
	}

	@ModelAttribute("signedIn")
	boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
