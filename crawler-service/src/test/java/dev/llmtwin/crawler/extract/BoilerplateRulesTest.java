package dev.llmtwin.crawler.extract;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each general rule of the main-text extractor on a page written to need it, through the
 * real Readability.
 */
class BoilerplateRulesTest {

	private static final String PARAGRAPHS = """
			<p>The first paragraph of the article tells the reader what happened, where it happened,
			and why it matters to anyone who follows the subject closely.</p>
			<p>The second paragraph gives the details, with numbers, names and quotes, so that the
			story holds together and the reader can check every claim it makes.</p>
			<p>The third paragraph closes the story with what comes next, and when, and who will
			decide it, which is what most readers want to know at the end.</p>""";

	private final ArticleExtractor extractor = new ArticleExtractor();

	@Test
	void hiddenElementsAreNotText() {
		String content = extract("""
				<article><div style="display: none">2019-11-19T08:57:40+01:00 SiteName</div>
				<div hidden>Hidden teaser</div><span aria-hidden="true">Decorative</span>%s</article>"""
			.formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "The third paragraph")
			.doesNotContain("2019-11-19", "Hidden teaser", "Decorative");
	}

	@Test
	void captionsAndCreditsAreNotText() {
		String content = extract("""
				<article><figure><img src="a.jpg"><figcaption>A crowd outside the court.</figcaption></figure>
				<div class="image-credit">Photo: Jane Roe, Agency</div>%s
				<span class="caption-text">Another picture's caption</span></article>""".formatted(PARAGRAPHS));

		assertThat(content).contains("The second paragraph")
			.doesNotContain("A crowd outside", "Photo: Jane Roe", "Another picture's caption");
	}

	@Test
	void partsNamedForTheirRoleAreNotText() {
		String content = extract("""
				<article><div class="post-byline">By Jane Doe, November 19</div>
				<div class="social-share-bar">Share on Twitter Share on Facebook</div>%s
				<div id="newsletter-signup">Get our daily newsletter in your inbox</div>
				<section class="related_stories"><p>Another story you might like to read today</p></section>
				<div class="comments">12 comments so far, join the discussion</div></article>""".formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "The third paragraph")
			.doesNotContain("By Jane Doe", "Share on", "newsletter", "Another story", "comments");
	}

	@Test
	void aNamedPartHoldingTheArticleIsKept() {
		// Some sites name the article's own container after a widget inside it.
		String content = extract("""
				<div class="post-share-wrapper">%s</div><div class="sidebar"><p>Short aside.</p></div>"""
			.formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "The second paragraph", "The third paragraph");
	}

	@Test
	void aContainerNamedForContentBesideASidebarIsKept() {
		// Readability4J's own patterns took "contentWithSidebar" for a sidebar and picked
		// the
		// licence notes below it; Readability.js 0.6.0's (which we use) count "content"
		// in
		// its favour. Both texts are long enough for Readability's first pass to settle.
		String licence = """
				<p>This website and all documents on it are licensed under a Creative Commons licence,
				and so is every page of it, whatever a page says elsewhere about its own terms.</p>""";
		String content = extract("""
				<div id="site"><div id="sidebar"><ul><li><a href="/a">Archive</a></li></ul></div>
				<div id="contentWithSidebar"><div id="post"><h2>On recent events</h2>%s%s</div></div>
				%s</div>""".formatted(PARAGRAPHS, PARAGRAPHS.replace("paragraph", "section"), licence.repeat(4)));

		assertThat(content).contains("The first paragraph", "The third section");
	}

	@Test
	void aMarkedBodyThatScriptsFillInIsReadFromItsNoscriptCopy() {
		// Blogger keeps the post in a script template and, for readers without scripts,
		// in
		// a noscript copy; other noscript text stays out.
		String content = extract("""
				<div class="post"><div class="post-body" itemprop="articleBody">
				<script type="text/template">%1$s</script><noscript>%1$s</noscript></div></div>
				<noscript><p>Please enable JavaScript to see the comments.</p></noscript>""".formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "The third paragraph").doesNotContain("enable JavaScript");
		assertThat(content.indexOf("The first paragraph")).isEqualTo(content.lastIndexOf("The first paragraph"));
	}

