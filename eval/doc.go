// Package eval scores sitrep's extractor against human-coded gold data sets (ACLED, CASE 2021,
// GTD, UCDP GED; see /work/shared/eval/README.md for the files and their terms).
//
// The gold data is for internal evaluation only. Nothing from it is copied into this package:
// the test fixtures under testdata/ are invented records in the same column layouts, and
// actor_aliases.tsv is written from general knowledge. Reports carry gold text in Worst: do not
// commit them.
//
// # Reading
//
// Read (or ReadACLED, ReadCASE, ReadGTD, ReadUCDP, ReadCENTCOM on an io.Reader) turns a gold file
// into Records:
// the text to extract from, a publication date to anchor relative dates, and the Gold coding.
// Detect names a file's format from its header. Per format:
//
//   - acled: Text = notes; Published = event_date (ISO, "9-May-20" or "01 March 2020"); actors
//     actor1, actor2 with their associated actors; coordinates and geo_precision; country from
//     iso3 or the country name; fatalities.
//   - case: Text = EventSnippet; no Published; SubType mapped to an ACLED sub-event type, the five
//     unseen codes (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) mark NoEvent.
//   - gtd: Text = summary without its "MM/DD/YYYY:" prefix; Published = date; ID = "line:N"
//     (the file has no id); actor = group_name; fatalities = killed; an "MM/00/YYYY" prefix
//     makes the gold date the whole month.
//   - centcom: Text = one strike-release line ("Near Manbij, one strike engaged ..."); Published =
//     the release date; ID = "line:N"; gold event type Explosions/Remote violence, sub-event type
//     Air/drone strike, country from the release's heading (no date, actors or coordinates).
//   - ucdp: Text = source headlines + where_description; Published = first source_date (else
//     date_end); actors side_a, side_b; fatalities = best; date range date_start..date_end;
//     GeoPrecision = where_prec.
//
// # Scoring
//
// Score runs the extractor on each record (Document{ID, Source: set name, Published, Text}) and
// compares the top-ranked mention with the gold coding. Rank orders mentions by Confidence
// (highest first), then Evidence.Span.Start (earliest first), then Type (PLOVER name, ascending),
// then ACLEDSubType, then extractor order. When the extractor returns nothing, an empty mention
// stands in, so every field metric below is end-to-end: a missed record counts as wrong (except
// fatalities, where nothing extracted equals a gold count of 0).
//
// The metrics, each a share in [0, 1] over the records where the gold coding has the field
// (Report.N gives each denominator), nil where no record has it:
//
//   - recall: records with at least one mention. For a CASE unseen record the hit is instead
//     "no mention with a violent ACLED type" (Battles, Explosions/Remote violence, Violence
//     against civilians, Riots; the type is taken from the sub-type when ACLEDType is empty).
//   - event_type, sub_event_type: the top mention's ACLEDType / ACLEDSubType equals the gold one
//     (case-insensitive). ACLED and CASE (not unseen) only.
//   - actors: per record, the share of gold actors (ACLED actor1/actor2, UCDP side_a/side_b, GTD
//     group) matched one-to-one by the top mention's Actor1 and Actor2 in either order; averaged
//     over records with at least one gold actor. A gold actor is matched by a mention actor that
//     is the same organisation (canonical names equal after folding and the alias table) or fits
//     its country+kind pattern; an ACLED associated actor counts as its main actor. See
//     ParseGoldActor and GoldActor.Match.
//   - actor1, actor2: gold actor1 (actor2, where coded) matched by either mention actor.
//   - place_within_25km, place_within_50km: the top mention's Location lies within 25 / 50 km of
//     the gold coordinates (Haversine); no location, or (0, 0), is a miss. For ACLED sets over
//     geo_precision 1 records only (README: precision 2 and 3 coordinates are not the event
//     site); for GTD and UCDP over every record with coordinates. ByGeoPrecision splits by the
//     gold precision code.
//   - place_km_median: the median km error over the same records, counting only those whose top
//     mention has a location (so read it beside within_25km).
//   - country: the top mention's Location.Country equals the gold ISO3 code.
//   - date: the top mention's Date.Start (UTC day) lies within the gold date range: exact match
//     for ACLED, date_start..date_end for UCDP, the day (or month, for an unknown day) for GTD.
//     GTD and ACLED pass the gold date as Published, so a fallback to the publication date scores.
//   - fatalities: the top mention's Fatalities equals the gold count, nil counting as 0.
//   - extra_events: the share of records with more than one distinct mention (distinct in ACLED
//     sub-type or PLOVER type, place and start date; actors are ignored so one event coded twice
//     counts once). Lower is better. ACLED sometimes splits one report into several events, so
//     a perfect extractor does not score 0 on ACLED sets.
//
// For CASE sets Report.Confusion counts gold code × predicted code and WriteTable prints it one
// gold row per line. Report.Worst lists the WorstN worst records (see Miss) for developers.
//
// # Regression floor
//
// floor.json ({set: {metric: value}}) records the figures of the held-out sets (HeldOut);
// CheckFloor reports every figure that fell below its floor by more than the tolerance.
package eval
