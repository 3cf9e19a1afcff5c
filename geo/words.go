package geo

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/wordset"
)

func wordSet(s string) wordset.Set {
	return wordset.SetOf(strings.Fields(s)...)
}

// stopwords are normalised single words that are place names somewhere but, capitalised in English
// news, are nearly always something else: common words at the start of a sentence or in a title,
// months and days, titles and ranks, first names and surnames, organisations and demonyms. A
// stopword still matches when a type word follows ("Unity state") or precedes ("the town of
// Police").
var stopwords = wordSet(`
economy interior defence defense justice health education finance labour labor energy culture commerce
agriculture information foreign affairs trade industry transport housing tourism environment welfare
a an the of and or but in on at to by for from with near into over under after before about
this that these those there here then than when where while what who whom whose which why how
he she it we they you i his her its our their my your him them me us
is are was were be been being has have had do does did can could will would shall should may might must
not no yes all any some many much more most few other such each every both either neither
one two three four five six seven eight nine ten hundred thousand million
new old great little big small long high low good bad best last next first second third
north south east west northern southern eastern western central northeast northwest southeast southwest
northeastern northwestern southeastern southwestern centre center middle upper lower
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
spring summer autumn winter today yesterday tomorrow tonight morning evening night day week month year
president minister prime general colonel major captain lieutenant sergeant commander chief governor mayor
king queen prince princess sheikh sheik shaykh emir imam bishop pope father mother brother sister
mr mrs ms dr sir lord lady saint st mount mt fort ft port cape lake river sea bay gulf island islands
army police security forces force military militia troops soldiers government ministry council
parliament court office office agency authority authorities party front movement brigade brigades
division battalion regiment corps command group groups unit units committee union league
state states republic kingdom empire federation coalition alliance opposition rebels rebel regime
national international federal local regional independent united central popular democratic islamic
muslim christian jewish arab arabs kurdish kurds sunni shia shiite druze alawite yazidi
news press times post herald tribune journal daily guardian reuters afp ap bbc cnn associated
media radio television tv agency channel network report reports reported source sources official
officials spokesman spokeswoman statement
health hospital school university church mosque temple market airport station bridge road street
square park garden city town village camp base
victoria victory liberty freedom independence unity peace hope justice progress union concord
reading mobile nice bath split police of air sky land sea fire resistance molotov
hadi wadi jabal jebel tal tell tall ain ayn bir deir dayr kafr khan ras qasr bab bayt beit bani souq suq
hay hayy jisr nahr madina medina mazraa qarya harat
bank council navy guard guards service services mission organization organisation association foundation
institute college clinic prison palace building museum company corporation fund program programme project
operation operations campaign offensive battle war revolution uprising intifada commission administration
cabinet assembly congress senate house chamber embassy consulate crescent cross nations human rights watch
amnesty doctors borders save world food emergency relief refugees refugee commissioner special envoy
representative secretary staff defence defense interior foreign affairs finance education energy oil gas
petroleum electricity communications information observer observatory monitor studies research crisis
conflict truce ceasefire agreement accord deal treaty conference summit talks process plan initiative
resolution partnership confederation liberation salvation revolutionary mobilization mobilisation squad
legion fighters mujahideen jihad holy martyrs martyr conquest dawn storm shield branch euphrates tigris
ocean mediterranean caspian desert valley mountain mountains plain plains plateau heights hills hill coast
border crossing checkpoint line zone sector quarter capital county leader leaders
according however meanwhile also later earlier since during following despite although several others
another none further furthermore separately elsewhere residents witnesses activists medics rescuers
civilians militants gunmen attackers assailants protesters demonstrators rioters insurgents jihadists
islamists extremists terrorists settlers drones drone missiles missile rockets rocket shells shell mortar
artillery airstrikes airstrike strikes strike clashes fighting battles attack attacks explosion blast
bomb bombs bombing shelling unknown unidentified suspected alleged casualties fatalities injuries nor
tribe tribes tribal clan clans family brothers sons martyrdom victory liberation mr sheikhs
labour labor workers students teachers women youth youths union unions employees farmers
central north south east west
change lock hat mare ramadan eid khaneh nati free rivers delta lakes hole banks
bahraini omani afghani bangladeshi sudani libyan tunisian algerian moroccan mauritanian chadian
officer officers bashar hafez maher asma qassem qasem soleimani muhandis sadr hakim ameri barzani talabani
redsea blacksea deadsea persiangulf arabiangulf almasirah masirah saba alalam almayadeen
alqaeda alnusra aljazeera aljazira alarabiya alhadath alsham alshabab
man men woman women child children people person family families
young major minor royal grand little
orange lemon lime olive palm rose lily ivy daisy
gold silver iron stone rock sand salt water wells well spring springs fall falls
god allah jesus christ mary
black white red green blue brown grey gray
ali ahmed ahmad mohammed mohammad muhammad mohamed hassan hasan hussein husain hussain omar umar
abdullah abdallah khaled khalid ibrahim ismail yusuf youssef mahmoud mahmud mustafa mostafa
said saeed saad salim salem karim kareem rashid hamid hamed majid nasser nasir jamal kamal
fatima aisha zainab mariam maryam
abu umm bin ibn ben bou sidi
assad putin zelensky zelenskyy biden trump netanyahu erdogan sisi haftar hemedti burhan
nasrallah sinwar haniyeh deif khamenei raisi
hamas hezbollah hizbollah hizballah taliban houthi houthis huthi huthis wagner isis isil daesh
qaeda alqaeda shabaab alshabaab nusra sdf ypg pkk rsf saf idf irgc jnim iswap
syrian iraqi yemeni afghan ukrainian russian sudanese malian nigerien burkinabe palestinian
israeli lebanese somali libyan nigerian congolese ethiopian turkish iranian pakistani american
british french german chinese egyptian saudi emirati jordanian qatari kuwaiti
american europe european african asian western eastern
israelis palestinians russians ukrainians americans
`)

