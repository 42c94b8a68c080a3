package capture

import (
	"errors"

	"github.com/toswatch/toswatch/internal/model"
)

// kindOf returns the kind a capture error starts with.
func kindOf(err error) model.FailureKind {
	if k := model.FailureOf(err); k != "" {
		return k
	}
	return model.FailureNetwork
}

// kinded names an extraction failure by its kind.
func kinded(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, model.FailureSelectorMissing):
		return model.FailureSelectorMissing.Wrap(err)
	case errors.Is(err, model.FailureTooShort):
		return model.FailureTooShort.Wrap(err)
	case errors.Is(err, model.FailureUnavailable):
		return model.FailureUnavailable.Wrap(err)
	}
	return model.FailureExtract.Wrap(err)
}
