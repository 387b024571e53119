package dev.llmtwin.crawler.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Brings a link to one spelling, so that the same page always gets the same document id:
 * lowercase scheme and host, no fragment, no default port, {@code /} for an empty path.
 */
final class LinkNormalizer {

	private LinkNormalizer() {
	}

	/**
	 * The normalized link, or empty when it is not an absolute http(s) URL with a host.
	 */
	static Optional<String> normalize(String link) {
		URI uri;
		try {
			uri = new URI(link.strip());
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		int defaultPort = switch (scheme) {
			case "http" -> 80;
			case "https" -> 443;
			default -> -1;
		};
		if (defaultPort == -1 || uri.getHost() == null || uri.getHost().isEmpty()) {
			return Optional.empty();
		}
		StringBuilder normalized = new StringBuilder(scheme).append("://");
		if (uri.getRawUserInfo() != null) {
			normalized.append(uri.getRawUserInfo()).append('@');
		}
		normalized.append(uri.getHost().toLowerCase(Locale.ROOT));
		if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
			normalized.append(':').append(uri.getPort());
		}
		String path = uri.getRawPath();
		normalized.append((path == null || path.isEmpty()) ? "/" : path);
		if (uri.getRawQuery() != null) {
			normalized.append('?').append(uri.getRawQuery());
		}
		return Optional.of(normalized.toString());
	}

}
