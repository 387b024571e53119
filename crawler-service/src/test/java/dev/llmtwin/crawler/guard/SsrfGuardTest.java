package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmtwin.crawler.crawl.CrawlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The guard's decisions through a fake resolver: no name is looked up and no connection
 * is opened, so a broken guard cannot reach any of these addresses.
 */
class SsrfGuardTest {

	private static final Map<String, String> DNS = Map.of("metadata.attacker.test", "169.254.169.254",
			"intranet.attacker.test", "10.1.2.3", "mapped.attacker.test", "::ffff:10.0.0.1", "ula.attacker.test",
			"fd12:3456::1", "public.example.test", "93.184.215.14", "public6.example.test", "2606:2800:21f:cb07::1");

	private static final HostResolver FAKE_RESOLVER = (host) -> {
		String address = DNS.get(host);
		if (address == null) {
			throw new UnknownHostException(host);
		}
		return new InetAddress[] { InetAddress.getByName(address) };
	};

	private final SsrfGuard guard = new SsrfGuard(List.of(), FAKE_RESOLVER);

	@ParameterizedTest
	@CsvSource({ "http://169.254.169.254/latest/meta-data/, link-local", "http://10.0.0.1/, private",
			"http://10.255.255.254/, private", "http://172.16.0.1/, private", "http://172.31.255.255/, private",
			"http://192.168.1.1/, private", "http://127.0.0.1/, loopback", "http://127.0.0.2:8080/, loopback",
			"http://0.0.0.0/, unspecified", "http://100.64.0.1/, shared", "http://224.0.0.1/, multicast",
			"'http://[::1]/', loopback", "'http://[fc00::1]/', unique-local", "'http://[fdff:ffff::1]/', unique-local",
			"'http://[fe80::1]/', link-local", "'http://[::ffff:10.0.0.1]/', private",
			"'http://[::ffff:127.0.0.1]/', loopback", "'http://[::ffff:169.254.169.254]/', link-local",
			"'http://[::10.0.0.1]/', private", "'http://[64:ff9b::a00:1]/', private",
			"'http://[2002:a00:1::1]/', private", "'http://[::]/', unspecified" })
	void refusesNonPublicAddresses(String url, String kind) {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.guard.check(URI.create(url)))
			.withMessageContaining("refused")
			.withMessageContaining(kind);
	}

	@ParameterizedTest
	@CsvSource({ "http://metadata.attacker.test/, 169.254.169.254", "https://intranet.attacker.test/x, 10.1.2.3",
			"http://mapped.attacker.test/, 10.0.0.1", "http://ula.attacker.test/, fd12:3456:0:0:0:0:0:1" })
	void refusesNamesThatResolveToNonPublicAddresses(String url, String address) {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.guard.check(URI.create(url)))
			.withMessageContaining("refused")
			.withMessageContaining(address);
	}

	@Test
	void refusesANameWhenAnyOfItsAddressesIsPrivate() {
		SsrfGuard guard = new SsrfGuard(List.of(), (host) -> new InetAddress[] { InetAddress.getByName("93.184.215.14"),
				InetAddress.getByName("192.168.0.10") });

		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> guard.check(URI.create("https://mixed.example.test/")))
			.withMessageContaining("192.168.0.10");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://public.example.test/post", "http://public6.example.test/",
			"https://93.184.215.14/", "http://172.32.0.1/", "http://100.128.0.1/" })
	void admitsPublicAddresses(String url) {
		assertThatCode(() -> this.guard.check(URI.create(url))).doesNotThrowAnyException();
	}

	@Test
	void admittingGivesTheAddressesThatWereChecked() throws Exception {
		assertThat(this.guard.admit(URI.create("https://public.example.test/post")))
			.containsExactly(InetAddress.getByName("93.184.215.14"));
		assertThat(this.guard.admit(URI.create("http://[2606:2800:21f:cb07::1]:8080/")))
			.containsExactly(InetAddress.getByName("2606:2800:21f:cb07::1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "ftp://public.example.test/file", "gopher://public.example.test/",
			"jar:file:/x.jar!/y", "mailto:someone@example.test" })
	void refusesSchemesOtherThanHttpAndHttps(String url) {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.guard.check(URI.create(url)))
			.withMessageContaining("only http and https");
	}

	@Test
	void unknownHostsAreRefused() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.guard.check(URI.create("https://nowhere.invalid/")))
			.withMessageContaining("unknown host nowhere.invalid");
	}

	@Test
	void allowListAdmitsAddressesRangesAndNames() throws CrawlException {
		SsrfGuard guard = new SsrfGuard(List.of("127.0.0.1", "10.1.0.0/16", "intranet.attacker.test ", "fd12::/16"),
				FAKE_RESOLVER);

		guard.check(URI.create("http://127.0.0.1:8080/"));
		guard.check(URI.create("http://10.1.200.3/"));
		guard.check(URI.create("http://Intranet.Attacker.test/"));
		guard.check(URI.create("http://ula.attacker.test/"));
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> guard.check(URI.create("http://127.0.0.2/")))
			.withMessageContaining("loopback");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> guard.check(URI.create("http://10.2.0.1/")))
			.withMessageContaining("private");
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> guard.check(URI.create("http://metadata.attacker.test/")))
			.withMessageContaining("169.254.169.254");
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> guard.check(URI.create("ftp://127.0.0.1/")))
			.withMessageContaining("only http and https");
	}

	@Test
	void addressRangesMatchByPrefix() {
		AddressRange range = AddressRange.of("172.16.0.0/12");

		assertThat(range.contains(new byte[] { (byte) 172, 16, 0, 0 })).isTrue();
		assertThat(range.contains(new byte[] { (byte) 172, 31, (byte) 255, (byte) 255 })).isTrue();
		assertThat(range.contains(new byte[] { (byte) 172, 32, 0, 0 })).isFalse();
		assertThat(range.contains(new byte[] { (byte) 172, 15, (byte) 255, (byte) 255 })).isFalse();
		assertThat(AddressRange.parse("example.com")).isNull();
	}

}
