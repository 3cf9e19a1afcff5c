// Package pgtest gives tests a real, empty PostgreSQL database on loopback.
//
// Where SITREP_TEST_POSTGRES names a server (postgres://user:password@127.0.0.1:5432/postgres, a
// role that may create databases), each test gets a fresh database there. Otherwise, where the
// PostgreSQL server programs are installed (initdb and postgres: Debian's postgresql package), the
// first test starts a throwaway server of its own in a temporary directory on a free loopback
// port, and Main stops it when the package's tests end. Where neither is available the tests that
// need PostgreSQL skip, saying how to run them — unless CI or SITREP_REQUIRE_POSTGRES is set, when
// PostgreSQL is expected and they fail.
package pgtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	once    sync.Once
	baseURL string
	setup   error
	server  *exec.Cmd
	dataDir string
)

// Main runs the package's tests, then stops the server the first Database call started, if any.
// Use it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if server != nil {
		server.Process.Signal(syscall.SIGINT) // fast shutdown
		done := make(chan struct{})
		go func() { server.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			server.Process.Kill()
		}
		os.RemoveAll(dataDir)
	}
	return code
}

// Database creates an empty database for this test, dropped when the test ends, and returns its URL.
func Database(t testing.TB) string {
	t.Helper()
	once.Do(func() { baseURL, setup = findServer() })
	if setup != nil {
		if os.Getenv("CI") != "" || os.Getenv("SITREP_REQUIRE_POSTGRES") != "" {
			t.Fatalf("PostgreSQL is expected here (CI or SITREP_REQUIRE_POSTGRES is set) but unavailable: %v", setup)
		}
		t.Skipf("no PostgreSQL: %v (install Debian's postgresql package, or set SITREP_TEST_POSTGRES=postgres://...)", setup)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, baseURL)
	if err != nil {
		t.Fatalf("PostgreSQL at %s: %v", redacted(baseURL), err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("sitrep_test_%d_%x", os.Getpid(), rand.Uint64())
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		admin, err := pgx.Connect(ctx, baseURL)
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	cfg, err := pgx.ParseConfig(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("postgres://%s:%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Password, cfg.Host, cfg.Port, name)
}

func redacted(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "(unparseable URL)"
	}
	return fmt.Sprintf("%s@%s:%d", cfg.User, cfg.Host, cfg.Port)
}

// findServer returns the URL of a server where databases may be created: SITREP_TEST_POSTGRES, or a
// throwaway one started here.
func findServer() (string, error) {
	if url := os.Getenv("SITREP_TEST_POSTGRES"); url != "" {
		return url, ping(url, 5*time.Second)
	}
	bin, err := binDir()
	if err != nil {
		return "", err
	}
	return startServer(bin)
}

// binDir finds the directory of initdb and postgres.
func binDir() (string, error) {
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dir := string(out[:len(out)-1])
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	if matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("SITREP_TEST_POSTGRES is not set and the PostgreSQL server programs (initdb) are not installed")
}

// startServer initialises a data directory and starts postgres on a free loopback port. PostgreSQL
// refuses to run as root, so as root it runs as the postgres user.
func startServer(bin string) (string, error) {
	dir, err := os.MkdirTemp("", "sitrep-pgtest-")
	if err != nil {
		return "", err
	}
	dataDir = dir
	var asUser []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return "", fmt.Errorf("running as root and there is no postgres user to run the test server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return "", err
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	command := func(args ...string) *exec.Cmd {
		args = append(asUser, args...)
		return exec.Command(args[0], args[1:]...)
	}
	pgdata := filepath.Join(dir, "data")
	if out, err := command(filepath.Join(bin, "initdb"), "-D", pgdata, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8").CombinedOutput(); err != nil {
		return "", fmt.Errorf("initdb: %v: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	server = command(filepath.Join(bin, "postgres"), "-D", pgdata, "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-k", dir,
		"-F", "-c", "max_connections=200", "-c", "shared_buffers=64MB")
	server.Stdout, server.Stderr = nil, nil
	if err := server.Start(); err != nil {
		server = nil
		return "", fmt.Errorf("start postgres: %w", err)
	}
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return url, ping(url, 30*time.Second)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// ping waits until the server at url answers.
func ping(url string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		c, err := pgx.Connect(ctx, url)
		cancel()
		if err == nil {
			c.Close(context.Background())
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("PostgreSQL at %s does not answer: %w", redacted(url), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
