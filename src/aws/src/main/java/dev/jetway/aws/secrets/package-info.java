/**
 * Secrets Manager references in provider settings: {@code ${secretsmanager:NAME}} or
 * {@code ${secretsmanager:NAME#JSON_KEY}} inside a {@code remote} provider's header values,
 * read once per secret and kept in memory, never logged.
 */
package dev.jetway.aws.secrets;