// namedAfter are nouns that, right after a place name, make it the name of a thing: "US dollar",
// "Syrian pound", "Quds cruise missile", "Burkan missiles".
var namedAfter = wordSet(`dollar dollars pound pounds lira liras dinar dinars riyal riyals rial rials cruise missile missiles`)

// acronyms are all-capital country names that are matched although they are short or
// all-capital.
var acronyms = wordSet(`us usa uk uae drc car ksa dprk prc`)

// connectors may stand inside a multi-word name in lower case ("Deir ez-Zor", "Bosnia and
// Herzegovina", "Rostov-on-Don", "Kafr el Sheikh").
var connectors = wordSet(`
al el il ul ad ed ar er as es ash esh at et az ez an en ath adh aj e i
of the and wa wal on upon de la le les du des da do dos das di del della van von der den am im sur
bin ibn bani beni abu umm bou ben bint y i-
`)

// prepositions before a place name that Find reports as the cue.
var prepositions = wordSet(`in near from of on at outside around into to toward towards across
inside within by between through throughout over off along beyond against via onto`)

// nearCues are cues that put the event close to, not in, the place.
var nearCues = wordset.SetFrom(map[string]bool{"near": true, "outside": true, "around": true, "outskirts": true,
	"close": true, "vicinity": true, "suburbs": true, "edge": true, "environs": true, "nearby": true, "periphery": true})

// kindsBefore are type words in "the town of X"; the value is the kind Find reports.
var kindsBefore = wordset.Of(map[string]string{
	"town": "town", "city": "city", "village": "village", "villages": "village", "hamlet": "village",
	"province": "province", "governorate": "province", "region": "province", "oblast": "province", "state": "province",
	"district": "district", "subdistrict": "district", "area": "area", "countryside": "countryside",
	"neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "capital": "city", "port": "city",
	"outskirts": "outskirts", "suburbs": "outskirts", "suburb": "outskirts", "vicinity": "outskirts",
	"edge": "outskirts", "environs": "outskirts", "periphery": "outskirts", "camp": "camp",
})

