package com.landrenew.security;

import java.util.List;

/**
 * Paths another room opens for reading (GET and HEAD) wider than to staff, as a bean: {@link SecurityConfig}
 * adds every such bean's paths to its own public and signed-in reads. The map layers' tiles and OGC
 * collections open theirs this way, from the layer list (layer/MapLayers), where each layer's readers are said once.
 *
 * @param toEveryone path patterns anyone may read, visitors included
 * @param toSignedIn path patterns every signed-in user may read
 */
public record OpenReads(List<String> toEveryone, List<String> toSignedIn) {
}
