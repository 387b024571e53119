/**
 * The crawler service: crawl jobs over REST, one worker queue per source, raw documents
 * into MongoDB.
 */
package dev.llmtwin.crawler;
