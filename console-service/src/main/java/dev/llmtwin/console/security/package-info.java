/**
 * Access control of the console: sign-in with the fleet's API key kept in the session,
 * CSRF tokens and a strict Content Security Policy.
 */
package dev.llmtwin.console.security;
