/**
 * GitHub repositories cloned with JGit through the address guard, their files stored
 * incrementally.
 */
package dev.llmtwin.crawler.source.github;
