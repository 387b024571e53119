/**
 * The operator console: server-rendered pages (Thymeleaf, htmx for live parts) to add an
 * author's links and watch the crawl, see the pipeline's health, search, and preview
 * extraction, all through the services' REST APIs.
 */
package dev.llmtwin.console;
