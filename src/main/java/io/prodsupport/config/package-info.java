/** The typed configuration: YAML and environment loading, validation with one clear line per problem. */
package io.prodsupport.config;
