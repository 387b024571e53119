package dev.llmtwin.crawler.preview;

/** {@code POST /api/extract} as JSON: the page to fetch and extract. */
record ExtractRequest(String url) {
}
