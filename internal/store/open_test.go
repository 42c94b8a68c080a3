package store

import (
	"context"
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
