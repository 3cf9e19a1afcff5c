package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// ContentID is a document's identity: a hash of its source and its whitespace-folded text, so the
// same report read again (from any file or format) gets the same id, and the same text under
// another outlet's name does not.
func ContentID(source, text string) string {
	h := sha256.New()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(source))))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(h.Sum(nil)[:12])
}
