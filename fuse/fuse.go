// Package fuse decides which stored event a new mention joins, and reconciles the event's fields
// across every report behind it.
package fuse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
)

// Key is what two mentions must share to be one event: the type family, the modality, the day the
// event started and the place (a gazetteer id, else the country). It does not include actors, which
// one outlet often leaves unnamed.
func Key(m doc.Mention) string {
	where := ""
	if m.Location != nil {
		if m.Location.GeonameID != 0 && m.Location.Precision != doc.PrecisionCountry {
			where = fmt.Sprintf("g%d", m.Location.GeonameID)
		} else {
			where = m.Location.Country + "/" + strings.ToLower(m.Location.Name)
		}
	}
	sub := m.ACLEDSubType
	if sub == "" || sub == "Other" {
		sub = m.Type
	}
	return strings.Join([]string{sub, m.Modality, m.Date.Start.Format(doc.DateLayout), where}, "|")
}

// ID is an event's stable id: derived from its key, so it is the same whatever order the reports
// arrive in.
func ID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "ev-" + hex.EncodeToString(h[:8])
}

// Merge adds one mention of document d to an event (nil for a new event) and returns the event with
// its fields reconciled: the most confident mention's coding, missing fields filled from the
// others, the highest reported toll, every document and outlet listed.
func Merge(existing *doc.Event, m doc.Mention, d doc.Document) doc.Event {
	var e doc.Event
	if existing == nil {
		e = doc.Event{ID: ID(Key(m)), Mention: m}
	} else {
		// copy the lists: the caller's event must not change under it
		e = *existing
		e.Documents = slices.Clone(e.Documents)
		e.Supporting = slices.Clone(e.Supporting)
		e.Outlets = slices.Clone(e.Outlets)
		e.Sources = slices.Clone(e.Sources)
		if m.Confidence > e.Confidence {
			keep := e.Mention
			e.Mention = m
			e.Mention.Fill(keep)
		} else {
			e.Mention.Fill(m)
		}
	}
	e.Documents = addString(e.Documents, d.ID)
	e.Supporting = append(e.Supporting, m.Evidence)
	if d.Source != "" {
		e.Outlets = addString(e.Outlets, d.Source)
	}
	e.Corroboration = len(e.Outlets)
	return e
}

func addString(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	list = append(list, s)
	sort.Strings(list)
	return list
}
