package dev.llmtwin.console.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Links from crawled data as the pages may use them: only {@code http} and {@code https}
 * addresses become links ({@code javascript:} or {@code data:} never do); anything else
 * is shown as text only.
 */
final class SafeLinks {

	private SafeLinks() {
	}

	static String href(String link) {
		if (link == null || link.isBlank()) {
			return null;
		}
		try {
			URI uri = new URI(link.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) ? uri.toString() : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
