package dev.llmtwin.crawler.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Git hosts whose links the code crawler understands beyond a clone URL: which paths
 * name a repository (rather than a user, an issue or a page of the host), how the
 * repository is named and cloned, and where the host shows a file. Any other server's
 * link is a repository when it ends in {@code .git}, and is cloned as given.
 */
public enum GitHost {

	/** {@code /{owner}/{repo}[.git][/tree/…|/blob/…]}. */
	GITHUB("github.com", "GitHub", "github", Set.of("tree", "blob")) {

		@Override
		String fileView(String commit) {
			return "/blob/" + commit + "/";
		}

	},

	/** {@code /{group}[/{subgroup}…]/{project}[.git][/-/tree/…|/-/blob/…]}. */
	GITLAB("gitlab.com", "GitLab", "gitlab", Set.of("tree", "blob")) {

		@Override
		public List<String> repositoryPath(List<String> segments) {
			int marker = segments.indexOf("-");
			return withoutGitSuffix((marker < 0) ? segments : segments.subList(0, marker));
		}

		@Override
		boolean isRepository(List<String> segments) {
			int marker = segments.indexOf("-");
			List<String> path = (marker < 0) ? segments : segments.subList(0, marker);
			return path.size() >= 2 && !isPage(path.get(0))
					&& (marker < 0 || (segments.size() > marker + 1 && this.views.contains(segments.get(marker + 1))));
		}

		@Override
		String fileView(String commit) {
			return "/-/blob/" + commit + "/";
		}

	},

	/** {@code /{owner}/{repo}[.git][/src/…]} (Forgejo). */
	CODEBERG("codeberg.org", "Codeberg", "codeberg", Set.of("src")) {

		@Override
		String fileView(String commit) {
			return "/src/commit/" + commit + "/";
		}

	},

	/** {@code /{workspace}/{repo}[.git][/src/…]}. */
	BITBUCKET("bitbucket.org", "Bitbucket", "bitbucket", Set.of("src")) {

		@Override
		String fileView(String commit) {
			return "/src/" + commit + "/";
		}

	},

	/** Any other server: a link ending in {@code .git} is the clone URL itself. */
	OTHER(null, "Git server", "git", Set.of()) {

		@Override
		boolean isRepository(List<String> segments) {
			return !segments.isEmpty() && segments.get(segments.size() - 1).endsWith(".git");
		}

		/** It may have no web view: the fragment names the commit and the file. */
		@Override
		String fileView(String commit) {
			return "#" + commit + ":";
		}

	};

	/** First path segments that are pages of the hosts, not owners. */
	private static final Set<String> PAGES = Set.of("about", "orgs", "settings", "topics", "features", "marketplace",
			"explore", "collections", "trending", "sponsors", "login", "join", "search", "pricing", "enterprise",
			"apps", "notifications", "new", "organizations", "site", "customer-stories", "readme", "users", "dashboard",
			"help", "user", "admin", "projects", "groups", "snippets", "account", "blog", "product");

	private final String domain;

	private final String displayName;

	private final String platform;

	/** Path segments after the repository that still stand for it (folders, files). */
	final Set<String> views;

	GitHost(String domain, String displayName, String platform, Set<String> views) {
		this.domain = domain;
		this.displayName = displayName;
		this.platform = platform;
		this.views = views;
	}

	/** The host of a link's (lower-cased) host name; {@code www.} is ignored. */
	public static GitHost of(String host) {
		String name = (host != null) ? host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "") : "";
		for (GitHost known : values()) {
			if (name.equals(known.domain)) {
				return known;
			}
		}
		return OTHER;
	}

	/** Whether a link with this host and these path segments names a repository. */
	public static boolean isRepository(String host, List<String> segments) {
		return of(host).isRepository(segments);
	}

	boolean isRepository(List<String> segments) {
		return segments.size() >= 2 && !isPage(segments.get(0))
				&& (segments.size() == 2 || this.views.contains(segments.get(2)));
	}

	/** The segments that name the repository, without {@code .git}. */
	public List<String> repositoryPath(List<String> segments) {
		return withoutGitSuffix(segments.subList(0, Math.min(2, segments.size())));
	}

	/** The path between the repository's link and a file's path, at a commit. */
	abstract String fileView(String commit);

	/** Where the host shows a file of a repository at a commit. */
	public String fileLink(String repositoryLink, String commit, String encodedPath) {
		return repositoryLink + fileView(commit) + encodedPath;
	}

	public String domain() {
		return this.domain;
	}

	public String displayName() {
		return this.displayName;
	}

	/** The {@code platform} of the documents crawled from it. */
	public String platform() {
		return this.platform;
	}

	static boolean isPage(String segment) {
		return PAGES.contains(segment.toLowerCase(Locale.ROOT));
	}

	static List<String> withoutGitSuffix(List<String> path) {
		List<String> names = new ArrayList<>(path);
		if (!names.isEmpty()) {
			String last = names.get(names.size() - 1);
			names.set(names.size() - 1, last.endsWith(".git") ? last.substring(0, last.length() - 4) : last);
		}
		return names;
	}

}
