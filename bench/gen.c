/*
 * gen.c - deterministic generator of synthetic session notes for the
 * praxis benchmarks (bench/run.sh).
 *
 *     gen DIR N
 *
 * writes DIR/communities.yaml (ceil(N/70) communities c0001, c0002, ...,
 * alternating nl/fr) and N notes at DIR/CYCLE/COMMUNITY/NN.md, cycles
 * from 2000-2001 on, 8 to 10 sessions per community and cycle, each note
 * valid per NOTE-FORMAT.md (so `praxis check` is clean) and ~2.3 KB on
 * average: headings, paragraphs, list items, one or two quotes, task
 * items, now and then a small table; Dutch or French text drawn from
 * word lists with a Zipf-like distribution, hashtags from the default
 * codebook (schema/codebook.xml). No personal data patterns: no e-mail
 * addresses, phone numbers, IBANs or long digit runs.
 *
 * Same N, same output, byte for byte: a fixed seed and an own PRNG
 * (splitmix64), no rand(), no locale, no clock.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NL 0
#define FR 1
#define NOTES_PER_COMMUNITY 70
#define FIRST_YEAR 2000

/* ------------------------------------------------------------------ PRNG */

static uint64_t rng_state = 0x5eed0f7a2c15b00bULL;

static uint64_t next64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [0, n) */
static unsigned rnd(unsigned n)
{
	return (unsigned)(next64() % n);
}

/* uniform in [0, 1) */
static double rndf(void)
{
	return (double)(next64() >> 11) * (1.0 / 9007199254740992.0);
}

static int chance(double p)
{
	return rndf() < p;
}

/* ------------------------------------------------------------- word lists */

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Function words: in nearly every sentence. */
static const char *const func_nl[] = {
	"de", "het", "een", "en", "van", "in", "dat", "is", "op", "te", "met", "voor", "niet",
	"zijn", "er", "die", "ook", "om", "aan", "maar", "als", "bij", "naar", "wat", "we",
	"ze", "hij", "zij", "nog", "wel", "kan", "heeft", "werd", "meer", "geen", "over",
	"door", "uit", "dan", "of", "tot", "hun", "haar", "zich", "omdat", "toen", "zo",
};
static const char *const func_fr[] = {
	"la", "le", "les", "de", "des", "du", "un", "une", "et", "à", "en", "est", "que",
	"qui", "pour", "dans", "pas", "sur", "avec", "au", "aux", "ne", "se", "ce", "il",
	"elle", "on", "nous", "par", "plus", "mais", "ou", "son", "sa", "ses", "a", "été",
	"très", "aussi", "leur", "comme", "parce", "quand", "déjà", "où", "y",
};

/* Content words, most frequent first (Zipf rank order). Multi-word
 * entries make phrases that actually occur ("sociale kaart"). */
