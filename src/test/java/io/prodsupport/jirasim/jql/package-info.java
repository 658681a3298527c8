/**
 * A subset of JQL for the Jira simulator: lexer, recursive-descent parser, validator, evaluator and
 * ordering. Entry point: {@link io.prodsupport.jirasim.jql.JqlQuery}.
 *
 * <p>It exists so that prodsupport's searches (sweep, backfill, follow-up lookup) run against the
 * simulator with Jira's semantics rather than a look-alike filter; the subtle parts are the ones that
 * bite in production, e.g. {@code labels != x} not matching issues without labels. Unsupported
 * syntax fails loudly with a Jira-like message instead of silently matching too much.
 *
 * <p>Known simplifications, each chosen because prodsupport does not depend on the difference:
 * <ul>
 *   <li>{@code ~} is whole-word, case-insensitive, all-terms-must-match, with trailing {@code *} and
 *       quoted phrases; no stemming, stop words or fuzzy search. {@code text} covers summary and
 *       description only.
 *   <li>Values of unknown projects, statuses, users etc. match nothing instead of being rejected.
 *   <li>Entity properties are all searchable, compared as exact strings (numbers numerically for
 *       {@code > <}); Jira needs an index declaration in the app descriptor.
 *   <li>Dates are UTC; date {@code =} compares at minute resolution; periods support w, d, h, m only.
 *   <li>ORDER BY project/status/issuetype sorts by name, not by Jira's configured order; statusCategory
 *       by workflow position (To Do, In Progress, Done).
 *   <li>No numeric issue ids, {@code currentUser()}, version functions or fixVersion comparisons.
 * </ul>
 */
package io.prodsupport.jirasim.jql;
