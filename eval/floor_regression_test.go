package eval_test

import (
	"github.com/sitrep-dev/sitrep/doc"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/extract"
)

// sharedEval is where CI and developers have the gold data: ../shared/eval beside the repository.
const sharedEval = "../../shared/eval"

// TestHeldOutFiguresStayAboveFloor runs the full extractor on the held-out gold sets and fails when
// any figure falls more than 0.02 below eval/floor.json. A user's clone has no gold data: there the
// test skips, saying so.
func TestHeldOutFiguresStayAboveFloor(t *testing.T) {
	if _, err := os.Stat(sharedEval); err != nil {
		t.Skipf("no gold data at %s (only CI and developers have it): %v", sharedEval, err)
	}
	floor, err := eval.LoadFloor("floor.json")
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	var reports []eval.Report
	for _, set := range eval.HeldOut {
		r, err := eval.RunCollection(filepath.Join(sharedEval, set), "", func(docs []doc.Document) eval.Extractor {
			return x.WithPrior(x.CollectionPrior(docs)).Extract
		})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r)
	}
	for _, f := range eval.CheckFloor(reports, floor, eval.DefaultTolerance) {
		t.Error(f)
	}
}
