package dev.llmtwin.crawler.source.github;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.link.GitHost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RepositoryLinkTest {

	@ParameterizedTest
	@CsvSource({ "https://github.com/jane/notes, https://github.com/jane/notes",
			"https://github.com/jane/notes/, https://github.com/jane/notes",
			"https://github.com/jane/notes.git, https://github.com/jane/notes",
			"https://www.github.com/jane/notes/tree/main/src, https://github.com/jane/notes",
			"https://github.com/jane/notes/blob/main/README.md, https://github.com/jane/notes" })
	void githubLinkStandsForTheWholeRepository(String link, String repository) throws CrawlException {
		RepositoryLink parsed = RepositoryLink.of(link);

		assertThat(parsed.link()).isEqualTo(repository);
		assertThat(parsed.cloneUrl()).isEqualTo(URI.create(repository + ".git"));
		assertThat(parsed.name()).isEqualTo("jane/notes");
		assertThat(parsed.host()).isEqualTo(GitHost.GITHUB);
		assertThat(parsed.fileLink("abc123", "docs/a b.md"))
			.isEqualTo("https://github.com/jane/notes/blob/abc123/docs/a%20b.md");
	}

	@ParameterizedTest
	@CsvSource({
			"https://gitlab.com/acme/tools/notes/-/blob/main/x.md, https://gitlab.com/acme/tools/notes, "
					+ "acme/tools/notes, GITLAB, https://gitlab.com/acme/tools/notes/-/blob/c0/x.md",
			"https://gitlab.com/jane/notes.git, https://gitlab.com/jane/notes, jane/notes, GITLAB, "
					+ "https://gitlab.com/jane/notes/-/blob/c0/x.md",
			"https://codeberg.org/jane/notes/src/branch/main, https://codeberg.org/jane/notes, jane/notes, CODEBERG, "
					+ "https://codeberg.org/jane/notes/src/commit/c0/x.md",
			"https://www.bitbucket.org/acme/notes/src/main/, https://bitbucket.org/acme/notes, acme/notes, BITBUCKET, "
					+ "https://bitbucket.org/acme/notes/src/c0/x.md" })
	void linksOfOtherKnownHostsStandForTheWholeRepository(String link, String repository, String name, GitHost host,
			String file) throws CrawlException {
		RepositoryLink parsed = RepositoryLink.of(link);

		assertThat(parsed.link()).isEqualTo(repository);
		assertThat(parsed.cloneUrl()).isEqualTo(URI.create(repository + ".git"));
		assertThat(parsed.name()).isEqualTo(name);
		assertThat(parsed.host()).isEqualTo(host);
		assertThat(parsed.host().platform()).isEqualTo(host.name().toLowerCase(java.util.Locale.ROOT));
		assertThat(parsed.fileLink("c0", "x.md")).isEqualTo(file);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://github.com/jane", "https://github.com/", "https://github.com",
			"https://gitlab.com/jane", "https://codeberg.org/jane/" })
	void githubLinkWithoutRepositoryFails(String link) {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> RepositoryLink.of(link))
			.withMessageContaining(link);
	}

	@ParameterizedTest
	@CsvSource({ "http://127.0.0.1:8080/git/notes.git/, http://127.0.0.1:8080/git/notes.git, notes",
			"https://git.example.org/team/tools, https://git.example.org/team/tools, tools" })
	void otherGitServersAreClonedFromTheLinkItself(String link, String repository, String name) throws CrawlException {
		RepositoryLink parsed = RepositoryLink.of(link);

		assertThat(parsed.link()).isEqualTo(repository);
		assertThat(parsed.cloneUrl()).isEqualTo(URI.create(repository));
		assertThat(parsed.name()).isEqualTo(name);
		assertThat(parsed.host().platform()).isEqualTo("git");
		assertThat(parsed.fileLink("c0", "src/a.py")).isEqualTo(repository + "#c0:src/a.py");
	}

}