static const char *const words_nl[] = {
	"deelnemers", "persoon", "zorg", "huisarts", "situatie", "groep", "vraag", "familie",
	"hulp", "gesprek", "begeleiding", "dienst", "samen", "moeilijk", "thuiszorg",
	"verpleegkundige", "netwerk", "ziekenhuis", "informatie", "afspraak", "werken",
	"belangrijk", "mensen", "tijd", "contact", "buurt", "vertrouwen", "praten", "zoeken",
	"oplossing", "collega", "team", "kinderen", "dochter", "zoon", "woning", "huur",
	"OCMW", "sociale kaart", "maatschappelijk werker", "eerste lijn", "casus", "aanpak",
	"ervaring", "rol", "probleem", "steun", "overleg", "wachtlijst", "opvolging",
	"thuisverpleegkundige", "thuisbezoek", "apotheker", "kinesist", "diëtiste",
	"mantelzorger", "buurtwerker", "straathoekwerker", "zorgcoördinator", "ziekenfonds",
	"coördinatie", "ontslag", "opname", "medicatie", "geheugen", "eenzaamheid",
	"armoede", "schulden", "energiefactuur", "taalbarrière", "tolk", "vertaling",
	"afspraken", "verwachtingen", "grenzen", "keuze", "beslissing", "respect", "rust",
	"angst", "schaamte", "boosheid", "vermoeidheid", "moed", "humor", "geduld",
	"luisteren", "vertellen", "uitleggen", "doorverwijzen", "bellen", "bezoeken",
	"begrijpen", "helpen", "vragen", "antwoorden", "twijfelen", "aarzelen", "beslissen",
	"kiezen", "weigeren", "aanvaarden", "ondersteunen", "versterken", "opbouwen",
	"nieuw", "oud", "eerste", "laatste", "zwaar", "licht", "concreet", "duidelijk",
	"onduidelijk", "complex", "eenvoudig", "snel", "traag", "geïsoleerd", "kwetsbaar",
	"zelfstandig", "afhankelijk", "financiële", "administratieve", "medische",
	"psychologische", "sociale", "praktische", "dagelijkse", "wekelijks", "regelmatig",
	"soms", "vaak", "zelden", "nooit", "altijd", "meteen", "later", "opnieuw",
	"thuissituatie", "huisvesting", "uitkering", "pensioen", "leefloon", "premie",
	"aanvraag", "formulier", "dossier", "attest", "verslag", "brief", "wetgeving",
	"procedure", "regels", "instelling", "organisatie", "directie", "coördinator",
	"vrijwilliger", "stagiair", "opleiding", "vorming", "supervisie", "intervisie",
	"methode", "instrument", "vragenlijst", "schema", "kaart", "overzicht", "aanbod",
	"toegang", "drempel", "wachttijd", "kostprijs", "terugbetaling", "verzekering",
	"dagcentrum", "woonzorgcentrum", "rusthuis", "serviceflat", "psychiater",
	"psycholoog", "thuishulp", "gezinszorg", "poetshulp", "maaltijden", "boodschappen",
	"vervoer", "rolstoel", "trap", "lift", "verwarming", "vocht", "schimmel",
	"verhuis", "buren", "vriendin", "partner", "kleinkinderen", "weduwe", "alleen",
	"patiënt", "cliënt", "bewoner", "gebruiker", "hulpverlener", "zorgverlener",
	"professioneel", "efficiënt", "creatief", "realistisch", "haalbaar", "onhaalbaar",
	"ideeën", "voorstel", "aanbeveling", "conclusie", "evaluatie", "verandering",
	"evolutie", "vooruitgang", "terugval", "crisis", "noodsituatie", "spoed",
	"wijkgezondheidscentrum", "sociale kruidenier", "buurthuis", "bibliotheek",
	"moskee", "parochie", "sportclub", "school", "kinderopvang", "jeugdhulp",
	"schuldbemiddeling", "budgetbeheer", "bewindvoerder", "vrederechter", "advocaat",
	"politie", "wijkagent", "brandweer", "ambulance", "spoedgevallen",
};

/* Very rare words: drawn uniformly with a small probability. */
static const char *const rare_nl[] = {
	"logopedist", "ergotherapeut", "podoloog", "audioloog", "orthoptist", "vroedvrouw",
	"tandarts", "oogarts", "reumatoloog", "geriater", "palliatief", "euthanasie",
	"rouwverwerking", "dementiecoach", "klusjesdienst", "tuinonderhoud", "valpreventie",
	"hoorapparaat", "rollator", "incontinentie", "decubitus", "stoma", "insuline",
	"mantelzorgpremie", "zorgbudget", "inkomensgarantie", "huurwaarborg",
	"noodkoopwoning", "sociaal verhuurkantoor", "wooncoach",
};

