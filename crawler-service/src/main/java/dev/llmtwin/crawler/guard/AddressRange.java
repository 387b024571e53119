package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A CIDR range of IPv4 or IPv6 addresses. */
record AddressRange(byte[] network, int prefixLength) {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	/**
	 * Parses {@code address/prefix} or a single address; empty for anything else (a host
	 * name), never a DNS lookup.
	 */
	static AddressRange parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		String address = (slash >= 0) ? value.substring(0, slash) : value;
		InetAddress parsed = literal(address);
		if (parsed == null) {
			return null;
		}
		byte[] bytes = parsed.getAddress();
		if (address.contains(":") && bytes.length == 4) {
			// Java turns IPv4-mapped IPv6 text into an IPv4 address; a range needs all 16
			// bytes.
			byte[] mapped = new byte[16];
			mapped[10] = (byte) 0xff;
			mapped[11] = (byte) 0xff;
			System.arraycopy(bytes, 0, mapped, 12, 4);
			bytes = mapped;
		}
		int bits = bytes.length * 8;
		int prefix = (slash >= 0) ? Integer.parseInt(value.substring(slash + 1)) : bits;
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("Invalid prefix length in '" + text + "'");
		}
		return new AddressRange(bytes, prefix);
	}

	static AddressRange of(String cidr) {
		AddressRange range = parse(cidr);
		if (range == null) {
			throw new IllegalArgumentException("Not an address range: " + cidr);
		}
		return range;
	}

	/** An IP literal without a lookup: IPv4 dotted quads and anything with a colon. */
	static InetAddress literal(String text) {
		String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
		if (!IPV4_LITERAL.matcher(address).matches() && !address.contains(":")) {
			return null;
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Invalid address '" + text + "'", ex);
		}
	}

	boolean contains(byte[] address) {
		if (address.length != this.network.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (address[full] & mask) == (this.network[full] & mask);
	}

}
