/**
 * Splitting cleaned text into token-counted chunks.
 */
package dev.llmtwin.feature.chunk;
