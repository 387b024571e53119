package dev.llmtwin.crawler.source.github;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmtwin.crawler.crawl.CrawlException;

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
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://github.com/jane", "https://github.com/", "https://github.com" })
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
	}

}
