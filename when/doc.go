// Package when finds the date expressions of a news sentence and resolves them to ranges of whole
// days against the document's publication date.
//
// # Why sitrep's own rules
//
// The stage reads every sentence of every document, so it must run at 50 MB/s or better. The
// dependency survey (shared/reference/dependencies-checked.md, section 5) picked
// github.com/markusmobius/go-dateparser for its accuracy on single expressions, but its Search runs
// its regular expressions through wasilibs/go-re2 on wazero: measured on English news sentences
// (PreferredDateSource=Past, Languages=["en"]) it did 0.32 MB/s, about 150 times too slow, and it
// still needed extra rules for week-relative phrases and a filter for false hits such as "a
// second". olebedev/when leans to future dates and garbles ISO dates; araddon/dateparse reads only
// absolute formats. So this package is a plain-Go, token-level scanner with no regular
// expressions and no dependency beyond sitrep/doc:
//
//   - A first pass over the bytes looks every short ASCII word up in a packed-key hash table (the
//     lexicon) and stops at the first word or number a date needs (a month, a weekday,
//     yesterday/today/tonight/tomorrow/overnight, day/week/month/year/hour, night/morning, weekend,
//     Christmas, a four-digit number, a decade, "d/…"). Most news sentences have none and cost only
//     this pass.
//   - Otherwise the sentence is tokenised once (words, numbers with their ordinal or "s" suffix,
//     punctuation with dashes and apostrophes folded), and recursive-descent matchers over the
//     tokens read atoms (a date, a weekday, a relative period) and ranges of two atoms.
//
// BenchmarkFind (about 1 MB of wire-style text, 5,296 dates in it) ran at 115-145 MB/s on a
// shared 2-core VM (about 55 MB/s at worst while other jobs saturated it).
//
// # Conventions
//
// The publication day is published's calendar date in its own location (the outlet's day), and
// every result is a range of whole days at midnight UTC, End inclusive; a single day has
// Start == End. Weeks run Monday to Sunday (ISO 8601).
//
// Tense. Expressions that can point either way (a month-day without a year, a bare weekday, a bare
// month, "this week") look at the nearest tense cue: scanning back from the expression up to 12
// tokens, then forward up to 8. Future cues: will, shall, would, 'll, won't, scheduled, due,
// expected, plans/planned/planning, intends, aims. Past cues: was, were, had, did, said, told,
// irregular past forms (began, met, fled, ...) and lower-case words ending in -ed, except after
// be/been/being ("will be held" is future). With no cue the sentence counts as past: news mostly
// reports what happened.
//
//   - Month-day without a year ("December 30", "Dec. 20", "20 Dec"): the latest such date not after
//     publication; in the future tense the first one on or after it ("will meet on January 5").
//     29 February goes back (or on) to the nearest leap year. A weekday written with it
//     ("Thursday 25 December") picks whichever side of publication matches the weekday.
//   - Bare weekday ("on Tuesday", "early Wednesday", "Saturday night", "Monday's"): the latest such
//     day not after publication, the publication day included; future tense: the first on or
//     after it. A weekday equal to the publication weekday is therefore the publication day, as in
//     wire style, where "on Monday" in a Monday story means today. "this Monday" is the same.
//     "last Friday": strictly before the publication day (1-7 days back). "next Friday": strictly
//     after it (1-7 days on). "Friday last week" / "Tuesday next week": that day of the previous or
//     next Monday-Sunday week.
//   - yesterday: publication day - 1; today, tonight, this morning/afternoon/evening, earlier/later
//     today: the publication day; tomorrow: + 1; the day before yesterday: - 2. "last night" and a
//     bare "overnight" are the publication day - 1 (the night began then; a story published in the
//     morning reports the night before). "overnight Saturday" is Saturday; "overnight into
//     Tuesday" is Monday..Tuesday.
//   - "N days ago" is one day. "N weeks/months/years ago" is the calendar week (month, year) that
//     holds the day N units back, with that precision. "N hours ago/earlier" spans the days back to
//     publication.
//   - Windows: "the past 24 hours", "over the past three days", "the past week", "the last two
//     months", "the next two weeks" run from N units before (after) publication to publication,
//     both ends included.
//   - Calendar periods: "last week" is the previous Monday-Sunday; "this week" / "this month" /
//     "this year" / "in March" / "in 2025" / "the 2020s" are clipped at publication when they hold
//     it: Start..publication in the past tense, publication..End in the future tense. "earlier this
//     week/month/year" forces the past side and "later this week/month/year" the future side. "in
//     March" (no year) is the latest March begun by publication, or in the future tense the first
//     not yet over. "last December" is the latest December before the publication month.
//   - Portions: early/mid/late (and "the beginning/middle/end of") cut a month into days 1-10,
//     11-20, 21-end (precision week), a year into January-April, May-August, September-December
//     (precision month), a decade into years 0-3, 4-6, 7-9 (precision year), a week into
//     Monday-Wednesday, Tuesday-Thursday, Thursday-Sunday (precision week). Before a day
//     ("early Wednesday", "late on Tuesday") they only widen the span.
//   - Weekends: "the weekend" / "this weekend" is the latest Saturday-Sunday begun by publication
//     (future tense: the coming one), clipped like a calendar period; "last weekend" the one before
//     the publication week's; "next weekend" the first that starts after publication.
//   - Ranges: "between 3 and 5 May", "from 3 to 5 May", "3-5 May", "May 3-5", "5 and 6 December",
//     "5/6 December", "from Friday to Sunday", "between 2019 and 2021", "2019-2021", "from March to
//     May", "December 30 to January 2". A side without month or year borrows it from the other; a
//     start that would fall after the end moves back a year. "since X" runs from the start of X to
//     publication. Range precision is the coarser of the two ends.
//   - Anchored expressions ("the day before", "the previous day/week", "a day earlier", "two days
//     later", "the next day", "the following week") count from the last date found earlier in the
//     same sentence. Without one, the backward ones count from publication ("the day before" is
//     publication - 1) and the forward ones are dropped, since they refer to an event told in
//     another sentence. "the day before the vote" (before/after with an object) is not a date.
//   - Numeric dates are day-first (20/12/2025, 20.12.2025, 20-12-2025) unless only month-first
//     can be valid (12/20/2025); two-digit years only with slashes. ISO 8601 (2025-12-20,
//     2025-12-20T10:00) is always year-month-day.
//   - Fixed holidays: Christmas Day/Eve, New Year's Day/Eve, Boxing Day.
//
// Precision: day for days and day ranges (weekends, "since Monday", "between 3 and 5 May"); week
// for weeks, week windows and ten-day portions of months; month for months and thirds of years;
// year for years, year ranges and decades.
//
// # Guards against false hits
//
// Months count only when capitalised ("a march through the city", "may have been" are not dates),
// and a bare month or year without a day needs a preposition before it (in, since, during, until,
// by, from, through(out), before, after, of, between, early/mid/late) or a list ("in March and
// April"): "Theresa May said", "May God", "the March organisers", "lost 2000 men" are not dates.
// Month abbreviations (Jan, Mar, Dec) and weekday abbreviations (Sat, Sun) need a day number next
// to them. Numbers need a month, a unit with ago/earlier/later, or a date shape: counts ("killing
// 20 people"), "1,200", clock times ("at 10 am", "10:30", "2000 GMT") and ordinals ("the 3rd
// Brigade", "a second airstrike") are not dates. After "in", a day number followed by a lower-case
// word is a count ("In December 20 people were killed" is December). Weekdays in names ("Good
// Friday", "Bloody Sunday", "the Sunday Times") and "Today" after a capitalised word ("USA Today")
// are skipped, as is "overnight" after an article ("an overnight curfew").
//
// # Known gaps
//
//   - Word ordinals and bare day ordinals: "the twentieth of December", "on the 20th".
//   - Seasons and halves: "in the summer of 2014" gives only 2014; "in spring" nothing.
//   - Lists longer than two: "on 3, 4 and 5 May" gives "4 and 5 May"; "3 and 5 May" is one range.
//   - Context beyond the sentence: "since October 7" in Israel-Gaza copy means 2023 but resolves to
//     the latest 7 October; anchored expressions cannot see dates in earlier sentences; "two days
//     earlier, on 18 December" gives two different days.
//   - Vague spans: "in recent days", "a few days ago", "a decade ago", "in the coming weeks".
//   - Tense is a cue heuristic, not a parse: a future clause with no cue word ("the summit opens
//     on Friday") counts as past.
//   - English only; year-less numeric dates (20/12) and two-digit years outside slashes are not read.
//   - Adjectival years without a preposition ("the 2024 election") are not read.
package when