static const char *const words_fr[] = {
	"participants", "personne", "soins", "médecin", "situation", "groupe", "demande",
	"famille", "aide", "échange", "accompagnement", "service", "ensemble", "difficile",
	"aide à domicile", "infirmière", "réseau", "hôpital", "information", "rendez-vous",
	"travailler", "important", "gens", "temps", "contact", "quartier", "confiance",
	"parler", "chercher", "solution", "collègue", "équipe", "enfants", "fille", "fils",
	"logement", "loyer", "CPAS", "carte sociale", "assistante sociale", "première ligne",
	"cas", "approche", "expérience", "rôle", "problème", "soutien", "concertation",
	"liste d'attente", "suivi", "infirmier à domicile", "visite à domicile",
	"pharmacien", "kinésithérapeute", "diététicienne", "aidant proche",
	"travailleur de quartier", "éducateur de rue", "coordinatrice de soins", "mutuelle",
	"coordination", "sortie", "hospitalisation", "médicaments", "mémoire", "solitude",
	"pauvreté", "dettes", "facture d'énergie", "barrière de la langue", "interprète",
	"traduction", "accords", "attentes", "limites", "choix", "décision", "respect",
	"calme", "peur", "honte", "colère", "fatigue", "courage", "humour", "patience",
	"écouter", "raconter", "expliquer", "orienter", "téléphoner", "visiter",
	"comprendre", "aider", "demander", "répondre", "douter", "hésiter", "décider",
	"choisir", "refuser", "accepter", "soutenir", "renforcer", "construire", "nouveau",
	"ancien", "premier", "dernier", "lourd", "léger", "concret", "clair", "flou",
	"complexe", "simple", "rapide", "lent", "isolée", "vulnérable", "autonome",
	"dépendant", "financière", "administrative", "médicale", "psychologique",
	"sociale", "pratique", "quotidienne", "hebdomadaire", "régulièrement", "parfois",
	"souvent", "rarement", "jamais", "toujours", "aussitôt", "plus tard", "encore",
	"domicile", "logement social", "allocation", "pension", "revenu d'intégration",
	"prime", "formulaire", "dossier", "attestation", "rapport", "courrier",
	"législation", "procédure", "règles", "institution", "organisation", "direction",
	"coordinateur", "bénévole", "stagiaire", "formation", "supervision", "intervision",
	"méthode", "outil", "questionnaire", "schéma", "carte", "aperçu", "offre", "accès",
	"seuil", "délai", "coût", "remboursement", "assurance", "centre de jour",
	"maison de repos", "résidence-services", "psychiatre", "psychologue",
	"aide familiale", "aide ménagère", "repas", "courses", "transport",
	"fauteuil roulant", "escalier", "ascenseur", "chauffage", "humidité",
	"moisissure", "déménagement", "voisins", "amie", "conjoint", "petits-enfants",
	"veuve", "seule", "patient", "bénéficiaire", "résident", "usager", "intervenant",
	"soignant", "professionnel", "efficace", "créatif", "réaliste", "faisable",
	"irréaliste", "idées", "proposition", "recommandation", "conclusion", "évaluation",
	"changement", "évolution", "progrès", "rechute", "crise", "urgence",
	"maison médicale", "épicerie sociale", "maison de quartier", "bibliothèque",
	"mosquée", "paroisse", "club sportif", "école", "crèche", "aide à la jeunesse",
	"médiation de dettes", "guidance budgétaire", "administrateur de biens",
	"juge de paix", "avocat", "police", "agent de quartier", "pompiers", "ambulance",
	"urgences", "être", "déçue", "soulagée", "épuisée", "reçu", "façon", "où",
};

static const char *const rare_fr[] = {
	"logopède", "ergothérapeute", "podologue", "audiologiste", "orthoptiste",
	"sage-femme", "dentiste", "ophtalmologue", "rhumatologue", "gériatre", "palliatif",
	"euthanasie", "deuil", "coach démence", "service de petits travaux", "jardinage",
	"prévention des chutes", "appareil auditif", "déambulateur", "incontinence",
	"escarre", "stomie", "insuline", "prime aidant proche", "budget soins",
	"garantie de revenus", "garantie locative", "logement de transit",
	"agence immobilière sociale", "coach logement",
};

/* Hashtags: aliases and ids of the default codebook (schema/codebook.xml),
 * most used first; resource.time leads so that #tijd / #temps are common. */
