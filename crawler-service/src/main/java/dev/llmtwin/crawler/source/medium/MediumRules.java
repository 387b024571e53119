package dev.llmtwin.crawler.source.medium;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.extract.ArticleExtractor;
import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageMetadata;
import dev.llmtwin.crawler.extract.SiteRules;
import dev.llmtwin.model.Source;

/**
 * Medium's story pages, on medium.com, a writer's subdomain or a publication's own
 * domain: the story is the {@code article} element, its title {@code h1.pw-post-title}
 * ({@code data-testid=storyTitle}), its subtitle {@code h2.pw-subtitle-paragraph}, its
 * text every {@code [data-selectable-paragraph]} block; the byline, clap and share bars,
 * "more from" lists and responses are left out. Pages of custom domains carry Medium's
 * app link metadata ({@code al:android:app_name=Medium}).
 */
@Component
public class MediumRules implements SiteRules {

	/** Medium story slugs end in a hexadecimal post id. */
	private static final Pattern STORY_PATH = Pattern.compile(".*-[0-9a-f]{8,12}");

	private static final String BLOCKS = "[data-selectable-paragraph]";

	private static final String NOT_BODY = ".pw-post-title, .pw-subtitle-paragraph, [data-testid=storyTitle]";

	@Override
	public Source platform() {
		return Source.MEDIUM;
	}

	@Override
	public boolean recognises(Document page) {
		return page.selectFirst("meta[property=al:android:app_name][content=Medium], "
				+ "meta[property=al:ios:app_name][content=Medium], meta[name=twitter:app:name:iphone][content=Medium]") != null;
	}

	/**
	 * A writer's profile: {@code /@user} (on medium.com or a publication's domain) or the
	 * root of the writer's subdomain {@code user.medium.com}.
	 */
	@Override
	public boolean isListing(URI url) {
		String host = url.getHost().toLowerCase(Locale.ROOT);
		String path = (url.getPath() == null) ? "" : url.getPath().replaceAll("/+$", "");
		if (path.matches("/@[^/]+")) {
			return true;
		}
		return host.endsWith(".medium.com") && !host.equals("www.medium.com") && path.isEmpty();
	}

	@Override
	public ExtractedArticle extract(Document page) {
		Element article = page.selectFirst("article");
		Element title = page.selectFirst("h1[data-testid=storyTitle], h1.pw-post-title");
		Element subtitle = page.selectFirst("h2.pw-subtitle-paragraph");
		Element author = page.selectFirst("[data-testid=authorName]");
		String content = (article != null) ? body(article) : "";
		PageMetadata metadata = PageMetadata.of(page);
		return new ExtractedArticle((title != null) ? ArticleExtractor.blankToNull(title.text()) : metadata.title(),
				(subtitle != null) ? ArticleExtractor.blankToNull(subtitle.text()) : null,
				(author != null) ? ArticleExtractor.blankToNull(author.text()) : metadata.author(), metadata.siteName(),
				content, metadata.publishedAt(), metadata.language(), "medium-rules");
	}

	/**
	 * The story's blocks in order, each once (a block inside another counts as part of
	 * it).
	 */
	private static String body(Element article) {
		Element body = new Element("div");
		for (Element block : article.select(BLOCKS)) {
			if (block.is(NOT_BODY) || hasBlockAncestor(block, article)) {
				continue;
			}
			Element pre = block.closest("pre");
			body.appendChild(((pre != null) ? pre : block).clone());
		}
		return ArticleExtractor.textBlocks(body);
	}

	private static boolean hasBlockAncestor(Element block, Element article) {
		for (Element parent = block.parent(); parent != null && parent != article; parent = parent.parent()) {
			if (parent.hasAttr("data-selectable-paragraph")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The writer's stories on the profile's host: under {@code /@user/}, or in a
	 * publication ({@code /publication/slug-id}); stories under another writer's
	 * {@code /@name/} are left out. A story is its path: the query only says where the
	 * reader came from or which part to open (responses).
	 */
	@Override
	public List<String> articleLinks(Document listing) {
		URI profile = URI.create(listing.location());
		String host = profile.getHost().toLowerCase(Locale.ROOT);
		String profilePath = (profile.getPath() == null) ? "" : profile.getPath().replaceAll("/+$", "");
		String own = profilePath.startsWith("/@") ? profilePath + "/" : "/";
		return SiteRules.links(listing, (uri) -> {
			String path = (uri.getPath() == null) ? "" : uri.getPath().replaceAll("/+$", "");
			boolean otherWriter = path.startsWith("/@") && !path.startsWith(own);
			return uri.getHost().equals(host) && !otherWriter && STORY_PATH.matcher(path).matches();
		}).stream().map((link) -> link.replaceFirst("\\?.*$", "")).distinct().toList();
	}

}
