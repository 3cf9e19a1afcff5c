package ingest

import (
	"strings"
	"testing"
)

// Reports in several languages, for the language check and the catalogue of hostile inputs.
const (
	goodRecord = `{"id":"ok","source":"Test Wire","published":"2025-12-20","text":"Protesters rallied in Basra on Friday against power cuts."}`
	arabic     = "قصفت المدفعية الحكومية حي الشيخ مقصود في مدينة حلب يوم الأربعاء، مما أسفر عن مقتل أربعة مدنيين، بحسب ما أفاد مسعفون محليون في المدينة."
	russian    = "Российская ракета попала в пятиэтажный жилой дом в Харькове в понедельник утром, погибли три человека и ещё двенадцать получили ранения, сообщили местные власти."
	french     = "Au moins sept civils ont été tués et plus de vingt blessés lorsque des obus d'artillerie ont frappé un marché bondé dans la ville de Koverna vendredi matin, selon les autorités régionales."
	spanish    = "Al menos siete civiles murieron y más de veinte resultaron heridos cuando proyectiles de artillería impactaron en un mercado de la ciudad de Koverna el viernes por la mañana, según las autoridades."
	english    = "Government artillery shelled the Sheikh Maqsoud district of Aleppo on Wednesday, killing four civilians, local medics said."
)

func TestLanguageWarning(t *testing.T) {
	tests := []struct {
		name, text string
		warn       bool
	}{
		{"English report", english, false},
		{"English headline, few function words", "Russia strikes Kharkiv power grid overnight; Ukraine air force says 40 drones downed, 3 missiles hit energy sites", false},
		{"short text", "Взрывы в Харькове.", false},
		{"English with French names", "Le Monde and La Croix reported that the ministry of defence had said the strike on Saint-Denis de la Réunion was an error.", false},
		{"German", "Mindestens sieben Zivilisten wurden getötet und mehr als zwanzig verletzt, als Granaten einen Markt in der Stadt trafen, teilten die Behörden mit.", true},
		{"Italian", "Almeno sette civili sono stati uccisi e più di venti feriti quando proiettili di artiglieria hanno colpito un mercato nella città di Koverna.", true},
		{"Portuguese", "Pelo menos sete civis foram mortos e mais de vinte ficaram feridos quando projéteis atingiram um mercado lotado na cidade de Koverna.", true},
		{"Indonesian", "Sedikitnya tujuh warga sipil tewas dan lebih dari dua puluh terluka ketika peluru artileri menghantam pasar yang ramai di kota itu pada Jumat pagi.", true},
		{"French", french, true},
		{"Spanish", spanish, true},
		{"Russian", russian, true},
		{"Arabic", arabic, true},
		{"a long text is judged by its start", strings.Repeat(english+" ", 1000) + strings.Repeat(russian+" ", 1000), false},
	}
	for _, tt := range tests {
		if got := languageWarning(tt.text) != nil; got != tt.warn {
			t.Errorf("%s: warning %v, want %v (%v)", tt.name, got, tt.warn, languageWarning(tt.text))
		}
	}
}

// None of the project's own English reports draws a warning: the heuristic must stay quiet on
// real news prose.
func TestNoWarningsOnSampleReports(t *testing.T) {
	files, err := Walk([]string{"../testdata/corpus", "../testdata/fusion", "testdata"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		docs, _, _ := Read(f, Options{MaxLineBytes: 4096, Warn: func(e RecordError) { t.Errorf("warning: %v", e) }})
		n += len(docs)
	}
	if n < 150 {
		t.Errorf("read only %d reports", n)
	}
}
