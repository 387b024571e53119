package dev.llmtwin.crawler.link;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings a link to one spelling, so that the same page always gets the same document id:
 * lowercase scheme and host, an internationalised host in its ASCII (IDNA) form, no user
 * name or password, no fragment, no default port, {@code /} for an empty path, other
 * characters beyond ASCII percent-encoded, no tracking parameters, the other query
 * parameters sorted by name.
 */
public final class LinkNormalizer {

	/** Parameters that say where a visitor came from, not which page it is. */
	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid",
			"twclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url",
			"referrer", "source", "sk", "triedredirect", "showwelcomeonshare", "share", "s_cid", "cmpid");

	/** Substack's referral code, a plain letter elsewhere, so only dropped there. */
	private static final Set<String> SUBSTACK_TRACKING = Set.of("r", "publication_id", "post_id", "isfreemail");

	/** A host name in ASCII, or an IPv4 address. */
	private static final Pattern ASCII_HOST = Pattern.compile("[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_.])?");

	private static final Pattern IPV6_HOST = Pattern.compile("\\[[0-9a-f:.]+(%[0-9a-z.]+)?]");

	/**
	 * The user-information part of an absolute link, up to the authority's last {@code @}
	 * (a password may hold one too).
	 */
	private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#]*@");

	private LinkNormalizer() {
	}

	/**
	 * The normalized link, or empty when it is not an absolute http(s) URL with a valid
	 * host and port.
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
		if (defaultPort == -1 || uri.getRawAuthority() == null) {
			return Optional.empty();
		}
		Optional<Authority> authority = Authority.parse(uri.getRawAuthority());
		if (authority.isEmpty()) {
			return Optional.empty();
		}
		String host = authority.get().host();
		StringBuilder normalized = new StringBuilder(scheme).append("://").append(host);
		if (authority.get().port() != -1 && authority.get().port() != defaultPort) {
			normalized.append(':').append(authority.get().port());
		}
		String path = uri.getRawPath();
		normalized.append((path == null || path.isEmpty()) ? "/" : asciiOnly(path));
		String query = query(uri.getRawQuery(), host.equals("substack.com") || host.endsWith(".substack.com"));
		if (!query.isEmpty()) {
			normalized.append('?').append(asciiOnly(query));
		}
		return Optional.of(normalized.toString());
	}

	/** Whether the link carries a user name or password ({@code user:password@host}). */
	public static boolean hasUserInfo(String link) {
		return USER_INFO.matcher(link).find();
	}

	/** The link without its {@code user:password@}, for messages that repeat it. */
	public static String withoutUserInfo(String link) {
		return USER_INFO.matcher(link).replaceFirst("");
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

	/**
	 * Percent-encodes (as UTF-8) every character beyond ASCII; escapes stay as they are.
	 */
	private static String asciiOnly(String raw) {
		StringBuilder ascii = new StringBuilder(raw.length());
		raw.codePoints().forEach((codePoint) -> {
			if (codePoint < 0x80) {
				ascii.append((char) codePoint);
				return;
			}
			for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
				ascii.append('%').append("%02X".formatted(b & 0xff));
			}
		});
		return ascii.toString();
	}

	/**
	 * The host (lower case, ASCII) and port of a raw authority; the user information is
	 * dropped. {@link URI} leaves the host of a Unicode name undefined, so it is read
	 * here.
	 */
	private record Authority(String host, int port) {

		static Optional<Authority> parse(String rawAuthority) {
			String hostAndPort = rawAuthority.substring(rawAuthority.lastIndexOf('@') + 1);
			int portColon = hostAndPort.lastIndexOf(':');
			if (portColon < hostAndPort.lastIndexOf(']')) {
				portColon = -1;
			}
			String host = (portColon >= 0) ? hostAndPort.substring(0, portColon) : hostAndPort;
			String digits = (portColon >= 0) ? hostAndPort.substring(portColon + 1) : "";
			if (!digits.isEmpty() && (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) > 65535)) {
				return Optional.empty();
			}
			int port = digits.isEmpty() ? -1 : Integer.parseInt(digits);
			return asciiHost(host).map((ascii) -> new Authority(ascii, port));
		}

		private static Optional<String> asciiHost(String host) {
			String lower = host.toLowerCase(Locale.ROOT);
			if (IPV6_HOST.matcher(lower).matches()) {
				return Optional.of(lower);
			}
			String ascii;
			try {
				ascii = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
			return ASCII_HOST.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
		}

	}

}
