package gen.sqlite;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;

/** A stripped SQLite through bindings generated from sqlite3.h only: SQL run, rows read back, a Java callback called per row. */
@SuppressWarnings("restricted")
public final class SqliteUsage {
    private SqliteUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static String text(MemorySegment s) {
        return s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    public static void main(String[] args) {
        // sqlite3.h's macros as constants; the library is the version its header describes.
        check(Sqlite.sqlite3_libversion_number() == Sqlite.SQLITE_VERSION_NUMBER, "sqlite3_libversion_number() == SQLITE_VERSION_NUMBER");
        check(text(Sqlite.sqlite3_libversion()).equals(Sqlite.SQLITE_VERSION), "sqlite3_libversion() == SQLITE_VERSION");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ppDb = arena.allocate(ADDRESS);
            check(Sqlite.sqlite3_open(":memory:", ppDb) == Sqlite.SQLITE_OK, "sqlite3_open");
            MemorySegment db = ppDb.get(ADDRESS, 0);
            check(Sqlite.sqlite3_exec(db, "create table t(n integer, s text); insert into t values (1, 'one'), (2, 'two'), (3, 'three');",
                    MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL) == Sqlite.SQLITE_OK, "create and insert");

            // A prepared statement, stepped row by row.
            MemorySegment ppStmt = arena.allocate(ADDRESS);
            check(Sqlite.sqlite3_prepare_v2(db, "select sum(n), group_concat(s, '+') from t", -1, ppStmt, MemorySegment.NULL) == Sqlite.SQLITE_OK,
                    "sqlite3_prepare_v2");
            MemorySegment stmt = ppStmt.get(ADDRESS, 0);
            check(Sqlite.sqlite3_step(stmt) == Sqlite.SQLITE_ROW, "a row");
            check(Sqlite.sqlite3_column_int(stmt, 0) == 6, "sum(n)");
            check(text(Sqlite.sqlite3_column_text(stmt, 1)).equals("one+two+three"), "group_concat(s)");
            check(Sqlite.sqlite3_step(stmt) == Sqlite.SQLITE_DONE, "done");
            check(Sqlite.sqlite3_finalize(stmt) == Sqlite.SQLITE_OK, "sqlite3_finalize");

            // sqlite3_exec calling Java for each row.
            List<String> rows = new ArrayList<>();
            Sqlite.sqlite3_exec$callback perRow = (context, columns, values, names) -> {
                MemorySegment v = values.reinterpret(columns * ADDRESS.byteSize());
                rows.add(text(v.getAtIndex(ADDRESS, 0)) + "=" + text(v.getAtIndex(ADDRESS, 1)));
                return 0;
            };
            check(Sqlite.sqlite3_exec(db, "select n, s from t order by n desc", Sqlite.sqlite3_exec$callback.allocate(perRow, arena),
                    MemorySegment.NULL, MemorySegment.NULL) == Sqlite.SQLITE_OK, "sqlite3_exec with a callback");
            check(rows.equals(List.of("3=three", "2=two", "1=one")), "rows " + rows);

            // An error is SQLite's code and message.
            check(Sqlite.sqlite3_exec(db, "select * from missing", MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL) == Sqlite.SQLITE_ERROR,
                    "SQLITE_ERROR");
            check(text(Sqlite.sqlite3_errmsg(db)).equals("no such table: missing"), "sqlite3_errmsg");
            check(Sqlite.sqlite3_close(db) == Sqlite.SQLITE_OK, "sqlite3_close");
        }
    }
}
