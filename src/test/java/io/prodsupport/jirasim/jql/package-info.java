/**
 * A subset of JQL for the Jira simulator: lexer, recursive-descent parser, evaluator and ordering.
 *
 * <p>It exists so that prodsupport's searches (sweep, backfill, follow-up lookup) run against the
 * simulator with Jira's semantics rather than a look-alike filter; the subtle parts are the ones that
 * bite in production, e.g. {@code labels != x} not matching issues without labels. Unsupported
 * syntax fails loudly with a Jira-like message instead of silently matching too much.
 */
package io.prodsupport.jirasim.jql;
