package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups by column name, NULLs, and immutability of a {@link ResultSet}. */
class ResultSetTest {
    private final ResultSet rs = new ResultSet(List.of("Slave_IO_Running", "Seconds_Behind_Master"),
            List.of(Arrays.asList("Yes", null)), 0);

    @Test
    void columnsAreFoundIgnoringCase() {
        assertThat(rs.column("seconds_behind_master")).isEqualTo(1);
        assertThat(rs.column("SLAVE_IO_RUNNING")).isZero();
        assertThat(rs.column("Master_Host")).isEqualTo(-1);
    }

    @Test
    void valuesAreNullForSqlNullAndForMissingColumns() {
        assertThat(rs.value(0, "Slave_IO_Running")).isEqualTo("Yes");
        assertThat(rs.value(0, "Seconds_Behind_Master")).isNull();
        assertThat(rs.value(0, "Master_Host")).isNull();
        assertThatThrownBy(() -> rs.value(1, "Slave_IO_Running")).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void itIsACopyThatCannotBeChanged() {
        List<String> row = new ArrayList<>(Arrays.asList("a", null));
        ResultSet r = new ResultSet(List.of("x", "y"), List.of(row), 0);
        row.set(0, "changed");
        assertThat(r.value(0, "x")).isEqualTo("a");
        assertThatThrownBy(() -> r.rows().get(0).set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.rows().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void credentialsDoNotPrintThePassword() {
        assertThat(new MysqlCredentials("u", "hunter2", null).toString()).doesNotContain("hunter2");
        assertThat(new MysqlCredentials("u", null, null).password()).isEmpty();
    }
}