static const char *const tags_nl[] = {
	"tijd", "vertrouwen", "samenwerking", "ziekenhuis", "emotionele-last", "informatie",
	"buurt", "waarden", "erkenning", "overleg", "tijdsgebrek", "wachtlijst", "ervaring",
	"holistisch", "taboe", "instelling", "natuurlijk-netwerk", "mantelzorgers",
	"transparantie", "open-kaart", "expertise", "eigen-kracht", "informatie-delen",
	"continuïteit", "aanspreekpunt", "alomvattend", "tussenruimten", "grijze-zone",
	"praktijkcontext", "eigen-praktijk", "institutionele-context",
	"praktische-beperkingen", "financiering", "subsidies", "projectduur",
	"vertrouwensband", "soft-skills", "buurtwerk", "wijk", "humanisme",
	"sociale-rechtvaardigheid", "radeloosheid", "vraag-achter-de-vraag",
	"onduidelijke-vraag", "taboe-onderwerpen", "toegang-informatie", "informatiekloof",
	"relatie-overdracht", "doorverwijzing", "zonder-opleiding", "geen-opleiding",
	"doelstellingen", "doelen", "tekort-zorgverleners", "personeelstekort",
	"coördinatie", "ziekenhuisontslag", "opleiding", "kennis", "bijleren", "herbronning",
	"houding", "afstand-nemen", "bewustwording", "blokkerende-posities",
	"collectieve-intelligentie", "samen-denken", "elkaar-kennen", "sociale-kaart",
	"aanbod-kennen", "samen-evolueren", "samen-groeien", "ontmoeting", "ontmoetingsplek",
	"vriendelijkheid", "mildheid", "zelfzorg", "waardering", "openheid",
	"zonder-oordeel", "inspiratie", "nieuwe-ideeën", "overdracht-teams",
	"overdracht-organisatie", "doorgeven", "resource.time", "difficulty.hospital",
	"place.meeting", "role.holistic",
};
static const char *const tags_fr[] = {
	"temps", "confiance", "concertation", "hopital", "charge-emotionnelle", "information",
	"entourage", "quartier", "valeurs", "reconnaissance", "collaboration",
	"manque-de-temps", "pénurie", "expérience", "holistique", "tabou", "institution",
	"réseau-naturel", "proches", "transparence", "ressources-personne",
	"savoirs-personne", "circulation-information", "continuité", "point-de-contact",
	"approche-globale", "interstices", "entre-les-mailles", "contexte-pratique",
	"pratique-individuelle", "contexte-institutionnel", "contraintes-pratiques",
	"financement", "subsides", "résultats-attendus", "lien-de-confiance",
	"savoir-être", "travail-de-quartier", "justice-sociale", "désarroi",
	"demande-derrière-la-demande", "demande-cachée", "sujets-tabous",
	"accès-information", "inégalité-information", "transfert-relation",
	"passage-de-relais", "sans-formation", "manque-de-formation", "objectifs",
	"formuler-objectifs", "manque-de-soignants", "sortie-hôpital", "formation",
	"connaissances", "apprentissage", "ressourcement", "posture", "prendre-du-recul",
	"prise-de-conscience", "positionnements-bloquants", "intelligence-collective",
	"réflexion-collective", "interconnaissance", "connaissance-offre", "réseautage",
	"évoluer-ensemble", "grandir-ensemble", "rencontre", "lieu-de-rencontre",
	"bienveillance", "soin-de-soi", "valorisation", "ouverture", "sans-jugement",
	"inspiration", "nouvelles-idées", "transfert-équipes", "transfert-organisation",
	"essaimage", "resource.trust", "difficulty.coordination", "effect.collective.network",
	"transfer.teams",
};

static const char *const methods[] = {
	"case-presentation", "intervision", "guest-speaker", "tool-demo", "world-cafe",
	"evaluation",
};

static const char *const headings_nl[] = {
	"Welkom", "Casus", "Bespreking", "Vragen uit de groep", "Wat we meenemen",
	"Voorstelling", "Tool", "Reflectie", "Evaluatie", "Gastspreker", "Rondvraag",
	"Hypothesen", "Pistes",
};
static const char *const headings_fr[] = {
	"Accueil", "Situation", "Discussion", "Questions du groupe", "Ce que nous retenons",
	"Présentation", "Outil", "Réflexion", "Évaluation", "Intervenant externe",
	"Tour de table", "Hypothèses", "Pistes",
};
static const char *const followup_nl = "Opvolging";
static const char *const followup_fr = "Suivi";

static const char *const pseudo_nl[] = { "mevrouw A.", "meneer K.", "mevrouw D.", "meneer P.",
					 "mevrouw L.", "meneer R.", "mevrouw S." };
static const char *const pseudo_fr[] = { "madame A.", "monsieur K.", "madame D.", "monsieur P.",
					 "madame L.", "monsieur R.", "madame S." };

static const char *const table_head_nl = "| Dienst | Aanbod | Opmerking |";
static const char *const table_head_fr = "| Service | Offre | Remarque |";

