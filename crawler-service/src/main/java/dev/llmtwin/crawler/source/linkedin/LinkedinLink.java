package dev.llmtwin.crawler.source.linkedin;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * What a LinkedIn link asks for: a profile's posts ({@code /in/{id}/...}) or a single
 * post ({@code /feed/update/urn:li:activity:…}, {@code /posts/…-activity-…}).
 *
 * @param profile the profile id, or null for a single post
 * @param path the page to open for it, relative to LinkedIn's base address
 * @param activityId the post's activity id when the link names one
 */
record LinkedinLink(String profile, String path, String activityId) {

	private static final Pattern PROFILE = Pattern.compile("^/in/([^/]+)(/.*)?$");

	private static final Pattern FEED_UPDATE = Pattern.compile("^/feed/update/(urn:li:[a-zA-Z]+:(\\d+))/?$");

	private static final Pattern POST = Pattern.compile("^/posts/[^/]*?activity-(\\d+)[^/]*/?$");

	static LinkedinLink of(String link) throws CrawlException {
		String path;
		try {
			path = URI.create(link.strip()).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			throw new CrawlException(CrawlFailure.INVALID_LINK, "not a LinkedIn link: " + link, ex);
		}
		path = (path != null) ? path : "";
		Matcher profile = PROFILE.matcher(path);
		if (profile.matches()) {
			return new LinkedinLink(profile.group(1), "/in/" + profile.group(1) + "/recent-activity/all/", null);
		}
		Matcher update = FEED_UPDATE.matcher(path);
		if (update.matches()) {
			return new LinkedinLink(null, "/feed/update/" + update.group(1) + "/", update.group(2));
		}
		Matcher post = POST.matcher(path);
		if (post.matches()) {
			return new LinkedinLink(null, path, post.group(1));
		}
		throw new CrawlException(CrawlFailure.INVALID_LINK, "not a LinkedIn profile or post link: " + link);
	}

	boolean isProfile() {
		return this.profile != null;
	}

}
