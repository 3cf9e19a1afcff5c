// Package fuse turns mentions from many reports into events: which mentions describe one real event
// (cross-document coreference), what the event's fields are once the reports are reconciled, how well
// it is established, and its id. It is pure: records in, events out; the pipeline fetches the
// records from the store and writes the events back.
//
// # When two mentions are one event
//
// Compatible decides for a pair; every rule must hold:
//
//   - Both are fusable: a place with a country, and a date range of at most MaxSpanDays days. Other
//     mentions (no place, "this year") stay events of their own: there is nothing to match them on.
//   - Modality: "occurred", "claimed" and "denied" are assertions about one thing that happened and
//     merge (a denial makes the event contested, not a new one); "threatened", "planned" and
//     "hypothetical" merge only with their own kind.
//   - Type family: the same PLOVER type, and for ASSAULT compatible ACLED sub-types — explosive and
//     remote weapons among themselves (outlets call one glide bomb a "bomb", an "air strike" or a
//     "missile"), the generic "Attack" with any ASSAULT, "Armed clash" with battles and violence against
//     civilians; every protest and riot sub-type with each other; COERCE by sub-type.
//   - Date: the ranges overlap. A mention dated only by its publication ("reported") may be about
//     any of the ReportedSlackDays days before it. Two day-precise mentions on different days never
//     merge.
//   - Place, within its precision: the same country; two precise places (point, city, near, admin2)
//     the same gazetteer entry or within PreciseKm (NearKm when one is "near" or admin2) of each
//     other — so two towns 40 km apart never merge; an admin1 place joins a precise one inside it; a
//     region or country joins anything in that country.
//   - Actors, after alias resolution (Affiliations: "YPG" fights as the SDF, "Tatmadaw" is
//     Myanmar's military; SameForce: the Houthis' forces call themselves Yemen's army): a missing
//     actor is compatible; so are generic ones ("Militants", "Unidentified armed group"), civilians,
//     protesters and governments (outlets name victims and officials loosely). Two armed actors
//     conflict when they are different forces: different named groups, or the militaries and police
//     of different states. An event's reports are kept oriented (who attacked, who was hit); a
//     report whose roles look swapped (a passive sentence misread, "killed two YPG militants" coding
//     the target as the actor) joins only on positive evidence — its attacker is the event's target
//     or its target the event's attacker. Different attackers, and different targets ("an SDF
//     vehicle", "a Syrian army checkpoint"), keep events apart.
//   - Cues for a distinct event: a mention whose trigger follows "a second", "another", "a separate",
//     "a fresh", "further" ... (Cued) merges only with cued mentions, never with an uncued one, even
//     at the same place on the same day.
//
// Cluster applies the rules with complete linkage: a mention joins an event only when it is
// compatible with every mention already in it (and their date ranges have a day in common), so a
// vague "in Syria" report cannot chain two Syrian towns into one event. When several events would
// take it, the best affinity wins: same gazetteer entry, same sub-type, same named forces, same
// toll, and the overlap of the evidence sentences' words ("checkpoint", "soldiers", "market").
//
// # Order independence and ids
//
// Cluster visits mentions in a canonical order — most precise place first, then most precise date,
// then assertions before denials, then confidence, then publication time and content id — so the
// grouping of a set of mentions does not depend on the order they arrived in. The pipeline re-fuses a
// whole neighbourhood (every stored event of the country whose dates meet the new document's) each
// time a document arrives, so the store holds the canonical grouping of what it has read. (Exactly
// so while reports of one neighbourhood cannot chain to events outside the window fetched, which
// the date limits ensure for all but month-long date ranges; the gold set is checked in random
// orders by the pipeline's tests.)
//
// An event's id is derived from its earliest report: the hash of the content id and evidence span of
// the mention with the earliest publication time (ties: smallest content id, then span). It is the
// same whatever order the reports arrived in, and stays the same as later reports join. When an
// earlier report arrives late (a backfill), or two events are found to be one, the id changes; the
// store keeps the old id as an alias of the new one, and the event's history under both.
//
// # The fused record
//
// Build reconciles a cluster: the coding of its best mention (an assertion, with a named
// perpetrator, most confident), the most precise place and date any report gives, fatalities as the
// figure most independent outlets give (each outlet's latest figure counts once; ties go to the
// higher figure) with the range across all reports kept, and every outlet with its documents and the
// time it first reported. Near-copies of a report (ingest.Signature) published under another outlet's
// name are listed as that outlet's documents with copy_of set, but they add no corroboration:
// Corroboration counts independent outlets. The grade follows civilian-harm monitors: contested when
// a report says a party denied it; confirmed by a party when the perpetrator said it acted or claimed
// it; otherwise multiple or single source.
package fuse
