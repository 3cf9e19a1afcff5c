package when

import "time"

// Days are counted from 1970-01-01 (day 0); all arithmetic is on these integers and only the
// results become time.Time.

// civil returns the day number of y-m-d (proleptic Gregorian; m and d must be in range).
func civil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// ymd is the inverse of civil.
func ymd(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// weekday of day z, Sunday = 0 (1970-01-01 was a Thursday).
func weekday(z int) int { return ((z % 7) + 7 + 4) % 7 }

// monday is the Monday on or before z: weeks run Monday to Sunday (ISO 8601).
func monday(z int) int { return z - (weekday(z)+6)%7 }

func dayOf(t time.Time) int {
	y, m, d := t.Date()
	return civil(y, int(m), d)
}

func toTime(z int) time.Time { return time.Unix(int64(z)*86400, 0).UTC() }

// addMonths returns the year and month k months after y-m.
func addMonths(y, m, k int) (int, int) {
	n := y*12 + (m - 1) + k
	return floorDiv(n, 12), n - floorDiv(n, 12)*12 + 1
}

func monthRange(y, m int) (int, int) { return civil(y, m, 1), civil(y, m, daysIn(y, m)) }
func yearRange(y int) (int, int)     { return civil(y, 1, 1), civil(y, 12, 31) }
