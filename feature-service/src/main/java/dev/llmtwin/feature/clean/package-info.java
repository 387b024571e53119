/**
 * Cleaning crawled text before it is embedded: markup, noise and personal data.
 */
package dev.llmtwin.feature.clean;
