package doc

import (
	"encoding/json"
	"time"
)

// Modality values: whether the text says the event happened, or something else about it.
const (
	Occurred     = "occurred"
	Threatened   = "threatened"
	Denied       = "denied"
	Claimed      = "claimed"
	Planned      = "planned"
	Hypothetical = "hypothetical"
)

// Place precision values, from most to least precise.
const (
	PrecisionPoint   = "point"
	PrecisionCity    = "city"
	PrecisionNear    = "near"
	PrecisionAdmin2  = "admin2"
	PrecisionAdmin1  = "admin1"
	PrecisionRegion  = "region"
	PrecisionCountry = "country"
)

// Date precision values.
const (
	DateDay      = "day"
	DateWeek     = "week"
	DateMonth    = "month"
	DateYear     = "year"
	DateReported = "reported" // no expression in the text: the publication date stands in
)

// Actor is a participant as the text names it and as the lexicon resolves it.
type Actor struct {
	Text    string `json:"text"`
	Name    string `json:"name"`    // canonical name
	Country string `json:"country"` // ISO 3166-1 alpha-3, or ""
	Kind    string `json:"kind"`    // military, government, armed_group, coalition, police, civilians, ...
	Span    Span   `json:"span"`
}

// Place is a resolved location.
type Place struct {
	Text      string  `json:"text"`
	Name      string  `json:"name"`
	Admin1    string  `json:"admin1"`
	Country   string  `json:"country"` // ISO 3166-1 alpha-3
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"`
	GeonameID int     `json:"geoname_id,omitempty"`
	Span      Span    `json:"span"`
}

// When is a resolved event date: a range of whole days, Start <= End.
type When struct {
	Text      string
	Start     time.Time // midnight UTC
	End       time.Time // midnight UTC, inclusive
	Precision string
	Span      Span
}

type whenJSON struct {
	Text      string `json:"text"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Precision string `json:"precision"`
	Span      Span   `json:"span"`
}

// DateLayout is how dates are written everywhere in sitrep's output.
const DateLayout = "2006-01-02"

// MarshalJSON writes start and end as YYYY-MM-DD.
func (w When) MarshalJSON() ([]byte, error) {
	return json.Marshal(whenJSON{w.Text, w.Start.Format(DateLayout), w.End.Format(DateLayout), w.Precision, w.Span})
}

// UnmarshalJSON reads the form written by MarshalJSON.
func (w *When) UnmarshalJSON(b []byte) error {
	var j whenJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	start, err := time.Parse(DateLayout, j.Start)
	if err != nil {
		return err
	}
	end, err := time.Parse(DateLayout, j.End)
	if err != nil {
		return err
	}
	*w = When{Text: j.Text, Start: start, End: end, Precision: j.Precision, Span: j.Span}
	return nil
}

// Phrase is a piece of the document text with its span.
type Phrase struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Quote is a piece of one document's text: an event's fields may come from several documents.
type Quote struct {
	Doc  string `json:"doc"`
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Attribution is an outlet or person the text credits for a claim.
type Attribution struct {
	Name string `json:"name"`
	Span Span   `json:"span"`
	// On a fused event, an outlet whose documents report it also lists them (content ids), with the
	// earliest publication time among them; CopyOf names the outlet it republished, when its only
	// documents are near-copies of another outlet's report (it then adds no corroboration).
	Documents []string  `json:"documents,omitempty"`
	FirstSeen time.Time `json:"first_seen,omitzero"`
	CopyOf    string    `json:"copy_of,omitempty"`
}

// Evidence is the sentence a mention was coded from.
type Evidence struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	Span     Span   `json:"span"`
}

// Mention is one event as one document asserts it. Every coded field carries the span it came from.
type Mention struct {
	Type         string        `json:"type"` // PLOVER event type
	Mode         string        `json:"mode"` // PLOVER mode or ""
	CAMEO        string        `json:"cameo"`
	ACLEDType    string        `json:"acled_event_type"`
	ACLEDSubType string        `json:"acled_sub_event_type"`
	Modality     string        `json:"modality"`
	Trigger      Phrase        `json:"trigger"` // the words that named the action
	Actor1       *Actor        `json:"actor1"`
	Actor2       *Actor        `json:"actor2"`
	Location     *Place        `json:"location"`
	Origin       *Place        `json:"origin,omitempty"` // where a strike was launched from; never the event place
	Date         When          `json:"date"`
	Fatalities   *int          `json:"fatalities"`
	Injured      *int          `json:"injured,omitempty"`
	Sources      []Attribution `json:"sources"`
	Evidence     Evidence      `json:"evidence"`
	Confidence   float64       `json:"confidence"`

	// CivilianFatalities is how many of the dead the text itself calls civilians ("killing five
	// civilians", "two children were killed"), with the words that say so; nil when it does not say.
	CivilianFatalities *int   `json:"civilian_fatalities,omitempty"`
	CivilianEvidence   *Quote `json:"civilian_evidence,omitempty"`
}

// Event is a stored, identified event: a mention (or, after fusion, the reconciliation of many) with
// the documents and sentences that support it.
type Event struct {
	ID string `json:"id"`
	Mention
	Documents  []string   `json:"documents,omitempty"`
	Supporting []Evidence `json:"supporting,omitempty"` // every mention's sentence, in every document
	// Outlets are the independent outlets whose documents report the event; Corroboration counts them.
	Outlets       []string `json:"outlets,omitempty"`
	Corroboration int      `json:"corroboration"`
	// Grade says how well the event is established (GradeSingle ... GradeContested, see fusion.go);
	// DeniedBy names the parties whose denial makes it contested.
	Grade    string   `json:"grade,omitempty"`
	DeniedBy []string `json:"denied_by,omitempty"`
	// FatalitiesRange is the lowest and highest toll the reports give (Fatalities is the figure most
	// independent outlets give); nil when no report gives one.
	FatalitiesRange *[2]int `json:"fatalities_range,omitempty"`
	// FirstSeen is the earliest publication time of the documents behind the event.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	// Version counts the event's stored states: 1 when created, one more with every change.
	Version int `json:"version,omitempty"`
}
