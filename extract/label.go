package extract

import (
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Monitors' notes often open with the kind of development they record, then a colon ("Property
// destruction: On 22 May 2022, Israeli forces demolished ...", "Movement of forces: ...",
// "Defusal: ..."). The label says what the event is; the sentence after it says who did it to
// whom. labelActions are the labels ACLED's notes use and the sub-event types they stand for.
var labelActions = map[string]*lexicon.Action{
	"property destruction":      &labelLooting,
	"looting":                   &labelLooting,
	"land seizure":              &labelLooting,
	"arson":                     &labelLooting,
	"movement of forces":        &labelChange,
	"security measures":         &labelChange,
	"change to armed group":     &labelChange,
	"change to group activity":  &labelChange,
	"recruitment":               &labelChange,
	"interception":              &labelDisrupted,
	"defusal":                   &labelDisrupted,
	"weapons seizure":           &labelDisrupted,
	"arms seizure":              &labelDisrupted,
	"explosive remnants of war": &labelOther,
	"non-violent activity":      &labelOther,
	"non violent activity":      &labelOther,
	"displacement":              &labelOther,
	"strikes":                   &labelOther,
	"other":                     &labelOther,
}

var (
	labelLooting   = lexicon.Action{Type: "COERCE", Mode: "seize", CAMEO: "171", ACLEDType: "Strategic developments", ACLEDSubType: "Looting/property destruction", Specificity: 3}
	labelChange    = lexicon.Action{Type: "MOBILIZE", CAMEO: "152", ACLEDType: "Strategic developments", ACLEDSubType: "Change to group/activity", Specificity: 3}
	labelDisrupted = lexicon.Action{Type: "COERCE", Mode: "seize", ACLEDType: "Strategic developments", ACLEDSubType: "Disrupted weapons use", Specificity: 3}
	labelOther     = lexicon.Action{Type: "COERCE", Mode: "restrict", CAMEO: "172", ACLEDType: "Strategic developments", ACLEDSubType: "Other", Specificity: 3}
)

// readLabel finds a label before a colon at the start of the sentence, records it, and drops the
// triggers inside it: the sentence's own words then give the roles ("Looting: ... Houthi forces
// stormed and seized the house" is the Houthis' looting).
func (s *sentence) readLabel() {
	for k := 0; k < len(s.toks)-1 && k < 4; k++ {
		if !strings.HasPrefix(s.toks[k+1].Punct, ":") {
			continue
		}
		var b strings.Builder
		for i := 0; i <= k; i++ {
			if i > 0 {
				if s.toks[i].Hyphen {
					b.WriteByte('-')
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(s.norm(i))
		}
		a, ok := labelActions[b.String()]
		if !ok {
			return
		}
		s.label, s.labelLast = a, k
		kept := s.triggers[:0]
		for _, t := range s.triggers {
			if t.First > k {
				kept = append(kept, t)
			}
		}
		s.triggers = kept
		return
	}
}

// labelled picks the trigger whose roles a labelled sentence takes: one of the label's sub-event
// type ("Movement of forces: ... Peshmerga forces deployed troops ... to protect civilians from
// the clashes" hangs on "deployed", not on the clashes), else of its event type, else the best.
func (s *sentence) labelled(best lexicon.Hit) lexicon.Hit {
	for _, same := range []func(lexicon.Hit) bool{
		func(t lexicon.Hit) bool { return t.Action.ACLEDSubType == s.label.ACLEDSubType },
		func(t lexicon.Hit) bool {
			return t.Action.ACLEDType == s.label.ACLEDType || t.Action.Type == s.label.Type
		},
	} {
		pick, found := lexicon.Hit{}, false
		for _, t := range s.triggers {
			if same(t) && (!found || s.outranks(t, pick)) {
				pick, found = t, true
			}
		}
		if found {
			return pick
		}
	}
	return best
}

// applyLabel gives m the type the sentence's label names.
func (s *sentence) applyLabel(m *doc.Mention) {
	if s.label == nil {
		return
	}
	a := s.label
	m.Type, m.Mode, m.CAMEO, m.ACLEDType, m.ACLEDSubType = a.Type, a.Mode, a.CAMEO, a.ACLEDType, a.ACLEDSubType
}
