package dev.llmtwin.crawler.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LinkNormalizerTest {

	@ParameterizedTest
	@CsvSource({ "HTTPS://Blog.Example.COM/Posts/One, https://blog.example.com/Posts/One",
			"https://example.com:443/a?b=1&c=2#section, https://example.com/a?b=1&c=2",
			"http://example.com:80, http://example.com/", "http://example.com:8080/x, http://example.com:8080/x",
			"https://example.com:80/x, https://example.com:80/x",
			"https://example.com/a%20b?q=%C3%A9, https://example.com/a%20b?q=%C3%A9",
			"'  https://example.com/padded  ', https://example.com/padded" })
	void normalizesSchemeHostPortAndFragment(String link, String normalized) {
		assertThat(LinkNormalizer.normalize(link)).hasValue(normalized);
	}

	@ParameterizedTest
	@CsvSource({
			"https://medium.com/@jane/post-1a2b?source=rss----1&utm_medium=email&utm_campaign=x, https://medium.com/@jane/post-1a2b",
			"https://example.com/p?z=1&fbclid=abc&a=2&gclid=9&ref=hn#top, https://example.com/p?a=2&z=1",
			"https://jane.substack.com/p/post?r=2xyz&utm_source=substack&triedRedirect=true, https://jane.substack.com/p/post",
			"https://example.com/search?r=1&q=a&q=b, https://example.com/search?q=a&q=b&r=1",
			"https://example.com/p?utm_source=a, https://example.com/p" })
	void dropsTrackingParametersAndSortsTheRest(String link, String normalized) {
		assertThat(LinkNormalizer.normalize(link)).hasValue(normalized);
	}

	@ParameterizedTest
	@CsvSource({ "https://bücher.example/posts/1, https://xn--bcher-kva.example/posts/1",
			"https://BÜCHER.example/, https://xn--bcher-kva.example/",
			"https://例え.テスト/パス?q=é, https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?q=%C3%A9",
			"https://xn--bcher-kva.example/posts/1, https://xn--bcher-kva.example/posts/1",
			"https://blog.example/stra%C3%9Fe, https://blog.example/stra%C3%9Fe",
			"https://blog.example/straße, https://blog.example/stra%C3%9Fe",
			"http://[::1]:8080/x, http://[::1]:8080/x" })
	void internationalisedHostsAndPathsBecomeAscii(String link, String normalized) {
		assertThat(LinkNormalizer.normalize(link)).hasValue(normalized);
	}

	@ParameterizedTest
	@CsvSource({ "https://jane:s3cret@blog.example/post, https://blog.example/post",
			"https://jane@blog.example:8443/post, https://blog.example:8443/post",
			"https://jane:s3cret@bücher.example/, https://xn--bcher-kva.example/",
			"https://jane:s3cret@p@ss@blog.example/post, https://blog.example/post" })
	void dropsUserNamesAndPasswords(String link, String normalized) {
		assertThat(LinkNormalizer.hasUserInfo(link)).isTrue();
		assertThat(LinkNormalizer.normalize(link)).hasValue(normalized);
		assertThat(LinkNormalizer.withoutUserInfo(link)).doesNotContain("jane")
			.doesNotContain("s3cret")
			.doesNotContain("ss@");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://blog.example/a@b", "https://blog.example/?mail=a@b.example" })
	void anAtSignAfterTheHostIsNoUserInfo(String link) {
		assertThat(LinkNormalizer.hasUserInfo(link)).isFalse();
		assertThat(LinkNormalizer.withoutUserInfo(link)).isEqualTo(link);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://x", "https://example.com:99999/x", "https://example.com:-1/x",
			"https://exa%6Dple.com/", "https://ex ample.com/", "not a url", "/relative/path", "mailto:jane@example.com",
			"https:///no-host", "example.com/no-scheme", "javascript:alert(1)" })
	void rejectsWhatIsNotAnAbsoluteHttpUrl(String link) {
		assertThat(LinkNormalizer.normalize(link)).isEmpty();
	}

}
