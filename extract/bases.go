package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// baseAction is a base, post or headquarters set up: the ACLED sub-event "Headquarters or base
// established", as actions.tsv codes its fixed phrases ("established a base").
var baseAction = lexicon.Action{Type: "MOBILIZE", CAMEO: "", ACLEDType: "Strategic developments",
	ACLEDSubType: "Headquarters or base established", Specificity: 3}

// baseNouns are what a force sets up.
var baseNouns = wordset.SetFrom(map[string]bool{"base": true, "bases": true, "post": true, "posts": true, "outpost": true,
	"outposts": true, "barracks": true, "headquarters": true})

// baseSetUp returns the verb of "set up / established / built ... <base noun>" ("set up its 11th
// observation point", "established a number of barracks"), or -1.
func (s *sentence) baseSetUp() int {
	for k := range s.toks {
		n := s.norm(k)
		if !(n == "established" || n == "built" || n == "erected" || n == "set" && s.norm(k+1) == "up") {
			continue
		}
		for j := k + 1; j < len(s.toks) && j <= k+7; j++ {
			if j > k+1 && s.toks[j].Punct != "" {
				break
			}
			if m := s.norm(j); baseNouns.Has(m) || (m == "point" || m == "points") && s.norm(j-1) == "observation" {
				return k
			}
		}
	}
	return -1
}
