<?xml version="1.0" encoding="UTF-8"?>
<!-- The words of the web app (praxis serve), in Dutch and French: every
     one in both. %1..%4 are filled by ws:str (bs:fill of ui-strings.xsl). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:bs="urn:praxis:brief-strings"
    xmlns:ws="urn:praxis:web-strings"
    exclude-result-prefixes="exsl bs ws">

  <xsl:variable name="ws:table">
    <s id="app"><nl>praxis · kennisbank</nl><fr>praxis · base de connaissances</fr></s>
    <s id="search"><nl>Zoeken</nl><fr>Rechercher</fr></s>
    <s id="codes"><nl>Codes</nl><fr>Codes</fr></s>
    <s id="matrix"><nl>Matrices</nl><fr>Matrices</fr></s>
    <s id="other-lang"><nl>Français</nl><fr>Nederlands</fr></s>
    <s id="skip"><nl>Naar de inhoud</nl><fr>Aller au contenu</fr></s>
    <s id="query"><nl>Zoekopdracht</nl><fr>Requête</fr></s>
    <s id="query-help"><nl>Woorden, "een zinsdeel", AND, OR, NOT, -woord, #code</nl><fr>Mots, "une expression", AND, OR, NOT, -mot, #code</fr></s>
    <s id="go"><nl>Zoeken</nl><fr>Rechercher</fr></s>
    <s id="since"><nl>Van</nl><fr>Du</fr></s>
    <s id="until"><nl>Tot</nl><fr>Au</fr></s>
    <s id="no-query"><nl>Typ een zoekopdracht, of kies een code:</nl><fr>Tapez une requête, ou choisissez un code :</fr></s>
    <s id="no-hits"><nl>Niets gevonden.</nl><fr>Aucun résultat.</fr></s>
    <s id="hits"><nl>%1–%2 van %3 segmenten</nl><fr>%1–%2 sur %3 segments</fr></s>
    <s id="hits-capped"><nl>%1–%2 van meer dan %3 segmenten</nl><fr>%1–%2 sur plus de %3 segments</fr></s>
    <s id="sort"><nl>Sorteren</nl><fr>Trier</fr></s>
    <s id="sort-rank"><nl>relevantie</nl><fr>pertinence</fr></s>
    <s id="sort-date"><nl>datum</nl><fr>date</fr></s>
    <s id="matrix-choose"><nl>Een matrix per sessie toont de sessies van één praktijkgemeenschap: kies er een.</nl><fr>Une matrice par séance montre les séances d'une communauté de pratique : choisissez-en une.</fr></s>
    <s id="export"><nl>Downloaden</nl><fr>Télécharger</fr></s>
    <s id="filters"><nl>Filters</nl><fr>Filtres</fr></s>
    <s id="remove"><nl>weghalen</nl><fr>retirer</fr></s>
    <s id="facet-community"><nl>Gemeenschap</nl><fr>Communauté</fr></s>
    <s id="facet-cycle"><nl>Cyclus</nl><fr>Cycle</fr></s>
    <s id="facet-code"><nl>Code</nl><fr>Code</fr></s>
    <s id="facet-lang"><nl>Taal</nl><fr>Langue</fr></s>
    <s id="facet-in"><nl>Taal</nl><fr>Langue</fr></s>
    <s id="facet-kind"><nl>Soort</nl><fr>Type</fr></s>
    <s id="facet-since"><nl>Vanaf</nl><fr>À partir du</fr></s>
    <s id="facet-until"><nl>Tot en met</nl><fr>Jusqu'au</fr></s>
    <s id="facet-session"><nl>Sessie</nl><fr>Séance</fr></s>
    <s id="facet-with"><nl>Samen met</nl><fr>Avec</fr></s>
    <s id="facet-note"><nl>Notitie</nl><fr>Note</fr></s>
    <s id="facet-dates"><nl>Sessiedata</nl><fr>Dates des séances</fr></s>
    <s id="kind-quote"><nl>citaat</nl><fr>citation</fr></s>
    <s id="kind-followup"><nl>opvolgpunt</nl><fr>suivi</fr></s>
    <s id="kind-paragraph"><nl>alinea</nl><fr>paragraphe</fr></s>
    <s id="kind-item"><nl>opsomming</nl><fr>élément de liste</fr></s>
    <s id="kind-row"><nl>tabelrij</nl><fr>ligne de tableau</fr></s>
    <s id="lang-nl"><nl>Nederlands</nl><fr>néerlandais</fr></s>
    <s id="lang-fr"><nl>Frans</nl><fr>français</fr></s>
    <s id="session-n"><nl>sessie %1</nl><fr>séance %1</fr></s>
    <s id="line"><nl>regel %1</nl><fr>ligne %1</fr></s>
    <s id="prev"><nl>vorige</nl><fr>précédente</fr></s>
    <s id="next"><nl>volgende</nl><fr>suivante</fr></s>
    <s id="pages"><nl>Pagina's</nl><fr>Pages</fr></s>
    <s id="codebook"><nl>Codeboek</nl><fr>Livre de codes</fr></s>
    <s id="aliases"><nl>Ook geschreven als</nl><fr>Aussi écrit</fr></s>
    <s id="segments-notes"><nl>%1 segmenten in %2 notities</nl><fr>%1 segments dans %2 notes</fr></s>
    <s id="ambivalent"><nl>ambivalent</nl><fr>ambivalent</fr></s>
    <s id="category"><nl>Categorie</nl><fr>Catégorie</fr></s>
    <s id="timeline"><nl>Verloop over cycli en sessies</nl><fr>Évolution par cycle et par séance</fr></s>
    <s id="timeline-caption"><nl>Gecodeerde segmenten per sessienummer, per cyclus.</nl><fr>Segments codés par numéro de séance, par cycle.</fr></s>
    <s id="segments"><nl>Segmenten</nl><fr>Segments</fr></s>
    <s id="segments-range"><nl>%1–%2 van %3 segmenten</nl><fr>%1–%2 sur %3 segments</fr></s>
    <s id="no-segments"><nl>Geen segmenten.</nl><fr>Aucun segment.</fr></s>
    <s id="matrix-community"><nl>Code × gemeenschap</nl><fr>Code × communauté</fr></s>
    <s id="matrix-session"><nl>Code × sessie</nl><fr>Code × séance</fr></s>
    <s id="matrix-code"><nl>Code × code (samen gecodeerd)</nl><fr>Code × code (co-occurrences)</fr></s>
    <s id="matrix-caption"><nl>Aantal gecodeerde segmenten; klik op een cel voor de segmenten.</nl><fr>Nombre de segments codés ; cliquez sur une cellule pour lire les segments.</fr></s>
    <s id="total"><nl>Totaal</nl><fr>Total</fr></s>
    <s id="all-cycles"><nl>alle cycli</nl><fr>tous les cycles</fr></s>
    <s id="cell"><nl>%1 segmenten: %2 × %3</nl><fr>%1 segments : %2 × %3</fr></s>
    <s id="author"><nl>Verslag</nl><fr>Rapporteur</fr></s>
    <s id="attendance"><nl>%1 aanwezigen</nl><fr>%1 présents</fr></s>
    <s id="methods"><nl>Werkvormen</nl><fr>Méthodes</fr></s>
    <s id="followups"><nl>Opvolgpunten</nl><fr>Suivis</fr></s>
    <s id="done"><nl>afgehandeld</nl><fr>fait</fr></s>
    <s id="open"><nl>open</nl><fr>ouvert</fr></s>
    <s id="history"><nl>Geschiedenis</nl><fr>Historique</fr></s>
    <s id="change-added"><nl>toegevoegd</nl><fr>ajoutée</fr></s>
    <s id="change-modified"><nl>gewijzigd</nl><fr>modifiée</fr></s>
    <s id="change-deleted"><nl>verwijderd</nl><fr>supprimée</fr></s>
    <s id="change-renamed"><nl>hernoemd</nl><fr>renommée</fr></s>
    <s id="view-version"><nl>deze versie</nl><fr>cette version</fr></s>
    <s id="shown-version"><nl>U ziet de versie van commit %1. </nl><fr>Vous voyez la version du commit %1. </fr></s>
    <s id="to-head"><nl>Naar de huidige versie</nl><fr>Vers la version actuelle</fr></s>
    <s id="unreadable"><nl>Deze versie is geen leesbare notitie.</nl><fr>Cette version n'est pas une note lisible.</fr></s>
    <s id="source"><nl>Bron</nl><fr>Source</fr></s>
    <s id="written-in"><nl>Geschreven in het %1</nl><fr>Rédigé en %1</fr></s>
    <s id="not-found"><nl>Deze pagina bestaat niet.</nl><fr>Cette page n'existe pas.</fr></s>
    <s id="error-title"><nl>Fout %1</nl><fr>Erreur %1</fr></s>
    <s id="not-found-title"><nl>Niet gevonden</nl><fr>Introuvable</fr></s>
    <s id="problem"><nl>Dit kon niet gelezen worden</nl><fr>Impossible de lire ceci</fr></s>
  </xsl:variable>

  <!-- the table as nodes once per transformation, not once per word -->
  <xsl:variable name="ws:strings" select="exsl:node-set($ws:table)/s"/>

  <xsl:template name="ws:str">
    <xsl:param name="id"/>
    <xsl:param name="lang"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:variable name="s" select="$ws:strings[@id = $id]/*[local-name() = $lang]"/>
    <xsl:call-template name="bs:fill">
      <xsl:with-param name="t" select="string($s)"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
      <xsl:with-param name="a4" select="''"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