	@Test
	void aThreadIsEveryPostNotTheOneReadabilityPicks() {
		// A phpBB topic: Readability settles on the long opening post; the thread is all.
		String[] replies = { PARAGRAPHS + PARAGRAPHS.replace("paragraph", "part"),
				"We refinanced a thirty year loan into a fifteen year one at a lower rate, and the "
						+ "lender paid most of the closing costs, so we came out ahead within the first year.",
				"Our credit union matched the best online quote after we showed it to them, which saved us the "
						+ "trouble of moving our accounts and the appraisal fee on top of that.",
				"Rates moved down again this week; I locked at a quarter point less than last month and the "
						+ "broker said the lock holds for sixty days, which is plenty for a refinance.",
				"Mind the points: a lower rate that costs two points upfront only pays off if you keep the "
						+ "house long enough, and most people move or refinance again before that.",
				"Closed today. The whole process took five weeks from application to funding, and the title "
						+ "company found a lien from the previous owner that took a week to clear." };
		StringBuilder thread = new StringBuilder("<div id=\"page-body\"><h2>Refinance mega thread</h2>");
		for (int i = 0; i < replies.length; i++) {
			thread
				.append("""
						<div id="p%1$d" class="post has-profile bg%2$d"><div class="inner"><dl class="postprofile">
						<dt>member%1$d</dt><dd>Posts: %1$d0</dd></dl><div class="postbody"><h3>Re: Refinance</h3>
						<p class="author">by member%1$d » Mon Sep 02, 2019</p><div class="content">%3$s</div></div></div></div>"""
					.formatted(i, i % 2 + 1, replies[i]));
		}
		thread.append("</div>");

		Document page = Jsoup.parse(
				"<html><head><title>Refinance mega thread</title></head><body>" + thread + "</body></html>",
				"https://forum.example/viewtopic.php?t=289559");
		ExtractedArticle article = this.extractor.extract(page);

		assertThat(article.content()).containsSubsequence("The third part", "We refinanced a thirty year loan",
				"Our credit union matched", "Rates moved down again", "Mind the points", "Closed today.");
		assertThat(article.extractor()).isEqualTo(ArticleExtractor.THREAD);
	}

	@Test
	void aThreadWhosePostsAreListItemsIsEveryPost() {
		// XenForo: ol.messageList > li.message, each built of divisions.
		String[] posts = { PARAGRAPHS,
				"Does anyone know whether the tenancy deadlines are extended while the courts are closed? My "
						+ "landlord says the notice still runs, and I cannot find anything official about it.",
				"They are not extended automatically. The new law only protects tenants who cannot pay because "
						+ "of the crisis, and you have to be able to show that the loss of income caused it.",
				"Thank you, that helps. I will ask my employer for a letter about the short-time work, so that "
						+ "I can show the landlord where the gap in the payments came from if it comes to that.",
				"Keep copies of everything you send, and send it by registered mail: a court will ask for proof "
						+ "of when the landlord learned of it, and an email alone is easy to dispute later." };
		StringBuilder thread = new StringBuilder("<ol class=\"messageList\">");
		for (int i = 0; i < posts.length; i++) {
			thread.append("""
					<li id="post-%1$d" class="message"><div class="messageUserInfo"><h3>member%1$d</h3></div>
					<div class="messageInfo"><div class="messageContent"><article><blockquote class="messageText">%2$s
					</blockquote></article></div><div class="messageMeta"><span class="date">17.03.2020</span></div>
					</div></li>""".formatted(i, posts[i]));
		}
		thread.append("</ol>");

		ExtractedArticle article = this.extractor.extract(
				Jsoup.parse("<html><head><title>Coronavirus thread</title></head><body>" + thread + "</body></html>",
						"https://forum.example/threads/coronavirus.123/"));

		assertThat(article.content()).containsSubsequence("The third paragraph", "Does anyone know whether",
				"They are not extended", "Thank you, that helps", "Keep copies of everything");
		assertThat(article.extractor()).isEqualTo(ArticleExtractor.THREAD);
	}

