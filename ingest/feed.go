package ingest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
	"github.com/sitrep-dev/sitrep/doc"
)

// readFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed; every item is a document. The channel title
// is the source, the item's published (else updated) time its date, its link the URL; the text is the
// item's content (else its description) reduced from HTML to plain text. An item without text, or
// with more than MaxDocBytes of it, is a RecordError.
//
// Entity bombs cannot go off: the XML decoder gofeed uses does not expand entities a DTD declares
// (they stay as literal "&name;" text) and never fetches external ones.
func readFeed(r io.Reader, in input, opt Options) ([]doc.Document, []RecordError, error) {
	raw, err := readLimited(r, feedLimit(opt), feedLimitName)
	if err != nil {
		return nil, nil, err
	}
	b, err := decodeFeedBytes(raw)
	if err != nil {
		return nil, nil, err
	}
	feed, err := parseFeed(b)
	if err != nil {
		return nil, nil, err
	}
	source := sourceOr(htmlText(feed.Title), opt.Source, in.base, "stdin")
	var docs []doc.Document
	var bad []RecordError
	var ids idTracker
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		id := itemName(it, i)
		text := htmlText(it.Content)
		if text == "" {
			text = htmlText(it.Description)
		}
		if text == "" {
			bad = append(bad, RecordError{Path: in.name, Err: fmt.Errorf("item %d (%s): %w", i+1, id, ErrNoText)})
			continue
		}
		if len(text) > opt.maxDoc() {
			bad = append(bad, RecordError{Path: in.name, Err: fmt.Errorf("item %d (%s): text %w", i+1, id, tooLarge(opt.maxDoc(), docLimit))})
			continue
		}
		published, dated := opt.Published, true
		switch {
		case it.PublishedParsed != nil && !it.PublishedParsed.IsZero():
			published = *it.PublishedParsed
		case it.UpdatedParsed != nil && !it.UpdatedParsed.IsZero():
			published = *it.UpdatedParsed
		default:
			dated = false
		}
		if dated {
			if err := opt.checkFuture(published); err != nil {
				bad = append(bad, RecordError{Path: in.name, Err: fmt.Errorf("item %d (%s): %w", i+1, id, err)})
				continue
			}
		}
		docs = append(docs, newDoc(source, it.Link, htmlText(it.Title), published, text, in.name+"#"+id))
		for _, w := range []error{ids.check(foldLine(it.GUID), fmt.Sprintf("item %d", i+1), text), languageWarning(text)} {
			if w != nil {
				opt.warn(RecordError{Path: in.name, Err: fmt.Errorf("item %d (%s): %w", i+1, id, w)})
			}
		}
	}
	return docs, bad, nil
}

// itemName names a feed item for Origin and messages: its GUID, else its link, else "item-N".
func itemName(it *gofeed.Item, i int) string {
	if s := foldLine(it.GUID); s != "" {
		return s
	}
	if s := foldLine(it.Link); s != "" {
		return s
	}
	return "item-" + strconv.Itoa(i+1)
}

var xmlDeclEncoding = regexp.MustCompile(`^(<\?xml[^>]*?encoding\s*=\s*)("[^"]*"|'[^']*')`)

// decodeFeedBytes refuses empty and binary input and decodes a UTF-16 byte-order mark. Once the
// bytes are UTF-8, the XML declaration must say so, or the decoder would convert them again.
func decodeFeedBytes(raw []byte) ([]byte, error) {
	if len(raw) == 0 {
		return nil, ErrEmpty
	}
	b, bomLen, _ := decodeBOM(raw)
	if looksBinary(b) {
		return nil, ErrBinary
	}
	if bomLen > 0 {
		b = xmlDeclEncoding.ReplaceAll(b, []byte(`${1}"UTF-8"`))
	}
	return b, nil
}

// parseFeed detects the feed type on the whole input (gofeed.Parser.Parse only looks at the first
// 4 KiB, so a feed after a long comment or DOCTYPE would not be recognised) and parses it. A panic
// inside gofeed becomes an error.
func parseFeed(b []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("%w: %v", errExtractorPanic, p)
		}
	}()
	switch gofeed.DetectFeedType(bytes.NewReader(b)) {
	case gofeed.FeedTypeRSS:
		f, err := (&rss.Parser{}).Parse(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("parsing RSS: %w", err)
		}
		return (&gofeed.DefaultRSSTranslator{}).Translate(f)
	case gofeed.FeedTypeAtom:
		f, err := (&atom.Parser{}).Parse(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("parsing Atom: %w", err)
		}
		return (&gofeed.DefaultAtomTranslator{}).Translate(f)
	case gofeed.FeedTypeJSON:
		// JSON Feed is not one of the formats these extensions promise, and gofeed v1.4.2's JSON
		// translator dereferences nil on an item that is null.
		return nil, fmt.Errorf("%w: JSON Feed is not supported (convert it to JSONL)", ErrNotFeed)
	}
	return nil, notFeed(b)
}

func notFeed(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%w: only white space", ErrNotFeed)
	}
	return fmt.Errorf("%w: no <rss>, <rdf:RDF> or <feed> root element", ErrNotFeed)
}
