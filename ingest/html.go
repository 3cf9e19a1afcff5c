package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/sitrep-dev/sitrep/doc"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readHTML reads a web page as one document: the article text as go-trafilatura finds it (no
// navigation, sidebars, footers, cookie banners or comments), the title, the publication date and
// the site name from the page's metadata.
func readHTML(r io.Reader, in input, opt Options) ([]doc.Document, []RecordError, error) {
	raw, err := readLimited(r, opt.maxDoc(), docLimit)
	if err != nil {
		return nil, nil, err
	}
	page, err := decodeHTMLBytes(raw)
	if err != nil {
		return nil, nil, err
	}
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		// x/net/html refuses more than 512 nested elements, which also keeps the recursive
		// extractor below within bounds.
		return nil, nil, fmt.Errorf("parsing HTML: %w", err)
	}
	res, err := extractArticle(root)
	if err != nil {
		return nil, nil, err
	}
	text := ""
	if res.ContentNode != nil {
		var buf bytes.Buffer
		if err := html.Render(&buf, res.ContentNode); err == nil {
			text = htmlText(buf.String())
		}
	}
	if text == "" {
		text = cleanText(res.ContentText)
	}
	if text == "" {
		return nil, nil, fmt.Errorf("%w: no article text found in the page", ErrNoText)
	}
	md := res.Metadata
	published := opt.Published
	if !md.Date.IsZero() {
		// The date is the extractor's reading of the page's metadata, not a field the user
		// wrote: one that cannot be right is dropped, not the page.
		if err := opt.checkFuture(md.Date); err != nil {
			opt.warn(RecordError{Path: in.name, Err: fmt.Errorf("page date ignored: %w", err)})
		} else {
			published = md.Date
		}
	}
	if w := languageWarning(text); w != nil {
		opt.warn(RecordError{Path: in.name, Err: w})
	}
	source := sourceOr(md.Sitename, opt.Source, in.base, "stdin")
	return []doc.Document{newDoc(source, md.URL, md.Title, published, text, in.name)}, nil, nil
}

// decodeHTMLBytes turns page bytes into UTF-8: a byte-order mark decides first, then valid UTF-8 is
// taken as is, and anything else is decoded by the page's declared charset (windows-1252 when none).
func decodeHTMLBytes(raw []byte) (string, error) {
	if len(raw) == 0 {
		return "", ErrEmpty
	}
	b, _, converted := decodeBOM(raw)
	if looksBinary(b) {
		return "", ErrBinary
	}
	if converted || utf8.Valid(b) {
		return string(b), nil
	}
	enc, _, _ := charset.DetermineEncoding(b, "text/html")
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decoding page: %w", err)
	}
	return string(out), nil
}

// extractArticle runs the extractor, turning a panic inside it into an error: hostile pages must
// not take the whole ingest down.
func extractArticle(root *html.Node) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%w: %v", errExtractorPanic, p)
		}
	}()
	cfg := trafilatura.DefaultConfig()
	// With the default (250 characters) a shorter article is thrown away for the "baseline"
	// rescue, which flattens it into one paragraph and, on pages without an <article>, mixes the
	// navigation into the text ("HomepageWorldwide newsTwo soldiers were killed..."). Zero turns
	// that rescue off: short articles keep their paragraphs, and a page the extractor cannot read
	// is an error instead of a heap of menu words.
	cfg.MinExtractedSize = 0
	res, err = trafilatura.ExtractDocument(root, trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		// Fast: dates from metadata (article:published_time, JSON-LD, ...) and the page's own
		// date markup, without the slow free-text date parser.
		HtmlDateMode: trafilatura.Fast,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: no article text found in the page (%v)", ErrNoText, err)
	}
	return res, nil
}
