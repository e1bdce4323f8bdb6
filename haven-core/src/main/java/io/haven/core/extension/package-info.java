/** Names that a module loaded after the generation is built (Lua's {@code lua.NAME}) resolves: placeholders bound once it is loaded. */
package io.haven.core.extension;
