package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// TestOpenOfANewDatabaseByManyAtOnceWaits: processes that create and
// migrate the same new database at once wait for each other instead of
// failing with SQLITE_BUSY (each Store has its own connections, so SQLite's
// file locking decides, as between processes).
func TestOpenOfANewDatabaseByManyAtOnceWaits(t *testing.T) {
	for i := range 40 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new%d.db", i))
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(context.Background(), path)
				if err != nil {
					t.Error(err)
					return
				}
				var mode string
				if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
					t.Errorf("journal_mode = %q, %v; want wal", mode, err)
				}
				s.Close()
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
	}
}

// A process whose connection read the schema before another process
// migrated it applies the next migration against the schema as it is now:
// a DROP COLUMN of the column the other process added failed, with "no
// such column", on the copy of the schema the connection had kept.
func TestMigrationAfterAnotherProcessMigratedSeesItsSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "toswatch.db")
	ms := []migration{
		{name: "0001_t.sql", sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)"},
		{name: "0002_add.sql", sql: "ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT ''"},
		{name: "0003_drop.sql", sql: "ALTER TABLE t DROP COLUMN c"},
	}
	open := func() *Store {
		db, err := sql.Open("sqlite", dsn(path))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1) // one connection: the one that keeps the schema
		t.Cleanup(func() { db.Close() })
		return &Store{db: db, path: path}
	}
	a, b := open(), open()
	if err := b.apply(ctx, ms[:1]); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil { // b keeps the schema of 0001
		t.Fatal(err)
	}
	if err := a.apply(ctx, ms[:2]); err != nil { // the other process adds c
		t.Fatal(err)
	}
	if err := b.apply(ctx, ms); err != nil {
		t.Fatalf("b applies 0003: %v", err)
	}
}
