package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// auth lets a request through only with "Authorization: Bearer TOKEN" and the configured token.
// Without a configured token writes are off (403); a missing or wrong token is 401.
func (s *Server) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token == "" {
			writeError(w, http.StatusForbidden, "writes are off: start the server with SITREP_API_TOKEN set to enable them")
			return
		}
		scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || !tokenEqual(strings.TrimSpace(token), s.cfg.Token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer $SITREP_API_TOKEN")
			return
		}
		next(w, r)
	}
}

// tokenEqual compares in constant time; hashing first hides the token's length too.
func tokenEqual(got, want string) bool {
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
