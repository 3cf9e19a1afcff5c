package geo

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"unicode/utf8"
)

// Keys. A name is looked up under the concatenation of its tokens' doc.Normalize forms with no
// separators ("Deir ez-Zor", "Deir Ezzor" → "deirezzor"), under the same with Arabic articles
// dropped ("al-Raqqa" → "raqqa"), and, when neither hits, under a phonetic skeleton of either
// (vowel and digraph variants folded, th and dh with d, doubled letters collapsed, a final
// -a/-ah/-i/-eh ending dropped): "Shaddadi" and "Ash Shaddādah" share the skeleton "shadad".

// articles are the forms of the Arabic definite article that transliterations write as a separate
// token ("al-Bab", "Ash Shaddadah", "Deir ez-Zor"), plus the Persian/Urdu izafe "e"/"i" as in
// "Mazar-i-Sharif" and "Sar-e Pol".
var articles = wordset.SetFrom(map[string]bool{
	"al": true, "el": true, "il": true, "ul": true, "ad": true, "ed": true, "ar": true, "er": true,
	"as": true, "es": true, "ash": true, "esh": true, "at": true, "et": true, "az": true, "ez": true,
	"an": true, "en": true, "ath": true, "adh": true, "aj": true,
	"e": true, "i": true,
})

// isArticle reports whether a normalised token is an article that may be dropped from a name
// (never the last token of a name).
func isArticle(norm string) bool { return articles.Has(norm) }

// appendSkeleton appends the phonetic skeleton of key (a concatenation of normalised tokens) to
// dst. It returns dst unchanged and false when key holds a letter it cannot fold to ASCII.
func appendSkeleton(dst []byte, key string) ([]byte, bool) {
	start := len(dst)
	// fold to ASCII lower-case letters
	var fold [128]byte
	f := fold[:0]
	for i := 0; i < len(key); {
		c := key[i]
		if c < 0x80 {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				f = append(f, c)
			} else if c >= 'A' && c <= 'Z' {
				f = append(f, c+'a'-'A')
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(key[i:])
		i += w
		switch r {
		case 'ı', 'ì', 'í', 'î', 'ï':
			f = append(f, 'i')
		case 'ø', 'ò', 'ó', 'ô', 'õ', 'ö':
			f = append(f, 'o')
		case 'ł':
			f = append(f, 'l')
		case 'đ', 'ð':
			f = append(f, 'd')
		case 'ħ':
			f = append(f, 'h')
		case 'ß':
			f = append(f, 's', 's')
		case 'æ':
			f = append(f, 'a', 'e')
		case 'œ':
			f = append(f, 'o', 'e')
		case 'þ':
			f = append(f, 't', 'h')
		case 'ŋ':
			f = append(f, 'n', 'g')
		case 'ə', 'à', 'á', 'â', 'ã', 'ä', 'å':
			f = append(f, 'a')
		case 'è', 'é', 'ê', 'ë':
			f = append(f, 'e')
		case 'ù', 'ú', 'û', 'ü':
			f = append(f, 'u')
		case 'ç':
			f = append(f, 'c')
		case 'ñ':
			f = append(f, 'n')
		default:
			return dst, false
		}
		if len(f) > 100 {
			return dst, false
		}
	}
	if len(f) == 0 {
		return dst, false
	}
	at := func(i int) byte {
		if i < len(f) {
			return f[i]
		}
		return 0
	}
	// rewrite vowels and digraphs
	for i := 0; i < len(f); {
		c, nx := f[i], at(i+1)
		switch {
		case c == 'o' && (nx == 'u' || nx == 'o'):
			dst = append(dst, 'u')
			i += 2
		case c == 'e' && nx == 'e':
			dst = append(dst, 'i')
			i += 2
		case (c == 'a' || c == 'e') && (nx == 'i' || nx == 'y'):
			dst = append(dst, 'a', 'y')
			i += 2
		case c == 'a' && nx == 'w' && !isVowel(at(i+2)):
			dst = append(dst, 'u')
			i += 2
		case c == 'e':
			dst = append(dst, 'a')
			i++
		case c == 'o':
			dst = append(dst, 'u')
			i++
		case c == 'q':
			dst = append(dst, 'k')
			i++
		case c == 'c' && nx == 'k':
			dst = append(dst, 'k')
			i += 2
		case c == 'c' && nx == 'h':
			dst = append(dst, 's', 'h')
			i += 2
		case c == 'p' && nx == 'h':
			dst = append(dst, 'f')
			i += 2
		case c == 't' && nx == 'h':
			// Arabic dhal is written th as often as dh ("Thiban", Dhībān)
			dst = append(dst, 'd')
			i += 2
		case c == 'd' && (nx == 'j' || nx == 'h'):
			if nx == 'j' {
				dst = append(dst, 'j')
			} else {
				dst = append(dst, 'd')
			}
			i += 2
		default:
			dst = append(dst, c)
			i++
		}
	}
	// collapse doubled letters
	out := start
	for i := start; i < len(dst); i++ {
		if out > start && dst[out-1] == dst[i] {
			continue
		}
		dst[out] = dst[i]
		out++
	}
	dst = dst[:out]
	// drop a vowel ending (-a, -ah, -i, -iya, -eh…), keeping at least three letters
	n := len(dst)
	if n-start > 3 && dst[n-1] == 'h' && isVowel(dst[n-2]) {
		n--
	}
	if n-start > 3 && isVowel(dst[n-1]) {
		n--
	}
	if n-start > 4 && dst[n-1] == 'y' && dst[n-2] == 'i' {
		n -= 2
	} else if n-start > 3 && dst[n-1] == 'y' {
		n--
	}
	return dst[:n], true
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