/* Brussels municipalities, Dutch and French names. */
static const char *const towns[][2] = {
	{ "Anderlecht", "Anderlecht" }, { "Elsene", "Ixelles" }, { "Schaarbeek", "Schaerbeek" },
	{ "Sint-Gillis", "Saint-Gilles" }, { "Vorst", "Forest" }, { "Ukkel", "Uccle" },
	{ "Etterbeek", "Etterbeek" }, { "Jette", "Jette" }, { "Evere", "Evere" },
	{ "Ganshoren", "Ganshoren" }, { "Koekelberg", "Koekelberg" },
	{ "Oudergem", "Auderghem" }, { "Watermaal-Bosvoorde", "Watermael-Boitsfort" },
	{ "Molenbeek", "Molenbeek" }, { "Sint-Joost", "Saint-Josse" },
	{ "Sint-Lambrechts-Woluwe", "Woluwe-Saint-Lambert" },
	{ "Sint-Pieters-Woluwe", "Woluwe-Saint-Pierre" },
	{ "Sint-Agatha-Berchem", "Berchem-Sainte-Agathe" }, { "Brussel", "Bruxelles" },
};
static const char *const zones[][2] = {
	{ "Zorgzone Noord", "Bassin Nord" }, { "Zorgzone Centrum", "Bassin Centre" },
	{ "Zorgzone Zuid", "Bassin Sud" }, { "Zorgzone Oost", "Bassin Est" },
	{ "Zorgzone West", "Bassin Ouest" }, { "Zorgzone Noord-Oost", "Bassin Nord-Est" },
};

/* Fictional names (moderators, authors). */
static const char *const first_names[] = {
	"Sofie", "Karim", "Lies", "Youssef", "Claire", "Mehdi", "Els", "Olivier", "Annelies",
	"Fatima", "Jan", "Nathalie", "Pieter", "Aïcha", "Thomas", "Hélène", "Bram", "Inès",
	"Koen", "Amélie", "Wim", "Leïla", "Griet", "François", "Nadia", "Joris", "Chloé",
	"Hamid", "Marie", "Stijn",
};
static const char *const last_names[] = {
	"Claes", "Benali", "Vermeulen", "El Amrani", "Lambert", "Aouad", "Peeters", "Dumont",
	"Wouters", "Janssens", "Dubois", "Maes", "Mertens", "Lemaire", "De Smet", "Goossens",
	"Leclercq", "Jacobs", "Willems", "Renard", "Hermans", "Declercq", "Michel",
	"Van den Broeck", "Laurent", "Bouzid", "Simon", "De Wit", "Fontaine", "Pauwels",
};

/* ----------------------------------------------------------- Zipf tables */

typedef struct {
	const char *const *w;
	size_t n;
	double *cdf;
} zipf;

/* Zipf-Mandelbrot: weight of rank r (from 1) is 1 / (r + q)^s; q > 0
 * flattens the head so that the top word is not in every sentence. */
static void zipf_init(zipf *z, const char *const *w, size_t n, double q, double s)
{
	double sum = 0;
	size_t i;

	z->w = w;
	z->n = n;
	z->cdf = malloc(n * sizeof *z->cdf);
	if (!z->cdf) {
		perror("gen");
		exit(2);
	}
	for (i = 0; i < n; i++) {
		sum += 1.0 / pow((double)(i + 1) + q, s);
		z->cdf[i] = sum;
	}
	for (i = 0; i < n; i++)
		z->cdf[i] /= sum;
}

static const char *zipf_pick(const zipf *z)
{
	double u = rndf();
	size_t lo = 0, hi = z->n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (z->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return z->w[lo];
}

typedef struct {
	zipf func, words, tags;
	const char *const *rare;
	size_t nrare;
	const char *const *headings;
	size_t nheadings;
	const char *const *pseudo;
	const char *followup, *table_head, *quote_open, *quote_close;
} lang_t;

static lang_t langs[2];

/* ------------------------------------------------------------- output buf */

typedef struct {
	char *p;
	size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8192;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p) {
			perror("gen");
			exit(2);
		}
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void printf_(buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		fprintf(stderr, "gen: line too long\n");
		exit(2);
	}
	put(b, tmp, (size_t)n);
}

/* -------------------------------------------------------------- sentences */

/* Appends `w`, capitalized when `cap` and it starts with an ASCII letter. */
static void put_word(buf *b, const char *w, int cap)
{
	if (cap && w[0] >= 'a' && w[0] <= 'z') {
		char c = (char)(w[0] - 'a' + 'A');
		put(b, &c, 1);
		puts_(b, w + 1);
	} else if (cap && !strncmp(w, "à", strlen("à"))) {
		puts_(b, "À");
		puts_(b, w + strlen("à"));
	} else if (cap && !strncmp(w, "é", strlen("é"))) {
		puts_(b, "É");
		puts_(b, w + strlen("é"));
	} else {
		puts_(b, w);
	}
}

