/** Map files for the {@code map*} converters, shared per generation and changeable through the runtime API. */
package io.haven.core.map;
