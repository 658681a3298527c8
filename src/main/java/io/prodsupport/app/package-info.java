/** The command line (picocli) and the one place where a running instance is wired together. */
package io.prodsupport.app;
