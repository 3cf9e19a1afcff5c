//go:build unix && !linux

package ingest

import (
	"os"
	"testing"
)

// asUnprivileged runs read as is; as root, where permissions do not bind, the case is skipped.
func asUnprivileged[T any](t *testing.T, read func() T) T {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not apply")
	}
	return read()
}
