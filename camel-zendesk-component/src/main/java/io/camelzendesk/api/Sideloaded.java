package io.camelzendesk.api;

import java.util.Map;

/**
 * An object read with {@code include=}: the object and the side-loaded arrays of the answer by side-load name
 * ({@code users}, {@code groups}) and id.
 */
public record Sideloaded<T>(T object, Map<String, Map<Object, Map<String, Object>>> sideloads) {
}
