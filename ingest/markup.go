package ingest

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end a paragraph where they open and where they close.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Section: true, atom.Article: true, atom.Aside: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Nav: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true,
	atom.Address: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Body: true, atom.Html: true,
}

// skipTags hold no readable text. All are raw-text elements for the tokenizer, so their content
// arrives as one text token and an unclosed one cannot swallow the rest of the markup by mistake
// of ours (the tokenizer ends it at EOF at the latest).
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Noembed: true, atom.Noframes: true, atom.Title: true, atom.Textarea: true, atom.Xmp: true,
}

// htmlText turns an HTML fragment (a feed item's content, an extracted article) into clean text,
// one paragraph per block element; two <br> in a row also end a paragraph. Entities are decoded.
// A fragment without any tag is taken as plain text, so its blank lines still separate paragraphs.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return cleanText(html.UnescapeString(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	sawTag := false
	var raw strings.Builder // the same text with its own newlines, in case there was no tag at all
	skipping := atom.Atom(0)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if !sawTag {
				return cleanText(raw.String())
			}
			return cleanText(b.String())
		case html.TextToken:
			t := string(z.Text())
			raw.WriteString(t)
			if skipping != 0 {
				continue
			}
			// HTML whitespace, line breaks included, is one space (cleanText folds runs later).
			b.WriteString(strings.Map(htmlSpace, t))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == 0 && !bytes.ContainsAny(name, ":-") && skipping == 0 {
				// Not an HTML element, a namespaced one (<o:p>) or a custom one (<x-ad>): plain
				// text that only looks like a tag, as in a title "Talks resume in <Geneva>".
				t := html.UnescapeString(string(z.Raw()))
				raw.WriteString(t)
				b.WriteString(strings.Map(htmlSpace, t))
				continue
			}
			sawTag = true
			if tt == html.EndTagToken {
				if a == skipping {
					skipping = 0
				}
			} else if skipTags[a] && tt == html.StartTagToken {
				skipping = a
			}
			if skipping != 0 && a != skipping {
				continue
			}
			switch {
			case a == atom.Br:
				b.WriteByte('\n')
			case blockTags[a]:
				b.WriteString("\n\n")
			case a == atom.Td || a == atom.Th || a == atom.Img:
				b.WriteByte(' ')
			}
		case html.CommentToken, html.DoctypeToken:
			sawTag = true
		}
	}
}

// htmlSpace maps every line-breaking character to a space: in HTML only tags break lines.
func htmlSpace(r rune) rune {
	switch r {
	case '\n', '\r', '\u2028', '\u2029', '\u0085':
		return ' '
	}
	return r
}
