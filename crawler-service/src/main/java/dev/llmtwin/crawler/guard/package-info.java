/**
 * The address guard against server-side request forgery: private and reserved ranges
 * refused, resolved addresses pinned, and a loopback proxy that applies it to Chromium
 * and Git.
 */
package dev.llmtwin.crawler.guard;
