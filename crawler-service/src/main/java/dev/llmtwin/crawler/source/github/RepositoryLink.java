package dev.llmtwin.crawler.source.github;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * A repository as the crawler sees it: the link its documents are keyed by, the URL it is
 * cloned from, and its name. A GitHub link may point anywhere inside the repository (a
 * folder, a file, a branch); it stands for the repository as a whole.
 */
record RepositoryLink(String link, URI cloneUrl, String name) {

	static RepositoryLink of(String link) throws CrawlException {
		URI uri;
		try {
			uri = URI.create(link.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "not a repository link: " + link, ex);
		}
		String[] segments = Arrays.stream((uri.getPath() != null) ? uri.getPath().split("/") : new String[0])
			.filter((segment) -> !segment.isEmpty())
			.toArray(String[]::new);
		if (segments.length == 0) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "the link names no repository: " + link);
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.equals("github.com") || host.equals("www.github.com")) {
			if (segments.length < 2) {
				throw new CrawlException(CrawlFailure.INVALID_LINK,
						"a GitHub link must name an owner and a repository: " + link);
			}
			String name = segments[0] + "/" + withoutGitSuffix(segments[1]);
			String repository = "https://github.com/" + name;
			return new RepositoryLink(repository, URI.create(repository + ".git"), name);
		}
		// Any other Git server (and the tests' own): the link is the clone URL.
		String repository = link.strip().replaceAll("/+$", "");
		return new RepositoryLink(repository, URI.create(repository), withoutGitSuffix(segments[segments.length - 1]));
	}

	private static String withoutGitSuffix(String name) {
		return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
	}

}
