/**
 * Headless Chromium through Selenium, pooled, for pages that need JavaScript and for
 * LinkedIn.
 */
package dev.llmtwin.crawler.browser;
