package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestPaginate(t *testing.T) {
	var old, new strings.Builder
	for i := range 450 {
		fmt.Fprintf(&old, "paragraph %d\n", i)
		fmt.Fprintf(&new, "paragraph %d, edited\n", i)
	}
	// One paragraph longer than a page's text: a page of its own.
	long := strings.Repeat("x", PageBytes+1)
	old.WriteString("short\n")
	new.WriteString(long + "\n")
	r := Compute(old.String(), new.String())
	summary, pages := Paginate(r)
	var s Summary
	if err := json.Unmarshal(summary, &s); err != nil {
		t.Fatal(err)
	}
	if s.Lines != len(r.Lines) || s.Stats != r.Stats || s.Pages != len(pages) {
		t.Errorf("summary %+v, want %d lines, stats %+v, %d pages", s, len(r.Lines), r.Stats, len(pages))
	}
	var sizes []int
	var all []Line
	for _, p := range pages {
		var ls []Line
		if err := json.Unmarshal(p, &ls); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(ls))
		all = append(all, ls...)
	}
	if !reflect.DeepEqual(all, r.Lines) {
		t.Error("the pages do not hold the diff's lines in order")
	}
	if want := []int{200, 200, 51, 1}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("page sizes %v, want %v", sizes, want)
	}
}

func TestPageOf(t *testing.T) {
	oldText, newText := "a\nthe cap is $1,000\nc", "a\nthe cap is $100\nc\nd"
	want := Compute(oldText, newText)
	summary, pages := Paginate(want)
	texts := func() (string, string, error) { return oldText, newText, nil }
	var loaded []int
	load := func(n int) ([]byte, error) { loaded = append(loaded, n); return pages[n], nil }

	got, err := PageOf(model.Change{DiffSummary: summary}, 0, load, func() (string, string, error) {
		return "", "", errors.New("the diff is recorded: no version is read")
	}, nil)
	if err != nil || !reflect.DeepEqual(got.Lines, want.Lines) || got.Stats != want.Stats || !reflect.DeepEqual(loaded, []int{0}) {
		t.Errorf("recorded diff: got %+v, %v after loading %v; want %+v", got, err, loaded, want)
	}
	if got, err := PageOf(model.Change{DiffSummary: summary}, 5, load, texts, nil); err != nil || len(got.Lines) != 0 || got.Lines != nil {
		t.Errorf("page past the last: got %+v, %v; want it empty", got, err)
	}
	// A change recorded before diffs were kept: computed and marked.
	got, err = PageOf(model.Change{}, 0, nil, texts, func(o, n string) string { return "liability" })
	if err != nil || len(got.Lines) != len(want.Lines) || got.Lines[0].Clause != "liability" || got.Summary.Lines != len(want.Lines) {
		t.Errorf("computed diff: got %+v, %v", got, err)
	}
	boom := errors.New("boom")
	if _, err := PageOf(model.Change{}, 0, nil, func() (string, string, error) { return "", "", boom }, nil); !errors.Is(err, boom) {
		t.Errorf("load error: got %v", err)
	}
	if _, err := PageOf(model.Change{DiffSummary: summary}, 0, func(int) ([]byte, error) { return []byte("[bad"), nil }, texts, nil); err == nil {
		t.Error("corrupt stored page: no error")
	}
}