	@Test
	void teasersRepeatingAnArticlesFirstWordsAreNoThread() {
		// A slider of teasers beside the article, the first of them its own opening
		// words.
		String teaser = """
				<li class="slide"><div class="teaser"><a href="/%1$s">%2$s</a> Read more, and see the
				pictures of the day in the gallery, with every photograph our readers sent us this week from
				the valley, the coast and the hills, and the stories they told us about each of them, from the
				flooded fields to the new bridge and the market in the old town.</div></li>""";
		String slides = teaser.formatted("story",
				"The first paragraph of the article tells the reader what happened, where it happened")
				+ teaser.formatted("b", "Storm closes the coast road") + teaser.formatted("c", "Mayor opens the bridge")
				+ teaser.formatted("d", "Council approves the budget") + teaser.formatted("e", "The harbour reopens")
				+ teaser.formatted("f", "A new school for the hills");
		ExtractedArticle article = this.extractor.extract(Jsoup.parse(
				"<html><head><title>The story</title></head><body><ul class=\"slides\">" + slides + "</ul><article>"
						+ PARAGRAPHS + PARAGRAPHS.replace("paragraph", "part") + "</article></body></html>",
				"https://news.example/story"));

		assertThat(article.extractor()).isNotEqualTo(ArticleExtractor.THREAD);
		assertThat(article.content()).contains("The third part").doesNotContain("Storm closes the coast road");
	}

	/**
	 * Forum software writes a post's text straight into a blockquote, which Readability,
	 * scoring paragraphs, never saw: it picked the thread's header.
	 */
	@Test
	void textWrittenBareIntoAQuoteIsScoredAsParagraphs() {
		String post = "Here goes everything that is not a legal question, and I will start: the institute now "
				+ "offers an online course on the virus, with lectures, exercises and a forum of its own. ";
		String content = extract("""
				<div class="threadInfo"><p>This topic in the forum Law, Politics and Society was started by a member
				on the seventeenth of March, and it has been read many thousands of times since then, with replies
				from members of every part of the forum, from tenancy law to the law of inheritance.</p></div>
				<article><blockquote class="messageText">%s<br>%s<div class="endMarker">&nbsp;</div></blockquote>
				</article>""".formatted(post.repeat(3), post.repeat(2)));

		assertThat(content).startsWith("Here goes everything that is not a legal question")
			.doesNotContain("was started by a member");
	}

	/**
	 * Readability drops parts named like chrome; a wrapper so named that holds the whole
	 * article left it the little text outside.
	 */
	@Test
	void aWrapperNamedLikeChromeThatHoldsThePageIsNoChrome() {
		String paragraph = "<p>The committee met on Tuesday, and after a long debate, with several amendments, it "
				+ "approved the budget for the coming year, which raises spending on schools and roads.</p>";
		String content = extract("""
				<div class="notice"><p>%s</p></div>
				<div id="headerMover"><div class="story">%s</div></div>""".formatted(
				"This site is run by volunteers, who write, edit and publish its pages in their spare time. ".repeat(7),
				paragraph.repeat(40)));

		assertThat(content).contains("The committee met on Tuesday");
	}

	@Test
	void panelsOfAPageAreNoThread() {
		// A news page sets its article among panels of the same class holding other
		// things.
		String headlines = """
				<div class="panel"><ul class="headlines"><li><span class="time">3 days ago</span>
				<a href="/a">Washington girls knock off Lincoln in overtime, forty-two to forty</a></li>
				<li><span class="time">4 days ago</span><a href="/b">Valley Christian keeps its
				unbeaten run going into the league season with a win at home</a></li></ul></div>""";
		String tools = """
				<div class="panel"><div class="tools"><a href="/print">Print this article</a> |
				<a href="/mail">Email this article</a> | <a href="/comment">Leave a comment</a> about
				the game and what it means for the season ahead.</div></div>""";
		Document page = Jsoup.parse("<html><head><title>Sacred Heart wins</title></head><body><div id=\"main\">"
				+ headlines + "<div class=\"panel\"><div class=\"story\">" + PARAGRAPHS + "</div></div>" + tools
				+ headlines + "</div></body></html>", "https://news.example/sacred-heart");

		ExtractedArticle article = this.extractor.extract(page);

		assertThat(article.extractor()).isNotEqualTo(ArticleExtractor.THREAD);
		assertThat(article.content()).contains("The first paragraph").doesNotContain("Washington girls");
	}

