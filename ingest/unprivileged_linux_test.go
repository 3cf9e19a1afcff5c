package ingest

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// asUnprivileged runs read without root's power to read any file, so that permission errors can
// be tested where the tests run as root (CI does). Changing the filesystem uid of one OS thread
// drops that thread's CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setfsuid(2)); read runs on that
// thread alone, which is then thrown away (a goroutine that ends locked takes its thread with it),
// so nothing else in the process loses a right.
func asUnprivileged[T any](t *testing.T, read func() T) T {
	t.Helper()
	if os.Geteuid() != 0 {
		return read()
	}
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(probe, nil, 0); err != nil {
		t.Fatal(err)
	}
	type result struct {
		v  T
		ok bool
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		const nobody = 65534
		syscall.RawSyscall(syscall.SYS_SETFSUID, nobody, 0, 0)
		if f, err := os.Open(probe); err == nil {
			f.Close()
			done <- result{} // the uid change had no effect: cannot test here
			return
		}
		done <- result{read(), true}
	}()
	r := <-done
	if !r.ok {
		t.Skip("cannot drop the right to read every file on this system")
	}
	return r.v
}
