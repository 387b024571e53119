package dev.llmtwin.crawler.source.substack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.extract.ArticleExtractor;
import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageMetadata;
import dev.llmtwin.crawler.extract.SiteRules;
import dev.llmtwin.crawler.link.LinkNormalizer;
import dev.llmtwin.model.Source;

/**
 * Substack's post pages, on {@code *.substack.com} or a newsletter's own domain: the post
 * is {@code article.newsletter-post}, its title {@code h1.post-title}, its subtitle
 * {@code h3.subtitle}, its text {@code .available-content .body.markup} without the
 * subscribe and share widgets, buttons, the paywall and the comments. Custom domains are
 * recognised by assets loaded from Substack's CDN ({@code substackcdn.com}) or Substack's
 * generator tag.
 */
@Component
public class SubstackRules implements SiteRules {

	private static final String WIDGETS = ".subscription-widget-wrap, .subscription-widget, .subscribe-widget, "
			+ ".button-wrapper, .captioned-button-wrap, .share-dialog, .post-ufi, .paywall, .paywall-cta, "
			+ ".image-link-expand, .comments-section, form, button, script, style";

	@Override
	public Source platform() {
		return Source.SUBSTACK;
	}

	@Override
	public boolean recognises(Document page) {
		return page.selectFirst("meta[name=generator][content~=(?i)^substack], link[href*=substackcdn.com], "
				+ "script[src*=substackcdn.com], meta[property=og:image][content*=substackcdn.com]") != null;
	}

	/** The archive or the home page of a newsletter. */
	@Override
	public boolean isListing(URI url) {
		String path = (url.getPath() == null) ? "" : url.getPath().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
		return path.isEmpty() || path.equals("/archive");
	}

	@Override
	public ExtractedArticle extract(Document page) {
		Element title = page.selectFirst("article h1.post-title, h1.post-title");
		Element subtitle = page.selectFirst("article h3.subtitle, h3.subtitle");
		Element body = page.selectFirst(".available-content .body.markup, article .body.markup");
		String content = "";
		if (body != null) {
			Element copy = body.clone();
			copy.select(WIDGETS).remove();
			content = ArticleExtractor.textBlocks(copy);
		}
		PageMetadata metadata = PageMetadata.of(page);
		return new ExtractedArticle((title != null) ? ArticleExtractor.blankToNull(title.text()) : metadata.title(),
				(subtitle != null) ? ArticleExtractor.blankToNull(subtitle.text()) : metadata.subtitle(),
				metadata.author(), metadata.siteName(), content, metadata.publishedAt(), metadata.language(),
				"substack-rules");
	}

	/**
	 * Substack's archive API, newest first: the archive page renders only the first
	 * posts, the rest load from it as the reader scrolls.
	 */
	@Override
	public Optional<String> articleFeed(Document listing, int limit) {
		return Optional.of(origin(listing) + "/api/v1/archive?sort=new&offset=0&limit=" + Math.min(limit, 50));
	}

	/** The posts' slugs as links on the listing's own domain. */
	@Override
	public List<String> articleLinks(JsonNode feed, Document listing) {
		List<String> links = new ArrayList<>();
		for (JsonNode post : feed) {
			JsonNode slug = post.get("slug");
			if (slug != null && slug.isString() && slug.asString().matches("[A-Za-z0-9._~%-]+")) {
				LinkNormalizer.normalize(origin(listing) + "/p/" + slug.asString()).ifPresent(links::add);
			}
		}
		return links;
	}

	private static String origin(Document page) {
		URI uri = URI.create(page.location());
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/** Post links ({@code /p/slug}) of the newsletter's own domain. */
	@Override
	public List<String> articleLinks(Document listing) {
		String host = URI.create(listing.location()).getHost();
		return SiteRules.links(listing, (uri) -> uri.getHost().equalsIgnoreCase(host) && uri.getPath() != null
				&& uri.getPath().matches("/p/[^/]+/?"));
	}

}