	@Test
	void aFormWrappingThePageIsKeptWhileSmallFormsGo() {
		// ASP.NET pages wrap the whole page in one form.
		String content = extract("""
				<form id="aspnetForm"><article>%s</article>
				<form class="search"><p>Search the site for more</p></form></form>""".formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "The third paragraph").doesNotContain("Search the site");
	}

	@Test
	void readabilityScoresTheTextOfAFormWrappingThePage() {
		// A forum's thread inside its moderation form, the site's blurb outside it.
		String content = extract("""
				<form class="InlineModForm" action="/inline-mod"><div class="thread">%s%s</div>
				<input type="submit" value="Go"></form>
				<div class="site"><p>The valley forum, where people of the valley talk about the river, the roads,
				the weather and the council's decisions, every day since 2004.</p></div>""".formatted(PARAGRAPHS,
				PARAGRAPHS.replace("paragraph", "reply")));

		assertThat(content).contains("The first paragraph", "The third reply").doesNotContain("The valley forum");
	}

	@Test
	void aSectionNamedAfterItsHeadingKeepsItsTextWhileASharingBarGoes() {
		// As documentation generators write sections: the id is the heading's words.
		String section = """
				<div class="section" id="%s"><h2>%s</h2>%s</div>""";
		StringBuilder page = new StringBuilder("<div class=\"body\">");
		for (String topic : List.of("Working alone", "Working in a team", "Reviewing changes", "Releasing",
				"Keeping a history", "Undoing mistakes")) {
			page.append(section.formatted(topic.toLowerCase(Locale.ROOT).replace(' ', '-'), topic, PARAGRAPHS));
		}
		page.append(section.formatted("sharing-with-a-single-developer", "Sharing with a single developer",
				PARAGRAPHS.replace("paragraph", "part")));
		// Long enough for Readability.js to keep, though named like sharing.
		page.append("<section class=\"shared-drafts\"><h2>Shared drafts</h2>%s</section>"
			.formatted(PARAGRAPHS.replace("paragraph", "passage").repeat(2)));
		page.append("<div class=\"share-buttons\"><a href=\"/t\">Share on social media</a></div></div>");

		String content = extract(page.toString());

		assertThat(content)
			.contains("## Sharing with a single developer", "The second part gives the details", "## Shared drafts",
					"The third passage")
			.doesNotContain("Share on social media");
	}

	@Test
	void headingRepeatingTheTitleIsLeftOutButSubheadingsStay() {
		String content = extract("""
				<article><h1>Why the River Flooded</h1>%s<h2>What comes next</h2>%s</article>""".formatted(PARAGRAPHS,
				PARAGRAPHS), "Why the River Flooded | The Daily Example");

		assertThat(content).doesNotContain("Why the River Flooded").contains("## What comes next");
	}

	@Test
	void aShortTitleIsNoHeadingsRepeat() {
		String content = extract(
				"<article>%s<h2>The news from the valley</h2>%s</article>".formatted(PARAGRAPHS, PARAGRAPHS), "News");

		assertThat(content).contains("## The news from the valley");
	}

