package org.hubchargeback.usage;

/**
 * A local Azure Stack Hub meter from the catalog.
 */
public record Meter(String id, String name, String unit, String resourceProvider, boolean deprecated) {
}
