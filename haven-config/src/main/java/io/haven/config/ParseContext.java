package io.haven.config;

import java.util.Map;

/** What keyword parsers may need beyond their line: the environment, for nested expansions. */
record ParseContext(Map<String, String> env) {
}
