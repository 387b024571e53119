/**
 * Test support for every module's tests (test scope only): a broker per test,
 * requirements that fail under CI, the skip summary, architecture rules, raw HTTP.
 */
package dev.llmtwin.testing;