/* One sentence of min..max words, ending with '.', '?' or '!'. */
static void sentence(buf *b, const lang_t *L, int min, int max)
{
	int n = min + (int)rnd((unsigned)(max - min + 1)), i;

	const char *w = "";
	int was_func = 1;

	for (i = 0; i < n; i++) {
		if (i)
			put(b, " ", 1);
		/* function and content words mostly alternate */
		if ((was_func = chance(was_func ? 0.15 : 0.6)))
			w = zipf_pick(&L->func);
		else if (chance(0.004))
			w = L->rare[rnd((unsigned)L->nrare)];
		else if (chance(0.02))
			w = L->pseudo[rnd(7)];
		else
			w = zipf_pick(&L->words);
		put_word(b, w, i == 0);
		if (i && i < n - 1 && chance(0.06))
			put(b, ",", 1);
	}
	if (w[strlen(w) - 1] != '.') { /* "meneer K." ends a sentence itself */
		unsigned r = rnd(20);
		put(b, r == 0 ? "?" : r == 1 ? "!" : ".", 1);
	}
}

/* 0..2 hashtags at the end of a segment. */
static void tags(buf *b, const lang_t *L, double p1, double p2)
{
	const char *first = NULL;

	if (!chance(p1))
		return;
	first = zipf_pick(&L->tags);
	printf_(b, " #%s", first);
	if (chance(p2)) {
		const char *second = zipf_pick(&L->tags);
		if (strcmp(second, first))
			printf_(b, " #%s", second);
	}
}

static void paragraph(buf *b, const lang_t *L)
{
	int n = 2 + (int)rnd(3), i; /* 2..4 sentences */

	for (i = 0; i < n; i++) {
		if (i)
			put(b, i == 2 && chance(0.5) ? "\n" : " ", 1); /* soft line break */
		sentence(b, L, 6, 14);
	}
	tags(b, L, 0.55, 0.35);
	puts_(b, "\n\n");
}

static void item(buf *b, const lang_t *L)
{
	puts_(b, "- ");
	sentence(b, L, 5, 13);
	tags(b, L, 0.4, 0.2);
	puts_(b, "\n");
}

static void quote(buf *b, const lang_t *L)
{
	puts_(b, "> ");
	puts_(b, L->quote_open);
	sentence(b, L, 6, 15);
	if (chance(0.4)) {
		put(b, " ", 1);
		sentence(b, L, 4, 10);
	}
	puts_(b, L->quote_close);
	tags(b, L, 0.75, 0.3);
	puts_(b, "\n\n");
}

static void task(buf *b, const lang_t *L)
{
	puts_(b, chance(0.4) ? "- [x] " : "- [ ] ");
	sentence(b, L, 5, 11);
	tags(b, L, 0.25, 0.1);
	puts_(b, "\n");
}

static void cell(buf *b, const lang_t *L, int nwords)
{
	int i;

	for (i = 0; i < nwords; i++) {
		if (i)
			put(b, " ", 1);
		put_word(b, zipf_pick(&L->words), i == 0);
	}
}

static void table(buf *b, const lang_t *L)
{
	int rows = 2 + (int)rnd(3), r;

	puts_(b, L->table_head);
	puts_(b, "\n| --- | --- | --- |\n");
	for (r = 0; r < rows; r++) {
		puts_(b, "| ");
		cell(b, L, 1 + (int)rnd(2));
		puts_(b, " | ");
		cell(b, L, 2 + (int)rnd(3));
		puts_(b, " | ");
		cell(b, L, 2 + (int)rnd(4));
		if (chance(0.3))
			printf_(b, " #%s", zipf_pick(&L->tags));
		puts_(b, " |\n");
	}
	puts_(b, "\n");
}

/* A title: a short sentence, no quotes or backslashes (YAML-safe). */
static void title(buf *b, const lang_t *L)
{
	int n = 3 + (int)rnd(4), i;

	for (i = 0; i < n; i++) {
		if (i)
			put(b, " ", 1);
		put_word(b, chance(0.3) ? zipf_pick(&L->func) : zipf_pick(&L->words), i == 0);
	}
	if (chance(0.3))
		put(b, "?", 1);
}

/* -------------------------------------------------------------- structure */

typedef struct {
	char id[24];
	int lang;
	char mod[2][64];
	char author[64];
} community;

static void person(char *out, size_t n)
{
	snprintf(out, n, "%s %s", first_names[rnd(COUNT(first_names))],
		 last_names[rnd(COUNT(last_names))]);
}

