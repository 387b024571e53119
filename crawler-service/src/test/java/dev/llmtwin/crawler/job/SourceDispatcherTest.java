package dev.llmtwin.crawler.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmtwin.model.Source;

import static org.assertj.core.api.Assertions.assertThat;

class SourceDispatcherTest {

	private final SourceDispatcher dispatcher = new SourceDispatcher();

	@ParameterizedTest
	@CsvSource({ "https://medium.com/@jane/a-post-123abc, MEDIUM", "https://jane.medium.com/a-post-123abc, MEDIUM",
			"https://medium.com/towards-data-science/a-post-1, MEDIUM", "https://medium.com/, MEDIUM",
			"https://notmedium.com/a, WEB", "https://medium.com.evil.example/a, WEB",
			"https://jane.substack.com/p/a-post, SUBSTACK", "https://jane.substack.com/archive, SUBSTACK",
			"https://substack.com.example.org/p/x, WEB", "https://www.linkedin.com/in/jane-doe/, LINKEDIN",
			"https://www.linkedin.com/in/jane-doe/recent-activity/all/, LINKEDIN",
			"https://www.linkedin.com/posts/jane-doe_rag-activity-7123-abcd, LINKEDIN",
			"https://www.linkedin.com/feed/update/urn:li:activity:7123456789/, LINKEDIN",
			"https://www.linkedin.com/company/acme/, WEB", "https://www.linkedin.com/jobs/view/1/, WEB",
			"https://github.com/jane/twin, GITHUB", "https://github.com/jane/twin.git, GITHUB",
			"https://github.com/jane/twin/tree/main/src, GITHUB", "https://www.github.com/jane/twin, GITHUB",
			"https://github.com/jane, WEB", "https://github.com/orgs/acme/repositories, WEB",
			"https://github.com/jane/twin/issues/4, WEB", "https://gist.github.com/jane/abc, WEB",
			"https://blog.example.com/posts/1, WEB", "http://127.0.0.1:8080/posts/1, WEB",
			"https://gitlab.com/jane/twin, GITHUB", "https://gitlab.com/acme/tools/twin, GITHUB",
			"https://gitlab.com/acme/tools/twin/-/tree/main/src, GITHUB",
			"https://gitlab.com/acme/twin/-/issues/3, WEB", "https://gitlab.com/explore/projects, WEB",
			"https://gitlab.com/jane, WEB", "https://codeberg.org/jane/twin, GITHUB",
			"https://codeberg.org/jane/twin/src/branch/main/README.md, GITHUB",
			"https://codeberg.org/jane/twin/issues, WEB", "https://bitbucket.org/acme/twin/src/main/, GITHUB",
			"https://bitbucket.org/acme, WEB", "https://git.example.org/team/tools.git, GITHUB",
			"http://127.0.0.1:8080/git/notes.git, GITHUB", "https://git.example.org/team/tools, WEB" })
	void dispatchesByHostAndPath(String link, Source source) {
		assertThat(this.dispatcher.sourceOf(link)).isEqualTo(source);
	}

}
