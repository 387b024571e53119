package dev.llmtwin.crawler.job;

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
	@ValueSource(strings = { "ftp://x", "not a url", "/relative/path", "mailto:jane@example.com", "https:///no-host",
			"example.com/no-scheme", "javascript:alert(1)" })
	void rejectsWhatIsNotAnAbsoluteHttpUrl(String link) {
		assertThat(LinkNormalizer.normalize(link)).isEmpty();
	}

}
