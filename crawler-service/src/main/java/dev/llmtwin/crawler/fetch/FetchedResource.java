package dev.llmtwin.crawler.fetch;

import java.net.URI;

/**
 * A response as fetched: the address it came from, its status, content type, charset and
 * redirect location from the headers (each may be null) and the whole body.
 */
record FetchedResource(URI url, int status, String contentType, String charset, String location, byte[] body) {
}