static void mkdir_p(const char *path)
{
	char tmp[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof tmp) {
		fprintf(stderr, "gen: path too long\n");
		exit(2);
	}
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];
			tmp[i] = '\0';
			if (mkdir(tmp, 0777) < 0 && errno != EEXIST) {
				fprintf(stderr, "gen: mkdir %s: %s\n", tmp, strerror(errno));
				exit(2);
			}
			tmp[i] = c;
		}
	}
}

static void write_file(const char *path, const buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f) != 0) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

static void note(buf *b, const community *c, int year, int session, int nsessions)
{
	/* the note's language: the community's, now and then the other one */
	int lang = chance(0.1) ? !c->lang : c->lang;
	const lang_t *L = &langs[lang];
	int m = (session - 1) * 10 / nsessions; /* 0..9: September .. June */
	int month = m < 4 ? 9 + m : m - 3;
	int y = m < 4 ? year : year + 1;
	int day = 1 + (int)rnd(28);
	int nsec = 3 + (int)rnd(2), s, quotes = 1 + (int)chance(0.45), quote_at;
	const char *hs[4];
	unsigned nm = 1 + (unsigned)chance(0.35), i;
	unsigned m0 = rnd(COUNT(methods));

	b->len = 0;
	printf_(b, "---\ncommunity: %s\ncycle: %d-%d\nsession: %d\ndate: %04d-%02d-%02d\n"
		   "lang: %s\nauthor: \"%s\"\nmoderators: [\"%s\", \"%s\"]\nattendance: %u\n",
		c->id, year, year + 1, session, y, month, day, lang == NL ? "nl" : "fr",
		c->author, c->mod[0], c->mod[1], 4 + rnd(16));
	printf_(b, "methods: [%s", methods[m0]);
	if (nm == 2)
		printf_(b, ", %s", methods[(m0 + 1 + rnd(COUNT(methods) - 1)) % COUNT(methods)]);
	puts_(b, "]\n");
	if (chance(0.7)) {
		const char *t1 = zipf_pick(&L->tags), *t2 = zipf_pick(&L->tags);
		if (strcmp(t1, t2) && chance(0.5))
			printf_(b, "themes: [%s, %s]\n", t1, t2);
		else
			printf_(b, "themes: [%s]\n", t1);
	}
	puts_(b, "title: \"");
	title(b, L);
	puts_(b, "\"\n");
	if (chance(0.3)) {
		puts_(b, "summary: \"");
		sentence(b, L, 8, 16);
		puts_(b, "\"\n");
	}
	puts_(b, "---\n\n");

	/* distinct section headings, the follow-up section last */
	for (s = 0; s < nsec; s++) {
		int again;
		do {
			hs[s] = L->headings[rnd((unsigned)L->nheadings)];
			again = 0;
			for (i = 0; i < (unsigned)s; i++)
				again |= hs[i] == hs[s];
		} while (again);
	}
	quote_at = (int)rnd((unsigned)nsec);
	for (s = 0; s < nsec; s++) {
		int np = 1 + (int)rnd(2), k;
		printf_(b, "## %s\n\n", hs[s]);
		for (k = 0; k < np; k++)
			paragraph(b, L);
		if (s == quote_at || (quotes == 2 && s == (quote_at + 1) % nsec))
			quote(b, L);
		if (s == nsec - 1 || chance(0.2)) {
			int ni = 2 + (int)rnd(s == nsec - 1 ? 2 : 3);
			for (k = 0; k < ni; k++)
				item(b, L);
			puts_(b, "\n");
		}
		if (s == 1 && chance(0.15))
			table(b, L);
		if (s == 1 && chance(0.2)) {
			printf_(b, "### %s\n\n", L->headings[rnd((unsigned)L->nheadings)]);
			paragraph(b, L);
		}
	}
	printf_(b, "## %s\n\n", L->followup);
	{
		int nt = 2 + (int)rnd(2), k;
		for (k = 0; k < nt; k++)
			task(b, L);
	}
}

