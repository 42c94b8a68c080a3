package cli

import (
	"errors"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/pipeline"
)

// pipeline wires the checking machinery of cfg with the command's
// environment; a credential headers_env names but the environment lacks
// is a configuration error.
func (a *app) pipeline(cfg *config.Config, opts pipeline.Options) (*pipeline.Pipeline, error) {
	opts.Getenv = a.env.Getenv
	p, err := pipeline.New(cfg, opts)
	if errors.Is(err, pipeline.ErrMissingEnv) {
		return nil, usageError{err}
	}
	return p, err
}
