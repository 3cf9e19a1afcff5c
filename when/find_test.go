package when

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Publication days used below.
const (
	wed  = "2025-12-24" // a Wednesday
	sat  = "2025-12-27" // a Saturday
	jan2 = "2026-01-02" // a Friday, just after the new year
	leap = "2024-03-01" // a Friday, the day after 29 February
	jun  = "2025-06-01" // a Sunday
)

// format writes found expressions as "text=start[..end][/precision]" joined by "; "; precision is
// left out when it is "day".
func format(ws []doc.When) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(w.Text)
		b.WriteByte('=')
		b.WriteString(w.Start.Format(doc.DateLayout))
		if !w.End.Equal(w.Start) {
			b.WriteString("..")
			b.WriteString(w.End.Format(doc.DateLayout))
		}
		if w.Precision != doc.DateDay {
			b.WriteString("/" + w.Precision)
		}
	}
	return b.String()
}

var cases = []struct {
	pub, text, want string
}{
	// explicit dates
	{wed, "Israeli strikes killed 20 people in Gaza on 20 December 2025, the ministry said.", "20 December 2025=2025-12-20"},
	{wed, "On December 20th, militants attacked a checkpoint near the border.", "December 20th=2025-12-20"},
	{wed, "The ceasefire collapsed on Dec. 20 after shelling resumed.", "Dec. 20=2025-12-20"},
	{wed, "Fighting resumed on 20 Dec near Bakhmut.", "20 Dec=2025-12-20"},
	{wed, "The talks in Doha began on December 20, 2025, officials said.", "December 20, 2025=2025-12-20"},
	{wed, "The report, dated 2025-12-20, lists 14 incidents.", "2025-12-20=2025-12-20"},
	{wed, "The feed item was stamped 2025-12-20T14:30:00Z by the agency.", "2025-12-20=2025-12-20"},
	{wed, "Police said the attack happened on 20/12/2025 in Kano.", "20/12/2025=2025-12-20"},
	{wed, "The strike on 12/20/2025 killed five, according to the statement.", "12/20/2025=2025-12-20"},
	{wed, "The incident of 03/04/2025 remains under investigation.", "03/04/2025=2025-04-03"},
	{wed, "Protests erupted on 20.12.2025 in Tbilisi.", "20.12.2025=2025-12-20"},
	{wed, "Voters went to the polls on 5 March 2024.", "5 March 2024=2024-03-05"},
	{wed, "The 5th of March attack killed 12 civilians.", "5th of March=2025-03-05"},
	{wed, "On Tuesday, December 23, rebels seized the town.", "Tuesday, December 23=2025-12-23"},
	{wed, "Sunday 21st December saw the heaviest shelling in weeks.", "Sunday 21st December=2025-12-21"},
	{wed, "The Oct. 7 attack killed about 1,200 people.", "Oct. 7=2025-10-07"},
	{wed, "Hamas attacked Israel on 7 October 2023, killing 1,200 people.", "7 October 2023=2023-10-07"},
	{wed, "The Sept. 11, 2001 attacks changed the region.", "Sept. 11, 2001=2001-09-11"},
	{wed, "The offensive began on 3 March last year.", "3 March last year=2024-03-03"},
	{wed, "Tue, Dec 23, 2025 - Rebels shelled the port.", "Tue, Dec 23, 2025=2025-12-23"},
	{"2025-12-26", "On Christmas Day, a drone struck a church in Kherson.", "Christmas Day=2025-12-25"},
	{jan2, "Rockets were fired at the city on New Year's Eve.", "New Year's Eve=2025-12-31"},
	{wed, "The claim that it happened on 29 February 2023 is false.", "February 2023=2023-02-01..2023-02-28/month"},
	{wed, "Army chief Gen. Smith was sworn in on 1 Nov.", "1 Nov=2025-11-01"},

	// month-day without a year, across the new year
	{jan2, "Israeli troops raided Jenin on December 30, killing two.", "December 30=2025-12-30"},
	{jan2, "The ministers will meet on January 5 in Cairo.", "January 5=2026-01-05"},
	{jan2, "A truce was agreed on January 2.", "January 2=2026-01-02"},
	{jan2, "Talks will resume on 5 January, diplomats said.", "5 January=2026-01-05"},
	{jan2, "Fighting continued from December 30 to January 2.", "from December 30 to January 2=2025-12-30..2026-01-02"},
	{wed, "The two leaders will meet on January 5.", "January 5=2026-01-05"},
	{wed, "The summit is scheduled for March 3.", "March 3=2026-03-03"},
	{wed, "The vote, which was held on December 20, will be repeated on January 10.", "December 20=2025-12-20; January 10=2026-01-10"},

	// leap days
	{leap, "Two soldiers were killed yesterday in an ambush.", "yesterday=2024-02-29"},
	{leap, "The convoy was attacked on February 29.", "February 29=2024-02-29"},
	{jun, "The convoy was attacked on February 29.", "February 29=2024-02-29"},
	{leap, "Clashes erupted last week in Tripoli.", "last week=2024-02-19..2024-02-25/week"},
	{leap, "The offensive began on 29 February 2024, officials said.", "29 February 2024=2024-02-29"},
	{jun, "The vote will take place on 29 February.", "29 February=2028-02-29"},

	// weekdays (published Wednesday 24 December 2025)
	{wed, "Israeli strikes killed 20 people on Tuesday.", "Tuesday=2025-12-23"},
	{wed, "The army said it intercepted a drone early Wednesday.", "early Wednesday=2025-12-24"},
	{wed, "Gunmen stormed a village on Saturday night.", "Saturday night=2025-12-20"},
	{wed, "The group claimed last Friday's bombing.", "last Friday=2025-12-19"},
	{wed, "Protests continued on Monday in the capital.", "Monday=2025-12-22"},
	{wed, "Officials said on Wednesday that 12 people died.", "Wednesday=2025-12-24"},
	{wed, "Rebels captured the town last Wednesday.", "last Wednesday=2025-12-17"},
	{wed, "Rebels captured the town last Tuesday.", "last Tuesday=2025-12-23"},
	{wed, "The delegation will arrive on Friday.", "Friday=2025-12-26"},
	{wed, "Talks will resume on Wednesday.", "Wednesday=2025-12-24"},
	{wed, "Elections are scheduled for next Wednesday.", "next Wednesday=2025-12-31"},
	{wed, "A vote is expected next Friday.", "next Friday=2025-12-26"},
	{wed, "The attack happened on Thursday.", "Thursday=2025-12-18"},
	{wed, "An airstrike on Sunday killed four.", "Sunday=2025-12-21"},
	{wed, "The minister, who visited Kyiv on Monday, will meet Zelensky on Friday.", "Monday=2025-12-22; Friday=2025-12-26"},
	{wed, "Clashes broke out on Friday last week.", "Friday last week=2025-12-19"},
	{wed, "Talks will be held on Tuesday next week.", "Tuesday next week=2025-12-30"},
	{wed, "Monday's strike killed nine people.", "Monday=2025-12-22"},
	{wed, "Since Monday, more than 40 people have been killed.", "Since Monday=2025-12-22..2025-12-24"},
	{wed, "Fighting raged from Friday to Sunday.", "from Friday to Sunday=2025-12-19..2025-12-21"},
	{wed, "Late on Tuesday, the army withdrew from the area.", "Late on Tuesday=2025-12-23"},
	{wed, "Police said this Monday that the suspect had fled.", "this Monday=2025-12-22"},
	{wed, "The army said on Monday it would withdraw by Friday.", "Monday=2025-12-22; Friday=2025-12-26"},
	{sat, "Gunmen attacked a market on Saturday.", "Saturday=2025-12-27"},
	{sat, "Gunmen attacked a market last Saturday.", "last Saturday=2025-12-20"},
	{sat, "Gunmen attacked a market on Friday.", "Friday=2025-12-26"},
	{sat, "The talks will resume on Sunday.", "Sunday=2025-12-28"},
	{jan2, "The attack on Wednesday killed six.", "Wednesday=2025-12-31"},

	// overnight and relative days
	{wed, "Overnight, Russia launched 40 drones at Kyiv.", "Overnight=2025-12-23"},
	{wed, "Russia launched drones overnight into Tuesday.", "overnight into Tuesday=2025-12-22..2025-12-23"},
	{wed, "Two soldiers were killed yesterday.", "yesterday=2025-12-23"},
	{wed, "Protesters gathered today in the capital.", "today=2025-12-24"},
	{wed, "The council will vote tonight on the measure.", "tonight=2025-12-24"},
	{wed, "Shelling continued last night in Kharkiv.", "last night=2025-12-23"},
	{wed, "This morning, a car bomb exploded in Mogadishu.", "This morning=2025-12-24"},
	{wed, "The bodies were found two days ago.", "two days ago=2025-12-22"},
	{wed, "He was arrested 3 days ago in Kismayo.", "3 days ago=2025-12-21"},
	{wed, "The day before, militants had attacked a base.", "The day before=2025-12-23"},
	{wed, "On December 20, rebels attacked the town; the day before, they had shelled it.", "December 20=2025-12-20; the day before=2025-12-19"},
	{wed, "Rebels took the town on 20 December and the army retook it two days later.", "20 December=2025-12-20; two days later=2025-12-22"},
	{wed, "Talks will continue tomorrow in Geneva.", "tomorrow=2025-12-25"},
	{wed, "A week ago, the town was still under government control.", "A week ago=2025-12-15..2025-12-21/week"},
	{wed, "Late last night, gunmen opened fire on a bus.", "Late last night=2025-12-23"},
	{wed, "The day before yesterday, a drone hit the port.", "The day before yesterday=2025-12-22"},
	{wed, "In the past 24 hours, 30 strikes were recorded.", "the past 24 hours=2025-12-23..2025-12-24"},
	{wed, "Over the past week, fighting displaced 10,000 people.", "the past week=2025-12-17..2025-12-24/week"},
	{wed, "Earlier today, the ministry raised the toll.", "Earlier today=2025-12-24"},
	{wed, "Aid trucks have entered over the past three days.", "the past three days=2025-12-21..2025-12-24"},
	{wed, "The town fell two weeks ago.", "two weeks ago=2025-12-08..2025-12-14/week"},
	{wed, "Talks collapsed the next day, a diplomat said.", ""},
	{leap, "Rockets hit the base the day before yesterday.", "the day before yesterday=2024-02-28"},

	// weeks and months
	{wed, "Dozens were detained earlier this week.", "earlier this week=2025-12-22..2025-12-24/week"},
	{jan2, "Dozens were detained earlier this week.", "earlier this week=2025-12-29..2026-01-02/week"},
	{wed, "Clashes erupted last week in Tripoli.", "last week=2025-12-15..2025-12-21/week"},
	{jan2, "Clashes erupted last week in Tripoli.", "last week=2025-12-22..2025-12-28/week"},
	{wed, "Parliament will vote later this week.", "later this week=2025-12-24..2025-12-28/week"},
	{wed, "Talks are planned for next week.", "next week=2025-12-29..2026-01-04/week"},
	{wed, "The offensive began this month.", "this month=2025-12-01..2025-12-24/month"},
	{wed, "The offensive began last month.", "last month=2025-11-01..2025-11-30/month"},
	{wed, "Talks are expected to resume next month.", "next month=2026-01-01..2026-01-31/month"},
	{wed, "The rebels seized Goma in March.", "March=2025-03-01..2025-03-31/month"},
	{wed, "The rebels seized Goma in March 2024.", "March 2024=2024-03-01..2024-03-31/month"},
	{wed, "Heavy rains fell in early December.", "early December=2025-12-01..2025-12-10/week"},
	{wed, "The fighting intensified in mid-December.", "mid-December=2025-12-11..2025-12-20/week"},
	{wed, "The town fell in late November.", "late November=2025-11-21..2025-11-30/week"},
	{wed, "In late December, the militia withdrew.", "late December=2025-12-21..2025-12-24/week"},
	{wed, "Elections will be held in March.", "March=2026-03-01..2026-03-31/month"},
	{wed, "The group has been active since March.", "since March=2025-03-01..2025-12-24/month"},
	{wed, "Over the weekend, militants attacked two villages.", "the weekend=2025-12-20..2025-12-21"},
	{wed, "Protests are planned for this weekend.", "this weekend=2025-12-27..2025-12-28"},
	{wed, "Gunmen attacked a church last weekend.", "last weekend=2025-12-20..2025-12-21"},
	{wed, "The offensive began in December last year.", "December last year=2024-12-01..2024-12-31/month"},
	{wed, "Fighting resumed at the end of November.", "the end of November=2025-11-21..2025-11-30/week"},
	{wed, "The siege began last December.", "last December=2024-12-01..2024-12-31/month"},
	{jan2, "The siege began last December.", "last December=2025-12-01..2025-12-31/month"},
	{wed, "A drought hit the region earlier this month.", "earlier this month=2025-12-01..2025-12-24/month"},
	{wed, "Troops had left by the end of the year.", "the end of the year=2025-09-01..2025-12-24/month"},

	// years and decades
	{wed, "The group was founded in 2023.", "2023=2023-01-01..2023-12-31/year"},
	{wed, "Casualties have doubled since last year.", "since last year=2024-01-01..2025-12-24/year"},
	{wed, "The war has killed thousands since 2011.", "since 2011=2011-01-01..2025-12-24/year"},
	{wed, "In the 1990s, the region was torn by civil war.", "the 1990s=1990-01-01..1999-12-31/year"},
	{wed, "In the early 2000s, the militia controlled the valley.", "the early 2000s=2000-01-01..2003-12-31/year"},
	{wed, "Between 2019 and 2021, more than 300 attacks were recorded.", "Between 2019 and 2021=2019-01-01..2021-12-31/year"},
	{wed, "Earlier this year, the army launched an offensive.", "Earlier this year=2025-01-01..2025-12-24/year"},
	{jan2, "Earlier this year, the army launched an offensive.", "Earlier this year=2026-01-01..2026-01-02/year"},
	{jan2, "The army launched an offensive last year.", "last year=2025-01-01..2025-12-31/year"},
	{wed, "The camp was built in late 2024.", "late 2024=2024-09-01..2024-12-31/month"},
	{wed, "The 2019-2021 drought displaced millions.", "2019-2021=2019-01-01..2021-12-31/year"},
	{wed, "Elections are due by 2027.", "2027=2027-01-01..2027-12-31/year"},
	{wed, "The militia has grown since the 1990s.", "since the 1990s=1990-01-01..2025-12-24/year"},

	// ranges
	{wed, "Talks were held between 3 and 5 May.", "between 3 and 5 May=2025-05-03..2025-05-05"},
	{wed, "Talks were held from 3 to 5 May.", "from 3 to 5 May=2025-05-03..2025-05-05"},
	{wed, "The 3-5 May talks failed.", "3-5 May=2025-05-03..2025-05-05"},
	{wed, "Fighting raged May 3-5 around the airport.", "May 3-5=2025-05-03..2025-05-05"},
	{wed, "The festival ran from 3 May to 5 June 2024.", "from 3 May to 5 June 2024=2024-05-03..2024-06-05"},
	{wed, "Between March and May, aid deliveries fell by half.", "Between March and May=2025-03-01..2025-05-31/month"},
	{wed, "The 10–12 December talks ended without a deal.", "10–12 December=2025-12-10..2025-12-12"},

	{wed, "Rebels attacked on 5 and 6 December, residents said.", "5 and 6 December=2025-12-05..2025-12-06"},
	{wed, "Drones hit the port this past weekend.", "this past weekend=2025-12-20..2025-12-21"},
	{wed, "Shelling resumed at the end of last week.", "the end of last week=2025-12-18..2025-12-21/week"},
	{wed, "Fighting eased in mid-2024, monitors said.", "mid-2024=2024-05-01..2024-08-31/month"},
	{wed, "A year earlier, on 20 December 2024, the talks had failed.", "A year earlier=2024-01-01..2024-12-31/year; 20 December 2024=2024-12-20"},
	{wed, "Fighting resumed on Friday, 19 December, and again a day later.", "Friday, 19 December=2025-12-19; a day later=2025-12-20"},

	{wed, "On Thursday 25 December, the church was attacked.", "Thursday 25 December=2025-12-25"},
	{wed, "The group carried out 40 attacks in 2023 and 2024.", "2023=2023-01-01..2023-12-31/year; 2024=2024-01-01..2024-12-31/year"},
	{wed, "Aid deliveries stopped in March and April.", "March=2025-03-01..2025-03-31/month; April=2025-04-01..2025-04-30/month"},
	{wed, "KYIV, Dec 23 (Reuters) - Russia launched 40 drones overnight.", "Dec 23=2025-12-23; overnight=2025-12-23"},
	{wed, "Strikes hit Gaza City late Sunday and early Monday.", "late Sunday=2025-12-21; early Monday=2025-12-22"},
	{wed, "We'll meet them on Friday, the commander said.", "Friday=2025-12-26"},
	{wed, "Talks won't resume before Monday, officials said.", "Monday=2025-12-29"},
	{wed, "On Monday, the army attacked; the following week, it withdrew.", "Monday=2025-12-22; the following week=2025-12-29..2026-01-04/week"},
	{wed, "Between 1 January and 30 June, 1,200 incidents were recorded.", "Between 1 January and 30 June=2025-01-01..2025-06-30"},
	{wed, "By the end of 2024, 3 million had fled.", "the end of 2024=2024-09-01..2024-12-31/month"},
	{wed, "The group was formed in the mid-1990s.", "the mid-1990s=1994-01-01..1996-12-31/year"},

	{wed, "Raids on the night of 5/6 December killed 11.", "5/6 December=2025-12-05..2025-12-06"},
	{wed, "The last week of December was calm.", "December=2025-12-01..2025-12-24/month"},
	{wed, "Fighting in Sudan since April 2023 has killed tens of thousands.", "since April 2023=2023-04-01..2025-12-24/month"},
	{wed, "Israel said on Tuesday it had killed a commander the previous day.", "Tuesday=2025-12-23; the previous day=2025-12-22"},
	{wed, "The operation ran from mid-March to early May.", "from mid-March to early May=2025-03-11..2025-05-10/week"},

	// false hits
	{wed, "The Sunday Times reported that 30 people died.", ""},
	{wed, "The Good Friday Agreement ended decades of violence.", ""},
	{wed, "Bloody Sunday remains a symbol of the conflict.", ""},
	{wed, "A second airstrike hit the same building minutes later.", ""},
	{wed, "Officials said the toll may have been higher.", ""},
	{wed, "Thousands joined a march through the city.", ""},
	{wed, "The strikes killed 20 people and wounded 45.", ""},
	{wed, "One of the victims was a journalist.", ""},
	{wed, "The attack began at 10 am local time.", ""},
	{wed, "May God have mercy on them, the imam said.", ""},
	{wed, "Theresa May said the policy had failed.", ""},
	{wed, "The Sun reported that 30 people died.", ""},
	{wed, "In December 20 people were killed in the camp.", "December=2025-12-01..2025-12-24/month"},
	{wed, "Some 2,000 troops were deployed to the border.", ""},
	{wed, "The March organisers said 5,000 people attended.", ""},
	{wed, "The brigade lost 2000 men in the battle.", ""},
	{wed, "USA Today reported the figures.", ""},
	{wed, "The late president's son was arrested.", ""},
	{wed, "The last day of talks ended without a deal.", ""},
	{wed, "Resolution 2334 was adopted by the council.", ""},
	{wed, "The curfew starts at 2000 GMT.", ""},
	{wed, "He served 20 years in prison.", ""},
	{wed, "An overnight curfew was imposed on the town.", ""},
	{wed, "The day before the vote, gunmen attacked a rally.", ""},
	{wed, "Jan Kowalski, a spokesman, said 3 people were hurt.", ""},
	{wed, "Mar Elias church was damaged in the blast.", ""},
	{wed, "The F-16 jets struck 3-5 targets, the army said.", ""},
	{wed, "Prices rose 3.5 percent, with 1/2 of families in debt.", ""},
	{wed, "The second round of talks may resume, one official said.", ""},
	{wed, "Authorities said 20 may have died in the collapse.", ""},
	{wed, "They said it happened on 31 April, which does not exist.", ""},
	{wed, "Shelling stopped the following week.", ""},
	{wed, "A day after the attack, the group claimed it.", ""},
	{wed, "Since the war began, 40,000 people have been killed.", ""},
	{wed, "The 1st Armored Division and the 3rd Brigade moved north.", ""},
	{wed, "The shops open from 9 to 5 on weekdays.", ""},
	{wed, "Christmas in Bethlehem was cancelled.", ""},
	{wed, "In March, May said the policy had failed.", "March=2025-03-01..2025-03-31/month"},
	{wed, "The score was 3-1 in the derby.", ""},
	{wed, "Food was handed out on 3 December to 5 families.", "3 December=2025-12-03"},
}

