package dev.llmtwin.crawler.source.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.springframework.web.util.UriUtils;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.link.GitHost;

/**
 * A repository as the crawler sees it: the link its documents are keyed by, the URL it is
 * cloned from, its name and its host. A link to a known host (GitHub, GitLab, Codeberg,
 * Bitbucket) may point anywhere inside the repository (a folder, a file, a branch); it
 * stands for the repository as a whole. On any other Git server the link is the clone
 * URL.
 */
record RepositoryLink(String link, URI cloneUrl, String name, GitHost host) {

	static RepositoryLink of(String link) throws CrawlException {
		URI uri;
		try {
			uri = URI.create(link.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "not a repository link: " + link, ex);
		}
		List<String> segments = Arrays.stream((uri.getPath() != null) ? uri.getPath().split("/") : new String[0])
			.filter((segment) -> !segment.isEmpty())
			.toList();
		if (segments.isEmpty()) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "the link names no repository: " + link);
		}
		GitHost host = GitHost.of(uri.getHost());
		if (host == GitHost.OTHER) {
			String repository = link.strip().replaceAll("/+$", "");
			return new RepositoryLink(repository, URI.create(repository),
					withoutGitSuffix(segments.get(segments.size() - 1)), host);
		}
		List<String> path = host.repositoryPath(segments);
		if (path.size() < 2) {
			throw new CrawlException(CrawlFailure.INVALID_LINK,
					"a " + host.displayName() + " link must name an owner and a repository: " + link);
		}
		String name = String.join("/", path);
		String repository = "https://" + host.domain() + "/" + name;
		return new RepositoryLink(repository, URI.create(repository + ".git"), name, host);
	}

	/** Where the host shows a file of the repository at a commit. */
	String fileLink(String commit, String path) {
		return this.host.fileLink(this.link, commit, UriUtils.encodePath(path, StandardCharsets.UTF_8));
	}

	private static String withoutGitSuffix(String name) {
		return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
	}

}