// kindsAfter are type words in "X province"; the value is the kind Find reports.
var kindsAfter = wordset.Of(map[string]string{
	"province": "province", "governorate": "province", "oblast": "province", "region": "province",
	"state": "province", "district": "district", "subdistrict": "district", "countryside": "countryside",
	"city": "city", "town": "town", "village": "village", "area": "area", "camp": "camp",
	"municipality": "district", "county": "district", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
	"outskirts": "outskirts", "suburbs": "outskirts",
})

// divisionKinds are the kinds that name a first-level division.
var divisionKinds = wordset.SetFrom(map[string]bool{"province": true, "countryside": true})

// nameSuffixes may follow a place name in capitals without making it part of a longer proper
// noun ("Kharkiv Oblast", "Aleppo International Airport").
var nameSuffixes = wordSet(`province governorate oblast region state district city town village countryside
camp area international airport airbase air base dam bridge port crossing border checkpoint highway road
prison hospital university stadium square gate valley plain plains desert mountains mountain river
refugee municipality county subdistrict suburbs outskirts governor governorship`)

// facilityWords, right after a place name, make it the name of a building, street or square that
// may lie anywhere ("Damascus Gate" in Jerusalem, "Kirkuk Road" in Sulaymaniyah, "Bogazici
// University" in Istanbul). Checkpoints, crossings, dams, bases and camps are not among them: those
// are where the place is.
var facilityWords = wordSet(`square gate university hospital prison stadium street road highway bridge mosque
market supermarket school harbor harbour junction roundabout building hotel embassy consulate courthouse
park avenue boulevard mall restaurant cafe bakery club company factory`)

// skipBefore may stand between a cue and a place name ("in the besieged northern town of").
var skipBefore = wordSet(`the a an its their his her nearby besieged embattled frontline front line key strategic
small large major main remote rural coastal border northern southern eastern western central northeastern
northwestern southeastern southwestern north south east west northeast northwest southeast southwest
disputed occupied rebel held opposition controlled government regime contested captured
industrial historic ancient old nearby neighbouring neighboring adjacent predominantly mostly mainly
kurdish arab christian shia shiite sunni druze alawite yazidi downtown suburban restive`)

// directions maps direction words to the canonical bearing or qualifier.
var directions = wordset.Of(map[string]string{
	"north": "north", "south": "south", "east": "east", "west": "west",
	"northern": "north", "southern": "south", "eastern": "east", "western": "west",
	"northeast": "northeast", "northwest": "northwest", "southeast": "southeast", "southwest": "southwest",
	"northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast", "southwestern": "southwest",
	"central": "central", "centre": "central", "center": "central",
})

// bearingDeg is the compass bearing of each canonical direction.
var bearingDeg = wordset.Of(map[string]float64{
	"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270, "northwest": 315,
})

// units are distance units with their length in km.
var units = wordset.Of(map[string]float64{
	"km": 1, "kms": 1, "kilometer": 1, "kilometers": 1, "kilometre": 1, "kilometres": 1,
	"mi": 1.609344, "mile": 1.609344, "miles": 1.609344,
	"m": 0.001, "meter": 0.001, "meters": 0.001, "metre": 0.001, "metres": 0.001,
})

var numberWords = wordset.Of(map[string]float64{
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "several": 5, "few": 3,
})

// conflictCountries get a small prior: the tool reads conflict news.
var conflictCountries = wordSet(`SYR IRQ YEM AFG UKR SDN SSD MLI BFA NER PSE ISR LBN SOM NGA COD ETH MMR LBY CAF TCD MOZ CMR PAK HTI TUR IRN`)

// featureWords start names of mountains, valleys, rivers, plains and bridges: a town name right
// after one ("Jabal al-Zawiya") is part of that name, not the town.
var featureWords = wordSet(`jabal jebel jabel wadi nahr bahr sahl jisr bahret buhayrat`)