int main(int argc, char **argv)
{
	const char *dir;
	long n, nc, ci, done = 0;
	community *cs;
	buf b = { NULL, 0, 0 }, path = { NULL, 0, 0 };
	unsigned long long bytes = 0;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: gen DIR N\n");
		return 2;
	}
	dir = argv[1];
	zipf_init(&langs[NL].func, func_nl, COUNT(func_nl), 0.0, 1.0);
	zipf_init(&langs[NL].words, words_nl, COUNT(words_nl), 5.0, 1.0);
	zipf_init(&langs[NL].tags, tags_nl, COUNT(tags_nl), 0.5, 1.1);
	zipf_init(&langs[FR].func, func_fr, COUNT(func_fr), 0.0, 1.0);
	zipf_init(&langs[FR].words, words_fr, COUNT(words_fr), 5.0, 1.0);
	zipf_init(&langs[FR].tags, tags_fr, COUNT(tags_fr), 0.5, 1.1);
	langs[NL].rare = rare_nl;
	langs[NL].nrare = COUNT(rare_nl);
	langs[FR].rare = rare_fr;
	langs[FR].nrare = COUNT(rare_fr);
	langs[NL].headings = headings_nl;
	langs[NL].nheadings = COUNT(headings_nl);
	langs[FR].headings = headings_fr;
	langs[FR].nheadings = COUNT(headings_fr);
	langs[NL].pseudo = pseudo_nl;
	langs[FR].pseudo = pseudo_fr;
	langs[NL].followup = followup_nl;
	langs[FR].followup = followup_fr;
	langs[NL].table_head = table_head_nl;
	langs[FR].table_head = table_head_fr;
	langs[NL].quote_open = "\"";
	langs[NL].quote_close = "\"";
	langs[FR].quote_open = "« ";
	langs[FR].quote_close = " »";

	nc = (n + NOTES_PER_COMMUNITY - 1) / NOTES_PER_COMMUNITY;
	if (nc > 9999) {
		fprintf(stderr, "gen: at most %d notes\n", 9999 * NOTES_PER_COMMUNITY);
		return 2;
	}
	cs = calloc((size_t)nc, sizeof *cs);
	if (!cs) {
		perror("gen");
		return 2;
	}
	mkdir_p(dir);

	/* communities.yaml */
	puts_(&b, "# Synthetic communities of practice for the praxis benchmark (bench/gen.c).\n"
		  "communities:\n");
	for (ci = 0; ci < nc; ci++) {
		community *c = &cs[ci];
		const char *const *t = towns[ci % COUNT(towns)];
		const char *const *z = zones[rnd(COUNT(zones))];
		long k = ci / (long)COUNT(towns) + 1;
		snprintf(c->id, sizeof c->id, "c%04ld", ci + 1);
		c->lang = ci % 2 ? FR : NL;
		person(c->mod[0], sizeof c->mod[0]);
		do
			person(c->mod[1], sizeof c->mod[1]);
		while (!strcmp(c->mod[0], c->mod[1]));
		person(c->author, sizeof c->author);
		printf_(&b, "  - id: %s\n    name: { nl: \"PG %s %ld\", fr: \"CdP %s %ld\" }\n"
			    "    zone: { nl: \"%s\", fr: \"%s\" }\n    lang: %s\n"
			    "    moderators: [ \"%s\", \"%s\" ]\n",
			c->id, t[0], k, t[1], k, z[0], z[1], c->lang == NL ? "nl" : "fr", c->mod[0],
			c->mod[1]);
	}
	path.len = 0;
	printf_(&path, "%s/communities.yaml", dir);
	write_file(path.p, &b);

	/* notes: each community gets its share, cycle after cycle */
	for (ci = 0; ci < nc; ci++) {
		long quota = n / nc + (ci < n % nc), made = 0;
		int year = FIRST_YEAR;
		while (made < quota) {
			int ns = 8 + (int)rnd(3), s;
			path.len = 0;
			printf_(&path, "%s/%d-%d/%s", dir, year, year + 1, cs[ci].id);
			mkdir_p(path.p);
			for (s = 1; s <= ns && made < quota; s++, made++) {
				note(&b, &cs[ci], year, s, ns);
				path.len = 0;
				printf_(&path, "%s/%d-%d/%s/%02d.md", dir, year, year + 1, cs[ci].id, s);
				write_file(path.p, &b);
				bytes += b.len;
				done++;
			}
			year++;
		}
	}
	fprintf(stderr, "gen: %ld notes, %ld communities, %llu bytes (%.0f per note) in %s\n", done,
		nc, bytes, (double)bytes / (double)done, dir);
	free(b.p);
	free(path.p);
	free(cs);
	free(langs[NL].func.cdf);
	free(langs[NL].words.cdf);
	free(langs[NL].tags.cdf);
	free(langs[FR].func.cdf);
	free(langs[FR].words.cdf);
	free(langs[FR].tags.cdf);
	return 0;
}