func TestFind(t *testing.T) {
	if len(cases) < 100 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		pub, err := time.Parse(doc.DateLayout, c.pub)
		if err != nil {
			t.Fatal(err)
		}
		pub = pub.Add(14 * time.Hour)
		got := Find(c.text, 0, pub)
		if g := format(got); g != c.want {
			t.Errorf("%s %q\n got: %s\nwant: %s", c.pub, c.text, g, c.want)
		}
		for _, w := range got {
			checkWhen(t, c.text, 0, w)
		}
	}
}

func checkWhen(t *testing.T, text string, base int, w doc.When) {
	t.Helper()
	if !w.Span.Valid(base+len(text)) || w.Span.Start < base {
		t.Fatalf("%q: span %v outside text", text, w.Span)
	}
	if text[w.Span.Start-base:w.Span.End-base] != w.Text {
		t.Fatalf("%q: text %q does not match span %v", text, w.Text, w.Span)
	}
	if w.End.Before(w.Start) {
		t.Fatalf("%q: %q ends before it starts", text, w.Text)
	}
	for _, d := range []time.Time{w.Start, w.End} {
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("%q: %v is not midnight UTC", text, d)
		}
	}
	switch w.Precision {
	case doc.DateDay, doc.DateWeek, doc.DateMonth, doc.DateYear:
	default:
		t.Fatalf("%q: precision %q", text, w.Precision)
	}
}

