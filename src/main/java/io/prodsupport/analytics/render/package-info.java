/**
 * The analytics {@link io.prodsupport.analytics.Report} as JSON (field names as issue 12 spells them), CSV and one
 * self-contained HTML page with its charts inline (Chart.js from its WebJar, Pebble for the template).
 */
package io.prodsupport.analytics.render;
