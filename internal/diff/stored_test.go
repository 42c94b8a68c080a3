package diff

import (
	"errors"
	"reflect"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestOfChange(t *testing.T) {
	oldText, newText := "a\nthe cap is $1,000\nc", "a\nthe cap is $100\nc\nd"
	want := Compute(oldText, newText)
	loads := 0
	texts := func() (string, string, error) { loads++; return oldText, newText, nil }

	got, err := OfChange(model.Change{Diff: Encode(want)}, texts)
	if err != nil || !reflect.DeepEqual(got, want) || loads != 0 {
		t.Errorf("stored diff: got %+v, %v after %d loads; want %+v and no load", got, err, loads, want)
	}
	got, err = OfChange(model.Change{}, texts)
	if err != nil || !reflect.DeepEqual(got, want) || loads != 1 {
		t.Errorf("computed diff: got %+v, %v after %d loads; want %+v after 1", got, err, loads, want)
	}
	boom := errors.New("boom")
	if _, err := OfChange(model.Change{}, func() (string, string, error) { return "", "", boom }); !errors.Is(err, boom) {
		t.Errorf("load error: got %v", err)
	}
	if _, err := OfChange(model.Change{Diff: []byte("{bad")}, texts); err == nil {
		t.Error("corrupt stored diff: no error")
	}
}