func TestFindBase(t *testing.T) {
	pub := time.Date(2025, 12, 24, 9, 0, 0, 0, time.UTC)
	text := "Rebels attacked on Tuesday and again on 20 December."
	got := Find(text, 1000, pub)
	if len(got) != 2 {
		t.Fatalf("got %s", format(got))
	}
	for _, w := range got {
		checkWhen(t, text, 1000, w)
	}
	if got[0].Span != (doc.Span{Start: 1019, End: 1026}) {
		t.Errorf("span %v", got[0].Span)
	}
}

func TestPublishedLocation(t *testing.T) {
	// 23:30 on the 24th in Baghdad is the 24th for the outlet, though it is the 24th 20:30 UTC.
	loc := time.FixedZone("AST", 3*3600)
	pub := time.Date(2025, 12, 24, 23, 30, 0, 0, loc)
	got := Find("Two people were killed yesterday.", 0, pub)
	if format(got) != "yesterday=2025-12-23" {
		t.Errorf("got %s", format(got))
	}
	// 01:00 on the 25th in Baghdad is still the 24th in UTC: the outlet's day wins.
	pub = time.Date(2025, 12, 25, 1, 0, 0, 0, loc)
	if got := Find("Two people were killed yesterday.", 0, pub); format(got) != "yesterday=2025-12-24" {
		t.Errorf("got %s", format(got))
	}
}

func TestReported(t *testing.T) {
	pub := time.Date(2025, 12, 24, 18, 45, 0, 0, time.FixedZone("X", -5*3600))
	w := Reported(pub)
	want := time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)
	if !w.Start.Equal(want) || !w.End.Equal(want) || w.Precision != doc.DateReported || w.Start.Location() != time.UTC {
		t.Errorf("Reported = %+v", w)
	}
}

func TestNoDate(t *testing.T) {
	pub := time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"", " ", "...", "Gunmen killed 12 villagers in Zamfara state, police said."} {
		if got := Find(s, 0, pub); got != nil {
			t.Errorf("%q: got %s", s, format(got))
		}
	}
}

func TestCivil(t *testing.T) {
	for z := -800000; z <= 800000; z += 37 {
		y, m, d := ymd(z)
		if civil(y, m, d) != z {
			t.Fatalf("day %d -> %d-%d-%d -> %d", z, y, m, d, civil(y, m, d))
		}
		tm := toTime(z)
		if tm.Year() != y || int(tm.Month()) != m || tm.Day() != d || int(tm.Weekday()) != weekday(z) {
			t.Fatalf("day %d: %v vs %d-%d-%d wd %d", z, tm, y, m, d, weekday(z))
		}
	}
}
