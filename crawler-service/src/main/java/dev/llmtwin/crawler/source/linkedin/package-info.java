/**
 * LinkedIn posts of a profile, read in Chromium with the credentials from the
 * environment.
 */
package dev.llmtwin.crawler.source.linkedin;
