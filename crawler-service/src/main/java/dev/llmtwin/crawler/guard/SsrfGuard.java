package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * Admits only http and https addresses whose host resolves to public addresses only:
 * loopback, private, link-local (cloud metadata), shared, multicast and reserved ranges
 * are refused, also when they hide in an IPv6 address that embeds an IPv4 one, unless
 * {@code crawler.fetch.allowed-hosts} admits the host or address. The addresses it
 * returns are the ones it checked: callers connect to them rather than resolving the name
 * again.
 */
public final class SsrfGuard implements UrlGuard {

	private static final Set<String> SCHEMES = Set.of("http", "https");

	private static final Map<AddressRange, String> BLOCKED = blockedRanges();

	/** IPv6 prefixes that carry an IPv4 address in their last four bytes. */
	private static final List<AddressRange> EMBEDDING_IPV4 = List.of(AddressRange.of("::ffff:0:0/96"),
			AddressRange.of("::/96"), AddressRange.of("64:ff9b::/96"));

	private static final AddressRange SIX_TO_FOUR = AddressRange.of("2002::/16");

	private final HostResolver resolver;

	private final Set<String> allowedNames;

	private final List<AddressRange> allowedRanges;

	/**
	 * @param allowedHosts host names, addresses or CIDR ranges admitted although private
	 */
	public SsrfGuard(List<String> allowedHosts, HostResolver resolver) {
		this.resolver = resolver;
		List<String> names = new ArrayList<>();
		List<AddressRange> ranges = new ArrayList<>();
		for (String entry : allowedHosts) {
			if (entry.isBlank()) {
				continue;
			}
			AddressRange range = AddressRange.parse(entry);
			if (range != null) {
				ranges.add(range);
			}
			else {
				names.add(entry.strip().toLowerCase(Locale.ROOT));
			}
		}
		this.allowedNames = Set.copyOf(names);
		this.allowedRanges = List.copyOf(ranges);
	}

	@Override
	public List<InetAddress> admit(URI target) throws CrawlException {
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!SCHEMES.contains(scheme)) {
			throw new CrawlException(CrawlFailure.INVALID_LINK,
					"only http and https links can be crawled, not " + target);
		}
		String host = target.getHost();
		if (host == null || host.isEmpty()) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "the link has no host: " + target);
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		List<InetAddress> addresses = resolve(host);
		if (this.allowedNames.contains(host)) {
			return addresses;
		}
		for (InetAddress address : addresses) {
			String refusal = refusal(address.getAddress());
			if (refusal != null && !allowed(address.getAddress())) {
				throw new CrawlException(CrawlFailure.BLOCKED, "refused to fetch " + target + ": host " + host + " is "
						+ refusal + " (" + address.getHostAddress() + "), not a public address");
			}
		}
		return addresses;
	}

	private List<InetAddress> resolve(String host) throws CrawlException {
		InetAddress[] addresses;
		try {
			InetAddress literal = AddressRange.literal(host);
			addresses = (literal != null) ? new InetAddress[] { literal } : this.resolver.resolve(host);
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			throw new CrawlException(CrawlFailure.UNREACHABLE, "unknown host " + host, ex);
		}
		if (addresses == null || addresses.length == 0) {
			throw new CrawlException(CrawlFailure.UNREACHABLE, "unknown host " + host);
		}
		return List.of(addresses);
	}

	private boolean allowed(byte[] address) {
		return this.allowedRanges.stream().anyMatch((range) -> range.contains(address));
	}

	/** Why an address must not be requested, or null when it is public. */
	static String refusal(byte[] address) {
		if (address.length == 16) {
			for (AddressRange embedding : EMBEDDING_IPV4) {
				if (embedding.contains(address) && !isZeroOrOne(address)) {
					String embedded = refusal(Arrays.copyOfRange(address, 12, 16));
					return (embedded != null) ? embedded + " embedded in IPv6" : null;
				}
			}
			if (SIX_TO_FOUR.contains(address)) {
				String embedded = refusal(Arrays.copyOfRange(address, 2, 6));
				if (embedded != null) {
					return embedded + " embedded in a 6to4 address";
				}
			}
		}
		for (Map.Entry<AddressRange, String> blocked : BLOCKED.entrySet()) {
			if (blocked.getKey().contains(address)) {
				return blocked.getValue();
			}
		}
		return null;
	}

	/** {@code ::} and {@code ::1} are unspecified and loopback, not embedded IPv4. */
	private static boolean isZeroOrOne(byte[] address) {
		for (int i = 0; i < 15; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[15] == 0 || address[15] == 1;
	}

	private static Map<AddressRange, String> blockedRanges() {
		String[][] ranges = { { "0.0.0.0/8", "an unspecified address" }, { "10.0.0.0/8", "a private address" },
				{ "100.64.0.0/10", "a shared (carrier-grade NAT) address" }, { "127.0.0.0/8", "a loopback address" },
				{ "169.254.0.0/16", "a link-local address (cloud metadata lives here)" },
				{ "172.16.0.0/12", "a private address" }, { "192.0.0.0/24", "a reserved address" },
				{ "192.0.2.0/24", "a documentation address" }, { "192.168.0.0/16", "a private address" },
				{ "198.18.0.0/15", "a benchmarking address" }, { "198.51.100.0/24", "a documentation address" },
				{ "203.0.113.0/24", "a documentation address" }, { "224.0.0.0/4", "a multicast address" },
				{ "240.0.0.0/4", "a reserved address" }, { "::/128", "an unspecified address" },
				{ "::1/128", "a loopback address" }, { "fc00::/7", "a unique-local address" },
				{ "fe80::/10", "a link-local address" }, { "fec0::/10", "a site-local address" },
				{ "ff00::/8", "a multicast address" }, { "2001:db8::/32", "a documentation address" },
				{ "100::/64", "a discard address" } };
		Map<AddressRange, String> blocked = new LinkedHashMap<>();
		for (String[] range : ranges) {
			blocked.put(AddressRange.of(range[0]), range[1]);
		}
		return Collections.unmodifiableMap(blocked);
	}

}
