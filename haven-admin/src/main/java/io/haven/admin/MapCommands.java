package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.map.MapEntry;
import io.haven.core.map.MapFile;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HAProxy's map commands on the current generation's maps: {@code show map [MAP]},
 * {@code add map}, {@code set map}, {@code del map}, {@code clear map}. A map is named by its
 * file or {@code #id}, an entry by its key or {@code #ref} (the hexadecimal reference
 * {@code show map MAP} prints). Changes last until the next reload, as in HAProxy.
 */
final class MapCommands {
    static final String UNKNOWN_MAP = "Unknown map identifier. Please use #<id> or <file>.\n";

    private final Supplier<Generation> current;

    MapCommands(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "map"), "show map [<map>]", "report available maps or dump a map's contents",
                AccessLevel.OPERATOR, (args, s) -> show(args)));
        t.add(new CliCommand(List.of("add", "map"), "add map <map> <key> <value>", "add a map entry",
                AccessLevel.OPERATOR, (args, s) -> add(args)));
        t.add(new CliCommand(List.of("set", "map"), "set map <map> [<key>|#<ref>] <value>", "modify a map entry",
                AccessLevel.OPERATOR, (args, s) -> set(args)));
        t.add(new CliCommand(List.of("del", "map"), "del map <map> [<key>|#<ref>]", "delete all the map entries matching <key>",
                AccessLevel.OPERATOR, (args, s) -> delete(args)));
        t.add(new CliCommand(List.of("clear", "map"), "clear map <map>", "clear the content of a map",
                AccessLevel.OPERATOR, (args, s) -> clear(args)));
    }

    /** Runs {@code command} on the map named {@code ref}, or answers HAProxy's unknown-map error. */
    private String onMap(String ref, java.util.function.Function<MapFile, String> command) {
        Optional<MapFile> f = current.get().maps().find(ref);
        return f.isEmpty() ? UNKNOWN_MAP : command.apply(f.get());
    }

    private String show(List<String> args) {
        if (args.isEmpty()) {
            StringBuilder out = new StringBuilder("# id (file) description\n");
            for (MapFile f : current.get().maps().all()) {
                out.append(f.id()).append(" (").append(f.path()).append(") ").append(f.description())
                        .append(". curr_ver=0 next_ver=0 entry_cnt=").append(f.entries().size()).append('\n');
            }
            return out.toString();
        }
        return onMap(args.get(0), f -> {
            StringBuilder out = new StringBuilder();
            for (MapEntry e : f.entries()) {
                out.append("0x").append(Long.toHexString(e.id())).append(' ').append(e.key()).append(' ').append(e.value()).append('\n');
            }
            return out.toString();
        });
    }

    private String add(List<String> args) {
        if (args.size() != 3) {
            return "'add map' expects three parameters: map identifier, key and value.\n";
        }
        return onMap(args.get(0), f -> change(() -> f.add(args.get(1), args.get(2))));
    }

    private String set(List<String> args) {
        if (args.size() != 3) {
            return "'set map' expects three parameters: map identifier, key and value.\n";
        }
        return onMap(args.get(0), f -> {
            boolean[] found = new boolean[1];
            String error = change(() -> found[0] = f.set(args.get(1), args.get(2)));
            return !error.isEmpty() ? error : found[0] ? "" : "Unable to find the key '" + args.get(1) + "'.\n";
        });
    }

    private String delete(List<String> args) {
        if (args.size() != 2) {
            return "This command expects two parameters: map identifier and key.\n";
        }
        return onMap(args.get(0), f -> f.delete(args.get(1)) ? "" : "Key not found.\n");
    }

    private String clear(List<String> args) {
        if (args.size() != 1) {
            return "'clear map' expects a map identifier.\n";
        }
        return onMap(args.get(0), f -> {
            f.clear();
            return "";
        });
    }

    /** Runs a change; a key or value the map's converters cannot use is refused with the reason. */
    private static String change(Runnable r) {
        try {
            r.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
    }
}
