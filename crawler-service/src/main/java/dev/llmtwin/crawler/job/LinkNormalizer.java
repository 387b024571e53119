package dev.llmtwin.crawler.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a link to one spelling, so that the same page always gets the same document id:
 * lowercase scheme and host, no fragment, no default port, {@code /} for an empty path,
 * no tracking parameters, the other query parameters sorted by name.
 */
public final class LinkNormalizer {

	/** Parameters that say where a visitor came from, not which page it is. */
	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid",
			"twclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url",
			"referrer", "source", "sk", "triedredirect", "showwelcomeonshare", "share", "s_cid", "cmpid");

	/** Substack's referral code, a plain letter elsewhere, so only dropped there. */
	private static final Set<String> SUBSTACK_TRACKING = Set.of("r", "publication_id", "post_id", "isfreemail");

	private LinkNormalizer() {
	}

	/**
	 * The normalized link, or empty when it is not an absolute http(s) URL with a host.
	 */
	public static Optional<String> normalize(String link) {
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
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		StringBuilder normalized = new StringBuilder(scheme).append("://");
		if (uri.getRawUserInfo() != null) {
			normalized.append(uri.getRawUserInfo()).append('@');
		}
		normalized.append(host);
		if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
			normalized.append(':').append(uri.getPort());
		}
		String path = uri.getRawPath();
		normalized.append((path == null || path.isEmpty()) ? "/" : path);
		String query = query(uri.getRawQuery(), host.equals("substack.com") || host.endsWith(".substack.com"));
		if (!query.isEmpty()) {
			normalized.append('?').append(query);
		}
		return Optional.of(normalized.toString());
	}

	private static String query(String rawQuery, boolean substack) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		List<String> kept = new ArrayList<>();
		for (String parameter : rawQuery.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
			if (name.startsWith("utm_") || TRACKING.contains(name) || (substack && SUBSTACK_TRACKING.contains(name))) {
				continue;
			}
			kept.add(parameter);
		}
		// A stable sort by name keeps the order of repeated parameters, which can matter.
		kept.sort(Comparator.comparing((String parameter) -> parameter.split("=", 2)[0]));
		return String.join("&", kept);
	}

}
