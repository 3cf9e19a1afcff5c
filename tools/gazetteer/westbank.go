package main

// westBankSettlements are the West Bank settlements GeoNames files under Israel (country IL, by
// their ASCII names). Conflict monitors, the UN and sitrep's users place events there in the
// Palestinian territory: a settler attack near Talmon is in the West Bank, not in Israel. Shilat,
// the moshav on the Israeli side of the line next to them, is not among them.
var westBankSettlements = map[string]bool{
	"Hashmonaim": true, "Kfar NaOranim": true, "Modiin Ilit": true, "Nili": true, "Na'ale": true,
	"Kiryat Netafim": true, "Revava": true, "Beit Horon": true, "Har Adar": true, "Dolev": true,
	"Talmon": true, "Nahliel": true, "El'azar": true, "Giv'on HaHadasha": true, "Ariel": true,
	"Nahal Teqoa'": true, "Kokhav HaShahar": true, "Mizpe Yeriho": true,
}

// recodeWestBank files the settlements of westBankSettlements under the West Bank (PS.WE).
func recodeWestBank(ps []place) int {
	n := 0
	for i := range ps {
		p := &ps[i]
		if p.cc == "IL" && westBankSettlements[p.ascii] && p.lat > 31.3 && p.lat < 32.6 && p.lon > 34.9 && p.lon < 35.6 {
			p.cc, p.adm1, p.adm2, p.refiled = "PS", "WE", "", true
			n++
		}
	}
	return n
}
