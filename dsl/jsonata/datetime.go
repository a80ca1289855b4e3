package jsonata

// The date/time and integer-picture built-in functions: $fromMillis,
// $toMillis, $now, $millis, $formatInteger and $parseInteger. Pictures are
// those of XPath F&O 3.1 fn:format-dateTime and fn:format-integer, as the
// reference implementation (jsonata-js) interprets them, quirks included.
// Date arithmetic follows JavaScript's Date in UTC: time values are
// milliseconds since the epoch, limited to ±8.64e15, and Date.UTC maps
// the years 0 to 99 to 1900 to 1999.

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// defineDateTime defines built-in functions; builtins calls it, once.
func defineDateTime() {
	def("formatInteger", func(_ *evaluator, a []any, pos int) (any, error) {
		v, ok, err := numArg("formatInteger", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		pic, err := pictureArg("formatInteger", a, 1, pos)
		if err != nil {
			return nil, err
		}
		f, err := analyseIntPicture(pic, pos)
		if err != nil {
			return nil, err
		}
		return formatIntPicture(math.Floor(v), f, pos)
	})
	def("parseInteger", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("parseInteger", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		pic, err := pictureArg("parseInteger", a, 1, pos)
		if err != nil {
			return nil, err
		}
		f, err := analyseIntPicture(pic, pos)
		if err != nil {
			return nil, err
		}
		m, err := intMatcherFor(f, pos)
		if err != nil {
			return nil, err
		}
		// Like the reference, the text is not checked against the
		// picture: it is read as far as it can be.
		v, _, err := m.parse(s)
		return v, err
	})
	def("fromMillis", func(ev *evaluator, a []any, pos int) (any, error) {
		ms, ok, err := numArg("fromMillis", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		pic, tz, err := pictureAndZone("fromMillis", a, pos)
		if err != nil {
			return nil, err
		}
		return formatDateTime(ms, pic, tz, pos)
	})
	def("toMillis", func(ev *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("toMillis", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		pic, hasPic, err := strArg("toMillis", a, 1, pos)
		if err != nil {
			return nil, err
		}
		if !hasPic {
			return parseISOTimestamp(s, pos)
		}
		return parseDateTime(s, pic, evalClock(ev), pos)
	})
	def("now", func(ev *evaluator, a []any, pos int) (any, error) {
		pic, tz, err := pictureAndZone("now", append([]any{nil}, a...), pos)
		if err != nil {
			return nil, err
		}
		return formatDateTime(evalClock(ev), pic, tz, pos)
	})
	def("millis", func(ev *evaluator, _ []any, _ int) (any, error) {
		return evalClock(ev), nil
	})
}

// evalClock is the time of the evaluation, in milliseconds since the
// epoch, that $now, $millis and the defaults of $toMillis use: as in the
// reference, one instant for the whole evaluation.
func evalClock(ev *evaluator) float64 {
	if ev.now.IsZero() {
		ev.now = time.Now()
	}
	return float64(ev.now.UnixMilli())
}

// pictureArg returns argument i, a picture string that must be given.
func pictureArg(name string, a []any, i, pos int) (string, error) {
	s, ok, err := strArg(name, a, i, pos)
	if err == nil && !ok {
		err = rterr("T0410", pos, "argument %d of function %q does not match function signature", i+1, name)
	}
	return s, err
}

// pictureAndZone returns the optional picture and timezone arguments (the
// second and third) of $fromMillis; nil for those not given.
func pictureAndZone(name string, a []any, pos int) (pic, tz *string, err error) {
	for i, p := range []**string{&pic, &tz} {
		s, ok, err := strArg(name, a, i+1, pos)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			*p = &s
		}
	}
	return pic, tz, nil
}

// dtFail is an error the reference implementation raises without a code
// (a JavaScript TypeError) for a picture it cannot apply.
func dtFail(pos int, format string, args ...any) *RuntimeError {
	return rterr("D3137", pos, format, args...)
}

// ---------------------------------------------------------------------
// JavaScript Date arithmetic (UTC).

const msPerDay = 86400000.0

func dtFinite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// daysFromCivil is the number of days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar (month 1 to 12).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// makeDay is ECMAScript's MakeDay: the day number of a year, month (0 is
// January; others roll over) and date.
func makeDay(year, month, date float64) float64 {
	if !dtFinite(year, month, date) {
		return math.NaN()
	}
	y, m, dt := math.Trunc(year), math.Trunc(month), math.Trunc(date)
	ym := y + math.Floor(m/12)
	if math.Abs(ym) > 1e9 {
		return math.NaN()
	}
	mn := math.Mod(m, 12)
	if mn < 0 {
		mn += 12
	}
	return float64(daysFromCivil(int64(ym), int64(mn)+1, 1)) + dt - 1
}

// makeTime is ECMAScript's MakeTime.
func makeTime(h, m, s, ms float64) float64 {
	if !dtFinite(h, m, s, ms) {
		return math.NaN()
	}
	t := float64(math.Trunc(h) * 3600000)
	t += float64(math.Trunc(m) * 60000)
	t += float64(math.Trunc(s) * 1000)
	return t + math.Trunc(ms)
}

// makeDate is ECMAScript's MakeDate.
func makeDate(day, t float64) float64 {
	if !dtFinite(day, t) {
		return math.NaN()
	}
	return float64(day*msPerDay) + t
}

// timeClip is ECMAScript's TimeClip: NaN outside the range of dates.
func timeClip(t float64) float64 {
	if !dtFinite(t) || math.Abs(t) > 8.64e15 {
		return math.NaN()
	}
	return math.Trunc(t) + 0
}

// jsDateUTC is JavaScript's Date.UTC.
func jsDateUTC(y, mo, d, h, mi, s, ms float64) float64 {
	if math.IsNaN(y) {
		return math.NaN()
	}
	if yi := math.Trunc(y); yi >= 0 && yi <= 99 {
		y = 1900 + yi
	}
	return timeClip(makeDate(makeDay(y, mo, d), makeTime(h, mi, s, ms)))
}

// jsDate is a JavaScript Date read in UTC; every field is NaN for an
// invalid date.
type jsDate struct {
	t                                             float64
	year, month, day, hour, minute, second, milli float64 // month 0 is January
	wday                                          float64 // 0 is Sunday
}

func newJSDate(t float64) jsDate {
	t = timeClip(t)
	if math.IsNaN(t) {
		n := math.NaN()
		return jsDate{n, n, n, n, n, n, n, n, n}
	}
	days := math.Floor(t / msPerDay)
	ms := int64(t - days*msPerDay)
	y, m, d := civilFromDays(int64(days))
	wday := math.Mod(days+4, 7)
	if wday < 0 {
		wday += 7
	}
	return jsDate{
		t: t, year: float64(y), month: float64(m - 1), day: float64(d),
		hour: float64(ms / 3600000), minute: float64(ms / 60000 % 60),
		second: float64(ms / 1000 % 60), milli: float64(ms % 1000), wday: wday,
	}
}

// startOfFirstWeek is the start of the first week of a month (or of the
// year, for month 0): the Monday of the week holding its first Thursday.
func startOfFirstWeek(year, month float64) float64 {
	first := jsDateUTC(year, month, 1, 0, 0, 0, 0)
	dow := newJSDate(first).wday
	if dow == 0 {
		dow = 7
	}
	if dow > 4 {
		return first + (8-dow)*msPerDay
	}
	return first - (dow-1)*msPerDay
}

func deltaWeeks(start, end float64) float64 {
	return (end-start)/(msPerDay*7) + 1
}

// dtFragment is the value of a date/time component: a number, a string, or
// nothing (for a component that has no value).
type dtFragment struct {
	num   float64
	str   string
	isStr bool
	none  bool
}

var (
	dayNames   = []string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
)

// dateFragment returns component c of the date.
func dateFragment(d jsDate, c string) dtFragment {
	num := func(v float64) dtFragment { return dtFragment{num: v} }
	switch c {
	case "Y":
		return num(d.year)
	case "M":
		return num(d.month + 1)
	case "D":
		return num(d.day)
	case "d":
		today := jsDateUTC(d.year, d.month, d.day, 0, 0, 0, 0)
		firstJan := jsDateUTC(d.year, 0, 1, 0, 0, 0, 0)
		return num((today-firstJan)/msPerDay + 1)
	case "F":
		if d.wday == 0 {
			return num(7)
		}
		return num(d.wday)
	case "W":
		start := startOfFirstWeek(d.year, 0)
		today := jsDateUTC(d.year, d.month, d.day, 0, 0, 0, 0)
		week := deltaWeeks(start, today)
		if week > 52 {
			if today >= startOfFirstWeek(d.year+1, 0) {
				week = 1
			}
		} else if week < 1 {
			week = deltaWeeks(startOfFirstWeek(d.year-1, 0), today)
		}
		return num(math.Floor(week))
	case "w":
		start := startOfFirstWeek(d.year, d.month)
		today := jsDateUTC(d.year, d.month, d.day, 0, 0, 0, 0)
		week := deltaWeeks(start, today)
		if week > 4 {
			ny, nm := nextMonth(d.year, d.month)
			if today >= startOfFirstWeek(ny, nm) {
				week = 1
			}
		} else if week < 1 {
			py, pm := prevMonth(d.year, d.month)
			week = deltaWeeks(startOfFirstWeek(py, pm), today)
		}
		return num(math.Floor(week))
	case "X":
		switch {
		case d.t < startOfFirstWeek(d.year, 0):
			return num(d.year - 1)
		case d.t >= startOfFirstWeek(d.year+1, 0):
			return num(d.year + 1)
		}
		return num(d.year)
	case "x":
		ny, nm := nextMonth(d.year, d.month)
		switch {
		case d.t < startOfFirstWeek(d.year, d.month):
			_, pm := prevMonth(d.year, d.month)
			return num(pm + 1)
		case d.t >= startOfFirstWeek(ny, nm):
			return num(nm + 1)
		}
		return num(d.month + 1)
	case "H":
		return num(d.hour)
	case "h":
		h := math.Mod(d.hour, 12)
		if h == 0 {
			h = 12
		}
		return num(h)
	case "P":
		if d.hour >= 12 {
			return dtFragment{str: "pm", isStr: true}
		}
		return dtFragment{str: "am", isStr: true}
	case "m":
		return num(d.minute)
	case "s":
		return num(d.second)
	case "f":
		return num(d.milli)
	case "C", "E":
		return dtFragment{str: "ISO", isStr: true}
	}
	return dtFragment{none: true}
}

func nextMonth(y, m float64) (float64, float64) {
	if m == 11 {
		return y + 1, 0
	}
	return y, m + 1
}

func prevMonth(y, m float64) (float64, float64) {
	if m == 0 {
		return y - 1, 11
	}
	return y, m - 1
}

// ---------------------------------------------------------------------
// Date/time pictures.

// dtMarker is a variable marker of a date/time picture, "[Y0001]".
type dtMarker struct {
	comp   string // the component specifier, Y, M, D, ...
	pres1  string // the first presentation modifier
	pres2  string // the second: a, t, c or o
	names  letterCase
	width  bool // a width modifier is present
	minSet bool
	maxSet bool
	min    float64 // may be NaN for a malformed width
	max    float64
	intFmt *intPicture
	n      float64 // for Y: the number of digits kept, -1 for all
}

// dtPart is a literal or a variable marker of a date/time picture.
type dtPart struct {
	literal string
	m       *dtMarker
}

var defaultPresentation = map[string]string{
	"Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1",
	"H": "1", "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01",
	"C": "n", "E": "n",
}

// isoPicture is the picture of $fromMillis and $now without one.
const isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

// analyseDateTimePicture splits a date/time picture into literals and
// variable markers.
func analyseDateTimePicture(picture string, pos int) ([]dtPart, error) {
	var parts []dtPart
	addLiteral := func(s string) {
		if s != "" {
			parts = append(parts, dtPart{literal: strings.ReplaceAll(s, "]]", "]")})
		}
	}
	start, i := 0, 0
	for i < len(picture) {
		if picture[i] != '[' {
			i++
			continue
		}
		if i+1 < len(picture) && picture[i+1] == '[' {
			addLiteral(picture[start:i])
			parts = append(parts, dtPart{literal: "["})
			i += 2
			start = i
			continue
		}
		addLiteral(picture[start:i])
		end := strings.IndexByte(picture[i:], ']')
		if end < 0 {
			return nil, rterr("D3135", pos, "no matching closing bracket ']' in date/time picture string")
		}
		end += i
		// White space within a variable marker is ignored.
		marker := strings.Map(func(r rune) rune {
			if isJSSpace(r) {
				return -1
			}
			return r
		}, picture[i+1:end])
		m, err := analyseMarker(marker, pos)
		if err != nil {
			return nil, err
		}
		if m.intFmt != nil && strings.Contains("YMDdFWwXxHhmsf", m.comp) && m.names == caseNone && len(parts) > 0 {
			// An integer component straight after another: the first
			// must have a fixed width to be parsed.
			if prev := parts[len(parts)-1].m; prev != nil && prev.intFmt != nil {
				prev.intFmt.parseWidth = prev.intFmt.mandatory
			}
		}
		if m.comp == "Z" || m.comp == "z" {
			if m.intFmt, err = analyseIntPicture(m.pres1, pos); err != nil {
				return nil, err
			}
		}
		parts = append(parts, dtPart{m: m})
		start = end + 1
		i = end + 1
	}
	addLiteral(picture[start:])
	return parts, nil
}

// analyseMarker interprets the text of a variable marker (without the
// brackets and white space): component, presentation modifiers, width.
func analyseMarker(marker string, pos int) (*dtMarker, error) {
	m := &dtMarker{n: -1}
	first, size := utf8.DecodeRuneInString(marker)
	if marker != "" {
		m.comp = string(first)
	}
	presMod := marker[size:]
	if comma := strings.LastIndex(marker, ","); comma >= 0 {
		width := marker[comma+1:]
		minText, maxText, hasMax := width, "", false
		if dash := strings.Index(width, "-"); dash >= 0 {
			minText, maxText, hasMax = width[:dash], width[dash+1:], true
		}
		m.width = true
		if minText != "*" {
			m.minSet, m.min = true, jsParseInt(minText)
		}
		if hasMax && maxText != "*" {
			m.maxSet, m.max = true, jsParseInt(maxText)
		}
		if comma == 0 {
			// JavaScript's substring(1, 0) is substring(0, 1).
			presMod = marker[:size]
		} else {
			presMod = marker[size:comma]
		}
	}
	switch n := utf8.RuneCountInString(presMod); {
	case n == 1:
		m.pres1 = presMod
	case n > 1:
		last, lsize := utf8.DecodeLastRuneInString(presMod)
		if strings.ContainsRune("atco", last) {
			m.pres2 = string(last)
			m.pres1 = presMod[:len(presMod)-lsize]
		} else {
			m.pres1 = presMod
		}
	default:
		p, ok := defaultPresentation[m.comp]
		if !ok {
			return nil, rterr("D3132", pos, "unknown component specifier %s in date/time picture string", m.comp)
		}
		m.pres1 = p
	}
	switch {
	case strings.HasPrefix(m.pres1, "n"):
		m.names = caseLower
	case strings.HasPrefix(m.pres1, "N"):
		m.names = caseUpper
		if strings.HasPrefix(m.pres1[1:], "n") {
			m.names = caseTitle
		}
	case m.comp != "" && strings.Contains("YMDdFWwXxHhmsf", m.comp):
		pattern := m.pres1
		if m.pres2 != "" {
			pattern += ";" + m.pres2
		}
		f, err := analyseIntPicture(pattern, pos)
		if err != nil {
			return nil, err
		}
		m.intFmt = f
		// Only decimal-digit patterns have a number of digits.
		decimal := f.style == styleDecimal
		if decimal && m.minSet && f.mandatory < m.min {
			f.mandatory = m.min
		}
		if m.comp == "Y" {
			if m.maxSet {
				m.n = m.max
				f.mandatory = m.n
			} else if w := f.mandatory + float64(f.optional); decimal && w >= 2 {
				m.n = w
			}
		}
	}
	return m, nil
}

// formatDateTime formats a time value with a picture (nil for ISO 8601) in
// a timezone given as ±HHMM (nil for UTC).
func formatDateTime(millis float64, picture, tz *string, pos int) (any, error) {
	offHours, offMinutes := 0.0, 0.0
	if tz != nil {
		off := jsParseInt(*tz)
		offHours = math.Floor(off / 100)
		offMinutes = math.Mod(off, 100)
	}
	pic := isoPicture
	if picture != nil {
		pic = *picture
	}
	parts, err := analyseDateTimePicture(pic, pos)
	if err != nil {
		return nil, err
	}
	date := newJSDate(millis + (60*offHours+offMinutes)*60000)
	var b strings.Builder
	for _, p := range parts {
		if p.m == nil {
			b.WriteString(p.literal)
			continue
		}
		s, err := formatMarker(date, p.m, offHours, offMinutes, pos)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func formatMarker(date jsDate, m *dtMarker, offHours, offMinutes float64, pos int) (string, error) {
	frag := dateFragment(date, m.comp)
	switch {
	case m.comp != "" && strings.Contains("YMDdFWwXxHhms", m.comp):
		v := frag.num
		if m.comp == "Y" && m.n != -1 {
			v = math.Mod(v, math.Pow(10, m.n))
		}
		if m.names == caseNone {
			return formatIntPicture(v, m.intFmt, pos)
		}
		var names []string
		switch m.comp {
		case "M", "x":
			names, v = monthNames, v-1
		case "F":
			names = dayNames
		default:
			return "", rterr("D3133", pos, "the 'name' modifier can only be applied to months and days in the date/time picture string, not %s", m.comp)
		}
		if v < 0 || v >= float64(len(names)) || v != math.Trunc(v) {
			if m.names == caseTitle && !m.width {
				return "undefined", nil
			}
			return "", dtFail(pos, "no name for the %s component of an invalid date", m.comp)
		}
		name := names[int(v)]
		switch m.names {
		case caseUpper:
			name = strings.ToUpper(name)
		case caseLower:
			name = strings.ToLower(name)
		}
		if m.width && m.maxSet && float64(len(name)) > m.max {
			name = name[:max(int(m.max), 0)]
		}
		return name, nil
	case m.comp == "f":
		if m.intFmt == nil {
			return "", dtFail(pos, "the f component cannot be written as a name")
		}
		return formatIntPicture(frag.num, m.intFmt, pos)
	case m.comp == "Z" || m.comp == "z":
		offset := offHours*100 + offMinutes
		var s string
		var err error
		f := m.intFmt
		switch {
		case f.regular:
			s, err = formatIntPicture(offset, f, pos)
		case f.style == styleDecimal && (f.mandatory == 1 || f.mandatory == 2):
			s, err = formatIntPicture(offHours, f, pos)
			if err == nil && offMinutes != 0 {
				var mins string
				two, _ := analyseIntPicture("00", pos)
				mins, err = formatIntPicture(math.Floor(offMinutes), two, pos)
				s += ":" + mins
			}
		case f.style == styleDecimal && (f.mandatory == 3 || f.mandatory == 4):
			s, err = formatIntPicture(offset, f, pos)
		default:
			return "", rterr("D3134", pos, "the timezone integer format specifier cannot have more than four digits")
		}
		if err != nil {
			return "", err
		}
		if offset >= 0 {
			s = "+" + s
		}
		if m.comp == "z" {
			s = "GMT" + s
		}
		if offset == 0 && m.pres2 == "t" {
			s = "Z"
		}
		return s, nil
	case m.comp == "P":
		if m.names == caseUpper {
			return strings.ToUpper(frag.str), nil
		}
		return frag.str, nil
	}
	switch {
	case frag.isStr:
		return frag.str, nil
	case frag.none:
		return "undefined", nil
	}
	return jsNumberString(frag.num), nil
}

// ---------------------------------------------------------------------
// Parsing timestamps.

// isoTimestamp is the form $toMillis accepts without a picture.
var isoTimestamp = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4})(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`)
}) // compiled on first use

// parseISOTimestamp reads an ISO 8601 timestamp as JavaScript's Date.parse
// does; one without a timezone is read as UTC.
func parseISOTimestamp(s string, pos int) (any, error) {
	g := isoTimestamp().FindStringSubmatch(s)
	if g == nil {
		return nil, rterr("D3110", pos, "the argument of the toMillis function must be an ISO 8601 formatted timestamp. Given %s", s)
	}
	atoi := func(s string) float64 {
		v, _ := strconv.Atoi(s)
		return float64(v)
	}
	nan := math.NaN()
	year, month, day := atoi(g[1]), 1.0, 1.0
	if g[2] != "" {
		month = atoi(g[2][1:])
	}
	if g[3] != "" {
		day = atoi(g[3][1:])
	}
	hasTime := g[4] != ""
	if !hasTime && (g[5] != "" || g[6] != "" && g[6] != "Z") {
		return nan, nil
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return nan, nil
	}
	var h, mi, sec, ms float64
	if hasTime {
		h, mi, sec = atoi(g[4][1:3]), atoi(g[4][4:6]), atoi(g[4][7:9])
	}
	if g[5] != "" {
		frac := (g[5][1:] + "00")[:3]
		ms = atoi(frac)
	}
	if h > 24 || h == 24 && (mi != 0 || sec != 0 || ms != 0) {
		return nan, nil
	}
	offset := 0.0
	if z := g[6]; z != "" && z != "Z" {
		zh, zm := atoi(z[1:3]), atoi(z[len(z)-2:])
		if zh > 23 {
			return nan, nil
		}
		offset = zh*60 + zm
		if z[0] == '-' {
			offset = -offset
		}
	}
	t := makeDate(makeDay(year, month-1, day), makeTime(h, mi, sec, ms))
	return timeClip(t - offset*60000), nil
}

// dtValue is a component read from a timestamp; defined is false for a
// name that was not recognised.
type dtValue struct {
	num     float64
	str     string
	isStr   bool
	defined bool
}

// parseDateTime reads a timestamp with a date/time picture. Components
// missing before the first one given default to those of now; those
// after the last one given default to their lowest value.
func parseDateTime(s, picture string, now float64, pos int) (any, error) {
	parts, err := analyseDateTimePicture(picture, pos)
	if err != nil {
		return nil, err
	}
	var re strings.Builder
	re.WriteString("(?i)^")
	type reader struct {
		comp  string
		parse func(string) (float64, bool, error)
	}
	var readers []reader
	for _, p := range parts {
		if p.m == nil {
			re.WriteString("(" + regexp.QuoteMeta(p.literal) + ")")
			readers = append(readers, reader{})
			continue
		}
		rx, parse, err := markerMatcher(p.m, pos)
		if err != nil {
			return nil, err
		}
		re.WriteString("(" + rx + ")")
		readers = append(readers, reader{p.m.comp, parse})
	}
	re.WriteString("$")
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return nil, dtFail(pos, "the date/time picture %q cannot be used for parsing", picture)
	}
	match := rx.FindStringSubmatch(s)
	if match == nil {
		return undefined, nil
	}
	comps := map[string]dtValue{}
	for i, r := range readers {
		if r.parse != nil {
			v, ok, err := r.parse(match[i+1])
			if err != nil {
				return nil, err
			}
			comps[r.comp] = dtValue{num: v, defined: ok}
		}
	}
	if len(comps) == 0 {
		return undefined, nil
	}
	truthy := func(c string) bool {
		v := comps[c]
		if !v.defined {
			return false
		}
		if v.isStr {
			return v.str != ""
		}
		return v.num != 0 && !math.IsNaN(v.num)
	}
	maskOf := func(cs string) int {
		mask := 0
		for _, c := range cs {
			mask <<= 1
			if truthy(string(c)) {
				mask++
			}
		}
		return mask
	}
	// Which of the sets of components is given: {Y,M,D}, {Y,d}, {X,x,w,F}
	// or {X,W,F} for the date; {H,m,s,f} or {P,h,m,s,f} for the time.
	isType := func(typ, mask int) bool { return ^typ&mask == 0 && typ&mask != 0 }
	mask := maskOf("YXMxWwdD")
	dateA := isType(161, mask)
	dateB := !dateA && isType(130, mask)
	dateC := isType(84, mask)
	dateD := !dateC && isType(72, mask)
	mask = maskOf("PHhmsf")
	timeA := isType(23, mask)
	timeB := !timeA && isType(47, mask)

	order := "YMD"
	switch {
	case dateB:
		order = "YD"
	case dateC:
		order = "XxwF"
	case dateD:
		order = "XWF"
	}
	if timeB {
		order += "Phmsf"
	} else {
		order += "Hmsf"
	}
	nowDate := newJSDate(now)
	started, ended := false, false
	for _, c := range order {
		c := string(c)
		if comps[c].defined {
			started = true
			if ended {
				return nil, rterr("D3136", pos, "the date/time picture string is missing specifiers required to parse the timestamp")
			}
			continue
		}
		if started {
			v := 0.0
			if strings.Contains("MDd", c) {
				v = 1
			}
			comps[c] = dtValue{num: v, defined: true}
			ended = true
			continue
		}
		f := dateFragment(nowDate, c)
		comps[c] = dtValue{num: f.num, str: f.str, isStr: f.isStr, defined: !f.none}
	}
	num := func(c string) float64 {
		v := comps[c]
		if !v.defined || v.isStr {
			return math.NaN()
		}
		return v.num
	}
	month := 0.0
	if m := num("M"); m > 0 {
		month = m - 1
	}
	day := num("D")
	if dateB {
		firstJan := jsDateUTC(num("Y"), 0, 1, 0, 0, 0, 0)
		derived := newJSDate(firstJan + (num("d")-1)*msPerDay)
		month, day = derived.month, derived.day
	}
	if dateC || dateD {
		return nil, rterr("D3136", pos, "the date/time picture string is missing specifiers required to parse the timestamp")
	}
	hour := num("H")
	if timeB {
		hour = num("h")
		if hour == 12 {
			hour = 0
		}
		if p := comps["P"]; p.defined && !p.isStr && p.num == 1 {
			hour += 12
		}
	}
	millis := jsDateUTC(num("Y"), month, day, hour, num("m"), num("s"), num("f"))
	switch {
	case truthy("Z"):
		millis -= num("Z") * 60000
	case truthy("z"):
		millis -= num("z") * 60000
	}
	return millis, nil
}

// markerMatcher returns the regular expression that a marker's text
// matches in a timestamp, and how the text converts to the component.
func markerMatcher(m *dtMarker, pos int) (string, func(string) (float64, bool, error), error) {
	switch {
	case m.comp == "Z" || m.comp == "z":
		rx := "[-+][0-9]+"
		if m.comp == "z" {
			rx = "GMT" + rx
		}
		sep := ""
		if m.intFmt.regular {
			sep = m.intFmt.seps[0].ch
			rx += sep + "[0-9]+"
		}
		return rx, func(v string) (float64, bool, error) {
			if m.comp == "z" && len(v) >= 3 {
				v = v[3:]
			}
			var h, mins float64
			if sep != "" {
				i := strings.Index(v, sep)
				if i < 0 {
					h, mins = math.NaN(), jsParseInt(v)
				} else {
					h, mins = jsParseInt(v[:i]), jsParseInt(v[i+len(sep):])
				}
			} else if len(utf16.Encode([]rune(v)))-1 <= 2 {
				h = jsParseInt(v)
			} else {
				h, mins = jsParseInt(v[:3]), jsParseInt(v[3:])
			}
			return h*60 + mins, true, nil
		}, nil
	case m.comp == "f":
		return "[0-9]+", func(v string) (float64, bool, error) {
			if len(v) > 3 {
				v = v[:3]
			}
			f, _ := strconv.ParseFloat("0."+v, 64)
			return f * 1000, true, nil
		}, nil
	case m.intFmt != nil:
		im, err := intMatcherFor(m.intFmt, pos)
		if err != nil {
			return "", nil, err
		}
		return im.re, im.parse, nil
	}
	lookup := map[string]float64{}
	names := func(list []string, offset int) {
		for i, name := range list {
			if m.width && m.maxSet && m.max != 0 && !math.IsNaN(m.max) {
				name = name[:min(max(int(m.max), 0), len(name))]
			}
			lookup[name] = float64(i + offset)
		}
	}
	switch m.comp {
	case "M", "x":
		names(monthNames, 1)
	case "F":
		names(dayNames[1:], 1)
	case "P":
		lookup = map[string]float64{"am": 0, "AM": 0, "pm": 1, "PM": 1}
	default:
		return "", nil, rterr("D3133", pos, "the 'name' modifier can only be applied to months and days in the date/time picture string, not %s", m.comp)
	}
	return "[a-zA-Z]+", func(v string) (float64, bool, error) {
		n, ok := lookup[v]
		return n, ok, nil
	}, nil
}
