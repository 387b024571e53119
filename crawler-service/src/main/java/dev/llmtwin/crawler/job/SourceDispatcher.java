package dev.llmtwin.crawler.job;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.link.GitHost;
import dev.llmtwin.model.Source;

/**
 * Decides which source's crawler takes a link, by its parsed host and path; its routing
 * key picks the queue. Medium publications and Substack newsletters on their own domains
 * look like any other site here: the web crawler recognises them by their markup. A Git
 * repository on any host ({@link GitHost}) goes to the code crawler, whose source is
 * named {@code github}.
 */
@Component
public class SourceDispatcher {

	public Source sourceOf(String normalizedLink) {
		URI uri = URI.create(normalizedLink);
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		List<String> path = segments(uri.getPath());
		if (isDomain(host, "medium.com")) {
			return Source.MEDIUM;
		}
		if (isDomain(host, "substack.com")) {
			return Source.SUBSTACK;
		}
		if (isDomain(host, "linkedin.com") && isLinkedInActivity(path)) {
			return Source.LINKEDIN;
		}
		if (GitHost.isRepository(host, path)) {
			return Source.GITHUB;
		}
		return Source.WEB;
	}

	private static boolean isDomain(String host, String domain) {
		return host.equals(domain) || host.endsWith("." + domain);
	}

	/**
	 * {@code /in/{profile}[/recent-activity/...]}, {@code /posts/...},
	 * {@code /feed/update/urn:li:activity:...}.
	 */
	private static boolean isLinkedInActivity(List<String> path) {
		if (path.size() >= 2 && path.get(0).equals("in")) {
			return path.size() == 2 || path.get(2).equals("recent-activity") || path.get(2).equals("detail");
		}
		if (path.size() >= 2 && path.get(0).equals("posts")) {
			return true;
		}
		return path.size() >= 3 && path.get(0).equals("feed") && path.get(1).equals("update")
				&& path.get(2).startsWith("urn:li:activity:");
	}

	private static List<String> segments(String path) {
		if (path == null) {
			return List.of();
		}
		return Arrays.stream(path.split("/")).filter((segment) -> !segment.isEmpty()).toList();
	}

}
