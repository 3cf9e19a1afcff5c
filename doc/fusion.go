package doc

import "time"

// Grades say how well a fused event is established, in the spirit of civilian-harm monitors: from
// one outlet's word to confirmation by a party to the conflict, or contested when a report denies it.
const (
	GradeSingle    = "single_source"      // one independent outlet
	GradeMultiple  = "multiple_sources"   // two or more independent outlets
	GradeConfirmed = "confirmed_by_party" // the perpetrator said it acted, or claimed it
	GradeContested = "contested"          // a report says a party denied it (see Event.DeniedBy)
)

// DocRef is a stored document as fusion sees it: who published it and when, and which document it
// republishes (near-duplicate detection), if any.
type DocRef struct {
	ID        string
	Source    string
	Published time.Time
	// CopyOf is the content id of the original this document is a near-copy of; "" for an original.
	CopyOf string
}

// MentionRecord is one mention with the document it came from and its index among that document's
// mentions ((Doc.ID, Idx) identifies it in the store): the unit fusion clusters into events.
type MentionRecord struct {
	Doc     DocRef
	Idx     int
	Mention Mention
}