	@Test
	void blocksOfLinksAndBareAddressesAreNotText() {
		String content = extract(
				"""
						<article>%s<p>https://www.example.com/news/article/why-the-river-flooded-14848382.php</p>
						<ul><li><a href="/a">Ten things to know today</a></li><li><a href="/b">The week in pictures</a></li></ul>
						<p>Read the <a href="/report">full report</a> for the figures of every district.</p></article>"""
					.formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph", "Read the full report for the figures")
			.doesNotContain("https://www.example.com", "Ten things to know", "The week in pictures");
	}

	@Test
	void withoutDeclaredTitleTheHeadingTheTitleElementRepeatsIsTheTitle() {
		Document page = Jsoup.parse("""
				<html><head><title>Slow start cost the Majors in Ottawa - Ontario Hockey League</title></head>
				<body><h1>National news</h1><h2>Scores</h2><h2>Slow start cost the Majors in Ottawa</h2>
				<p>The Majors finished off their three-game road trip with a loss.</p></body></html>""");
		Document withoutMatch = Jsoup.parse("""
				<html><head><title>Toyota to unveil concept truck | Motoring</title></head>
				<body><h1>Sports</h1><p>Text.</p></body></html>""");

		assertThat(PageMetadata.of(page).title()).isEqualTo("Slow start cost the Majors in Ottawa");
		assertThat(PageMetadata.of(withoutMatch).title()).isEqualTo("Toyota to unveil concept truck");
	}

	@Test
	void dateIsTheFirstDeclarationThatReadsAsOne() {
		assertThat(metadata("""
				<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-11-20T06:35:39+0000"}
				</script>""").publishedAt()).isEqualTo(Instant.parse("2019-11-20T06:35:39Z"));
		assertThat(metadata(
				"""
						<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "November 20, 2019"}</script>
						<meta property="article:published_time" content="2019-11-21T08:00:00+01:00">""")
			.publishedAt()).isEqualTo(Instant.parse("2019-11-21T07:00:00Z"));
		assertThat(metadata("<meta itemprop='datePublished' content='2018-09-24T16:45:00+03:00'>").publishedAt())
			.isEqualTo(Instant.parse("2018-09-24T13:45:00Z"));
		assertThat(
				metadata("<meta property='article:published_time' content='2019-04-28 06:01:07.000000'>").publishedAt())
			.isEqualTo(Instant.parse("2019-04-28T06:01:07Z"));
	}

	@Test
	void anyArticleTypeOrAHeadlinedPageGivesTheAuthor() {
		assertThat(metadata("""
				<script type="application/ld+json">[{"@type": "NewsMediaOrganization", "name": "BBC"},
				{"@type": "ReportageNewsArticle", "author": {"@type": "Organization", "name": "BBC News"}}]</script>""")
			.author()).isEqualTo("BBC News");
		assertThat(metadata("""
				<script type="application/ld+json">{"@type": "MedicalWebPage", "headline": "Ten benefits of tea",
				"author": "Rachael Link, MS, RD", "datePublished": "2019-11-14"}</script>""").author())
			.isEqualTo("Rachael Link, MS, RD");
	}

	@Test
	void siteNameComesFromWhatThePageDeclares() {
		assertThat(siteName("<meta property='og:site_name' content='The Atlantic'>"
				+ "<meta name='application-name' content='Atlantic App'>"))
			.isEqualTo("The Atlantic");
		assertThat(siteName("""
				<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A story",
				"publisher": {"@type": "Organization", "name": "Die Zeit"}}</script>""")).isEqualTo("Die Zeit");
		assertThat(siteName("<meta name='application-name' content='Bogleheads.org'>")).isEqualTo("Bogleheads.org");
		assertThat(siteName("<title>A story | Some Site</title>")).isNull();
	}

	@Test
	void languageComesFromWhatThePageDeclares() {
		assertThat(language("<html lang='pt-br'><body></body></html>")).isEqualTo("pt-BR");
		assertThat(language("<html><head><meta http-equiv='Content-Language' content='de'></head></html>"))
			.isEqualTo("de");
		assertThat(language("<html><head><meta property='og:locale' content='ru_RU'></head></html>"))
			.isEqualTo("ru-RU");
		assertThat(language("<html><body><p>No declaration</p></body></html>")).isNull();
	}

	@Test
	void deeplyNestedPageStillYieldsItsText() {
		// Readability recurses per level and overflows the stack here.
		String page = "<div>".repeat(20_000) + PARAGRAPHS + "</div>".repeat(20_000);

		ExtractedArticle article = this.extractor.extract(Jsoup.parse(page, "https://example.com/deep"));

		assertThat(article.content()).contains("The first paragraph", "The third paragraph");
	}

	@Test
	void largePageYieldsAllOfItsText() {
		String page = "<article>" + "<p>Paragraph number %d of a very long article, long enough to count.</p>".repeat(1)
			.transform((paragraph) -> {
				StringBuilder many = new StringBuilder();
				for (int i = 0; i < 30_000; i++) {
					many.append(paragraph.formatted(i));
				}
				return many.toString();
			}) + "</article>";

		String content = this.extractor.extract(Jsoup.parse(page, "https://example.com/long")).content();

		assertThat(content).contains("Paragraph number 0 of", "Paragraph number 29999 of");
		assertThat(content.split("\n\n")).hasSize(30_000);
	}

	@Test
	void headlineListsSetInDivisionsAndCellsArePrunedLikeLinkParagraphs() {
		Document page = Jsoup.parse("""
				<html><body><article>%s
				<div class="more"><div><a href="/a">Mayor opens the new harbour bridge to traffic</a></div>
				<div><a href="/b">Storm closes the coast road for a second day</a></div></div>
				<table><tr><td><a href="/c">Council approves the budget for next year</a></td></tr></table>
				<div>The fourth paragraph sits in a division, with <a href="/d">one link</a> among its words,
				and it stays where it is because most of it is text.</div></article></body></html>"""
			.formatted(PARAGRAPHS), "https://example.com/story");

		// The pruning rules alone, on the page's article element: Readability has its
		// own.
		String content = new ArticleExtractor((document) -> null).extract(page).content();

		assertThat(content).contains("The third paragraph", "The fourth paragraph sits in a division")
			.doesNotContain("harbour bridge", "coast road", "budget for next year");
	}

	@Test
	void aBlogPostMarkedAsTheEntrysContentStaysBesideAnArchiveWithFarMoreText() {
		// As blog platforms lay a post out: line breaks rather than paragraphs, inside a
		// part named "widget", next to an archive widget of paragraph links.
		String post = "The harbour froze over last night for the first time in thirty winters.<br>".repeat(6);
		String archive = "<p><a href=\"/2009/01/\">January 2009 (14 posts), another month of posts</a></p>".repeat(60);
		String content = extract("""
				<div class="widget Blog" id="Blog1"><div class="post hentry"><h3 class="post-title">Frozen</h3>
				<div class="post-body entry-content">%s</div></div></div>
				<div class="widget BlogArchive" id="BlogArchive1">%s</div>""".formatted(post, archive));

		assertThat(content).contains("The harbour froze over last night for the first time in thirty winters.")
			.doesNotContain("January 2009");
	}

	@Test
	void aHiddenCopyOfTheMarkedBodyStillGoes() {
		String content = extract("""
				<article><div itemprop="articleBody">%s</div>
				<div class="widget print-copy" style="display: none"><div itemprop="articleBody">
				A printable copy that nobody sees on the page itself.</div></div></article>""".formatted(PARAGRAPHS));

		assertThat(content).contains("The first paragraph").doesNotContain("A printable copy");
	}

	private String extract(String body) {
		return extract(body, "Example page");
	}

	private String extract(String body, String title) {
		Document page = Jsoup.parse("<html><head><title>" + title + "</title></head><body><nav>Home News</nav>" + body
				+ "<footer>Copyright Example</footer></body></html>", "https://example.com/story");
		ExtractedArticle article = this.extractor.extract(page);
		assertThat(article.content()).doesNotContain("Home News", "Copyright Example");
		return article.content();
	}

	private static String siteName(String head) {
		return metadata(head).siteName();
	}

	private static PageMetadata metadata(String head) {
		return PageMetadata.of(Jsoup.parse("<html><head>" + head + "</head><body><p>Text.</p></body></html>"));
	}

	private static String language(String html) {
		return PageMetadata.of(Jsoup.parse(html)).language();
	}

}
