package io.batchkit.core.rules;

/**
 * One broken rule in one record.
 *
 * @param column the column name, or {@code null} for a rule about the whole record
 * @param value the offending value as read (after normalisation), or a short description
 */
public record Violation(String column, Rule rule, String value) {}
