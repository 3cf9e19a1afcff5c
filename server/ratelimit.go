package server

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Per-client rate limiting: a token bucket per client address, so one busy or hostile client
// cannot starve the others of the store's time. A client is its remote IP address (an IPv6 client
// by its /64, since one host commonly holds a whole /64 and could otherwise walk through fresh
// addresses); X-Forwarded-For only counts when RateLimit.TrustForwardedFor says the server sits
// behind a proxy that sets it, since any client can send the header.

// Defaults of `sitrep serve`; the zero Config leaves limiting off.
const (
	DefaultRateLimit  = 50  // requests per second per client
	DefaultRateBurst  = 100 // requests a client may send at once after a quiet spell
	defaultMaxClients = 65536
)

// RateLimit configures per-client rate limiting (Config.RateLimit).
type RateLimit struct {
	// Rate is the requests per second each client may make on average; 0 turns limiting off.
	Rate float64
	// Burst is how many requests a client may make at once; 0 means 2×Rate (at least 1).
	Burst int
	// TrustForwardedFor takes the client's address from the last entry of X-Forwarded-For (the
	// one the proxy in front of the server appended) instead of the connection's. Only set it
	// when every request comes through such a proxy: otherwise clients pick their own address.
	TrustForwardedFor bool
	// MaxClients caps the clients tracked at once (default 65536), which bounds the memory the
	// limiter takes whatever the number of addresses requests come from.
	MaxClients int
}

func (c RateLimit) enabled() bool { return c.Rate > 0 && !math.IsInf(c.Rate, 1) && !math.IsNaN(c.Rate) }

func (c RateLimit) burst() int {
	if c.Burst > 0 {
		return c.Burst
	}
	return max(1, int(math.Ceil(2*c.Rate)))
}

func (c RateLimit) maxClients() int {
	if c.MaxClients > 0 {
		return c.MaxClients
	}
	return defaultMaxClients
}

// limiter holds the buckets. A bucket that has refilled completely says nothing a fresh one would
// not, so such buckets are dropped when the table is swept; that keeps the table to the clients
// active in the last Burst/Rate seconds.
type limiter struct {
	cfg        RateLimit
	log        *slog.Logger
	onReject   func(r *http.Request) // counts rejections in the metrics
	now        func() time.Time      // a field so tests can move time
	mu         sync.Mutex
	clients    map[string]*bucket
	nextSweep  time.Time
	sweepEvery time.Duration
}

type bucket struct {
	lim      *rate.Limiter
	rejected int       // requests refused since the last warning logged
	warned   time.Time // when the last warning was logged
}

// warnEvery spaces the log lines about one client being limited: a flood gives one line a minute
// with the count, not one per refused request.
const warnEvery = time.Minute

func newLimiter(cfg RateLimit, log *slog.Logger, onReject func(*http.Request)) *limiter {
	refill := time.Duration(float64(cfg.burst()) / cfg.Rate * float64(time.Second))
	return &limiter{cfg: cfg, log: log, onReject: onReject, now: time.Now, clients: map[string]*bucket{},
		sweepEvery: max(time.Second, min(refill, time.Minute))}
}

// allow takes a token from the client's bucket, or says how long until one is there.
func (l *limiter) allow(client string) (ok bool, retry time.Duration, warn int) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.clients[client]
	if b == nil {
		if len(l.clients) >= l.cfg.maxClients() || now.After(l.nextSweep) {
			l.sweep(now)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.cfg.Rate), l.cfg.burst())}
		l.clients[client] = b
	}
	if b.lim.AllowN(now, 1) {
		return true, 0, 0
	}
	b.rejected++
	if now.Sub(b.warned) >= warnEvery {
		warn, b.rejected, b.warned = b.rejected, 0, now
	}
	missing := 1 - b.lim.TokensAt(now)
	return false, time.Duration(missing / l.cfg.Rate * float64(time.Second)), warn
}

// sweep drops the buckets that are full again. If every client is active and the table is still
// full, arbitrary ones go too (Go's map order is random): a client dropped that way starts again
// with a full bucket, which lets it through a little more often, but memory stays bounded.
func (l *limiter) sweep(now time.Time) {
	burst := float64(l.cfg.burst())
	for k, b := range l.clients {
		if b.lim.TokensAt(now) >= burst {
			delete(l.clients, k)
		}
	}
	for k := range l.clients {
		if len(l.clients) < l.cfg.maxClients() {
			break
		}
		delete(l.clients, k)
	}
	l.nextSweep = now.Add(l.sweepEvery)
}

func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}

// middleware answers 429, with Retry-After and a JSON error, to a client over its rate.
func (l *limiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := clientKey(r, l.cfg.TrustForwardedFor)
		ok, retry, warn := l.allow(client)
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		if warn > 0 {
			l.log.Warn("client rate limited", "client", client, "refused", warn, "rate", l.cfg.Rate, "burst", l.cfg.burst())
		}
		if l.onReject != nil {
			l.onReject(r)
		}
		secs := max(1, int(math.Ceil(retry.Seconds())))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("rate limit exceeded: at most %s requests per second per client (bursts of %d); retry after %d s",
			strconv.FormatFloat(l.cfg.Rate, 'f', -1, 64), l.cfg.burst(), secs))
	})
}

// clientKey names the client a request is counted against: its IP address, an IPv6 address by
// its /64. With trustForwarded, the last valid address of X-Forwarded-For stands in for the
// connection's when there is one.
func clientKey(r *http.Request, trustForwarded bool) string {
	if trustForwarded {
		if ip, ok := lastForwarded(r.Header.Values("X-Forwarded-For")); ok {
			return ipKey(ip)
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host // not an IP (a Unix socket, a test): the address as given
	}
	return ipKey(ip)
}

func ipKey(ip netip.Addr) string {
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// lastForwarded is the last address in the X-Forwarded-For headers (several headers count as one
// comma-separated list, in order).
func lastForwarded(values []string) (netip.Addr, bool) {
	for i := len(values) - 1; i >= 0; i-- {
		parts := strings.Split(values[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			s := strings.TrimSpace(parts[j])
			if s == "" {
				continue
			}
			ip, err := netip.ParseAddr(s)
			if err != nil {
				return netip.Addr{}, false // a proxy we trust would not write junk: use the connection
			}
			return ip, true
		}
	}
	return netip.Addr{}, false
}
