/**
 * Access control through Spring Security: the API key.
 */
package dev.llmtwin.support.security;
