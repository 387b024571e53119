/**
 * Error responses as problem details, and request size limits.
 */
package dev.llmtwin.support.web;
