package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// sqliteCode is what a raw SQLite error shows and a user should not see.
var sqliteCode = regexp.MustCompile(`SQLITE_|\(\d+\)`)

func wantDatabaseError(t *testing.T, err error, want string) {
	t.Helper()
	var de *Error
	if !errors.As(err, &de) {
		t.Fatalf("got %T %v, want a *store.Error", err, err)
	}
	if msg := err.Error(); !strings.Contains(msg, want) || sqliteCode.MatchString(msg) {
		t.Errorf("got %q, want %q and no SQLite code", msg, want)
	}
}

func TestReadOnlyDatabaseFailsToWriteWithAPlainMessage(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	doc := syncDoc(t, s)
	record(t, s, doc, 0, model.KindFirst, "text one")
	s.Close()

	ro, err := Open(ctx, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Latest(ctx, doc); err != nil {
		t.Fatalf("a read-only database reads: %v", err)
	}
	_, err = ro.SyncDocument(ctx, model.Document{Vendor: "Acme", Type: "Privacy", URL: "http://127.0.0.1/p"})
	wantDatabaseError(t, err, "cannot write to database "+path+": it is read-only")
	_, err = ro.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: ro.Now(), Outcome: model.OutcomeUnchanged, ExpectLatest: 1})
	wantDatabaseError(t, err, "cannot write to database "+path+": it is read-only")
}

func TestDatabaseUnderARegularFileCannotBeCreated(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), filepath.Join(file, "toswatch.db"))
	wantDatabaseError(t, err, "cannot create database in "+file+": not a directory")
}

func TestNotADatabaseIsRefusedWithAPlainMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "toswatch.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	wantDatabaseError(t, err, "cannot open database "+path+": the file is damaged or is not a toswatch database")
}

// A disk that fills up in the middle of a check's writes: the check fails
// with a plain message and nothing of it is written.
func TestFullDiskMidWriteLeavesNothingHalfWritten(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	doc := syncDoc(t, s)
	v1 := record(t, s, doc, 0, model.KindFirst, "text one")
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The database may grow by 20 pages (80 KB): a 1 MB text does not fit.
	full, err := Open(ctx, "file:"+path+"?_pragma=max_page_count("+strconv.Itoa(pages+20)+")")
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	big := make([]byte, 512<<10)
	rand.Read(big)
	_, err = full.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: full.Now(), Outcome: model.OutcomeChanged, ExpectLatest: v1.VersionID,
		New: []NewVersion{{Kind: model.KindChange, Text: hex.EncodeToString(big), ExtractKey: "k1"}}})
	wantDatabaseError(t, err, "cannot write to database "+path+": the disk is full")

	var versions, checks, blobs int
	full.db.QueryRow("SELECT count(*) FROM versions").Scan(&versions)
	full.db.QueryRow("SELECT count(*) FROM checks").Scan(&checks)
	full.db.QueryRow("SELECT count(*) FROM blobs").Scan(&blobs)
	if versions != 1 || checks != 1 || blobs != 2 {
		t.Errorf("after the failed write: %d versions, %d checks, %d blobs; want 1, 1, 2 (those of the first check)", versions, checks, blobs)
	}
	var ok string
	if err := full.db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

// A timestamp another program wrote badly reads as the zero time, and is
// logged rather than silently dropped.
func TestUnreadableStoredTimeIsLogged(t *testing.T) {
	s, _ := open(t)
	var logs bytes.Buffer
	s.Log = slog.New(slog.NewTextHandler(&logs, nil))
	doc := syncDoc(t, s)
	record(t, s, doc, 0, model.KindFirst, "text one")
	if _, err := s.db.Exec("UPDATE versions SET recorded_at = 'yesterday'"); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(context.Background(), doc)
	if err != nil || len(vs) != 1 || !vs[0].RecordedAt.IsZero() {
		t.Fatalf("got %+v, %v; want one version with a zero time", vs, err)
	}
	if !strings.Contains(logs.String(), `msg="stored time unreadable" value=yesterday`) {
		t.Errorf("log: %q", logs.String())
	}
}
