/** HAProxy-compatible configuration language: lexer, section and keyword parsers, immutable model. */
package io.haven.config;
