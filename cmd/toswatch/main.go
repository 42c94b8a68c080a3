// Command toswatch tracks the terms of service of the SaaS vendors a company
// depends on: it records every real version, diffs them, and highlights
// changes to liability caps and indemnities. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // digest time zones work without the system zone files

	"github.com/toswatch/toswatch/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
