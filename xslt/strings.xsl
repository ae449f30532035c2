<?xml version="1.0" encoding="UTF-8"?>
<!--
  strings.xsl - the string catalogue of the synthesis report: every
  heading, label and sentence that the report writes itself, in Dutch and
  in French.  Included by report.xsl.  A string in one language only is a
  bug: report.xsl stops with a message when it asks for a string that is
  missing or empty in the language it needs.

  Entries: <s id="..."><nl>...</nl><fr>...</fr></s>.
  Placeholders {1} {2} {3} {4} are replaced by px:fmt(); the comment above
  an entry says what they stand for.  Ids ending in ".one" / ".other" are
  the singular and plural of one phrase, chosen by px:plural(); there,
  {n} is the (formatted) number.

  Long Dutch compounds carry a soft hyphen (&#173;) where a narrow column
  may break them: praktijk&#173;gemeenschap, sessie&#173;notitie.

  French typography: a no-break space (&#160;) before ":" and a narrow
  no-break space (&#8239;) before ";", "?", "!" and inside guillemets.

  API (namespace px = urn:praxis:xslt):
    px:str(id, lang)                    the string
    px:fmt(id, lang, a1, a2, a3, a4)    the string with {1}..{4} replaced
    px:plural(id, n, lang)              id.one or id.other, {n} replaced
    px:num(n, lang)                     a number: 1.234 / 1 234; 12,1
    px:date(yyyy-mm-dd, lang)           6 december 2022 / 1er janvier 2023
    px:month-year(yyyy-mm-dd, lang)     september 2022 / septembre 2022
    $px:months[@lang = lang][N]         month N: <m n="N" lang="nl">januari</m>
    <xsl:call-template name="str">      the same as px:str, as a template
      (params: id, lang)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:func="http://exslt.org/functions"
    xmlns:px="urn:praxis:xslt"
    extension-element-prefixes="func"
    exclude-result-prefixes="exsl func px">

  <xsl:decimal-format name="nl" decimal-separator="," grouping-separator="."/>
  <xsl:decimal-format name="fr" decimal-separator="," grouping-separator="&#8239;"/>

  <xsl:variable name="px:strings">

    <!-- ===== the document ===== -->
    <!-- the title when the knowledge base's publication.yaml gives none -->
    <s id="doc.title">
      <nl>Synthese van de praktijk&#173;gemeenschappen</nl>
      <fr>Synthèse des communautés de pratique</fr>
    </s>
    <!-- {1} the cycle, e.g. 2022-2023 -->
    <s id="doc.subtitle">
      <nl>Synthese van de cyclus {1}</nl>
      <fr>Synthèse du cycle {1}</fr>
    </s>
    <!-- the colophon: publication.yaml's publisher, contact and licence -->
    <s id="doc.colophon">
      <nl>Colofon</nl>
      <fr>Colophon</fr>
    </s>
    <s id="doc.publisher">
      <nl>Uitgever</nl>
      <fr>Éditeur</fr>
    </s>
    <s id="doc.contact">
      <nl>Contact</nl>
      <fr>Contact</fr>
    </s>
    <s id="doc.licence">
      <nl>Licentie</nl>
      <fr>Licence</fr>
    </s>
    <!-- on every page of the internal report -->
    <s id="doc.internal">
      <nl>Intern document: niet publiceren</nl>
      <fr>Document interne&#160;: ne pas publier</fr>
    </s>
    <!-- {1} first month, {2} last month, e.g. "september 2022", "juni 2023" -->
    <s id="doc.period">
      <nl>{1} – {2}</nl>
      <fr>{1} – {2}</fr>
    </s>
    <s id="doc.communities">
      <nl>De praktijk&#173;gemeenschappen van deze cyclus</nl>
      <fr>Les communautés de pratique de ce cycle</fr>
    </s>
    <!-- {1} the date the report was generated -->
    <s id="doc.generated">
      <nl>Opgemaakt op {1} met praxis, uit de sessie&#173;notities van de monitoring&#173;verantwoordelijken.</nl>
      <fr>Établi le {1} avec praxis, à partir des notes de séance des responsables du monitoring.</fr>
    </s>
    <s id="doc.contents">
      <nl>Inhoud</nl>
      <fr>Sommaire</fr>
    </s>

    <!-- ===== introduction ===== -->
    <s id="intro.title">
      <nl>Inleiding</nl>
      <fr>Introduction</fr>
    </s>
    <s id="intro.facts">
      <nl>Kerncijfers</nl>
      <fr>Chiffres clés</fr>
    </s>
    <s id="fact.communities.one">
      <nl>praktijk&#173;gemeenschap</nl>
      <fr>communauté de pratique</fr>
    </s>
    <s id="fact.communities.other">
      <nl>praktijk&#173;gemeenschappen</nl>
      <fr>communautés de pratique</fr>
    </s>
    <s id="fact.sessions.one">
      <nl>sessie</nl>
      <fr>séance</fr>
    </s>
    <s id="fact.sessions.other">
      <nl>sessies</nl>
      <fr>séances</fr>
    </s>
    <s id="fact.notes.one">
      <nl>sessie&#173;notitie</nl>
      <fr>note de séance</fr>
    </s>
    <s id="fact.notes.other">
      <nl>sessie&#173;notities</nl>
      <fr>notes de séance</fr>
    </s>
    <s id="fact.attendance.one">
      <nl>aanwezigheid in totaal</nl>
      <fr>présence au total</fr>
    </s>
    <s id="fact.attendance.other">
      <nl>aanwezigheden in totaal</nl>
      <fr>présences au total</fr>
    </s>
    <s id="fact.average">
      <nl>deelnemers per sessie, gemiddeld</nl>
      <fr>participants par séance, en moyenne</fr>
    </s>
    <s id="fact.segments.one">
      <nl>gecodeerd fragment</nl>
      <fr>passage codé</fr>
    </s>
    <s id="fact.segments.other">
      <nl>gecodeerde fragmenten</nl>
      <fr>passages codés</fr>
    </s>
    <s id="fact.quotes.one">
      <nl>citaat van een deelnemer</nl>
      <fr>citation d'un participant</fr>
    </s>
    <s id="fact.quotes.other">
      <nl>citaten van deelnemers</nl>
      <fr>citations de participants</fr>
    </s>
    <!-- {1} codes raised, {2} codes in the codebook -->
    <s id="fact.codes">
      <nl>van de {2} codes van het codeboek aangehaald</nl>
      <fr>codes abordés sur les {2} du livre de codes</fr>
    </s>
    <!-- {1} notes that give an attendance, {2} all notes -->
    <s id="intro.attendance-note">
      <nl>Het gemiddelde is berekend over de {1} van de {2} sessie&#173;notities die de aanwezigheid vermelden.</nl>
      <fr>La moyenne porte sur les {1} notes de séance sur {2} qui mentionnent le nombre de présents.</fr>
    </s>
    <s id="intro.no-attendance">
      <nl>Geen enkele sessie&#173;notitie vermeldt de aanwezigheid.</nl>
      <fr>Aucune note de séance ne mentionne le nombre de présents.</fr>
    </s>
    <s id="intro.how-title">
      <nl>Zo leest u dit rapport</nl>
      <fr>Comment lire ce rapport</fr>
    </s>
    <s id="intro.how.1">
      <nl>Na elke sessie schrijft de monitoring&#173;verantwoordelijke van de praktijk&#173;gemeenschap een notitie. Elke alinea, elk opsommingspunt, elke tabelrij en elk citaat daarin is een fragment, dat met een of meer codes van het codeboek wordt gelabeld.</nl>
      <fr>Après chaque séance, le ou la responsable du monitoring de la communauté de pratique rédige une note. Chaque paragraphe, point de liste, ligne de tableau et citation de cette note est un passage, étiqueté avec un ou plusieurs codes du livre de codes.</fr>
    </s>
    <s id="intro.how.2">
      <nl>De cijfers tellen die fragmenten en de notities waarin ze voorkomen: ze tonen hoe vaak een thema ter sprake kwam, niet hoe zwaar het woog. Codes die in deze cyclus niet werden aangehaald, blijven vermeld.</nl>
      <fr>Les chiffres comptent ces passages et les notes où ils figurent&#8239;: ils montrent combien de fois un thème a été abordé, et non le poids qu'il a eu. Les codes qui n'ont pas été abordés au cours de ce cycle restent mentionnés.</fr>
    </s>
    <s id="intro.how.3">
      <nl>Citaten zijn woorden van deelnemers en staan in hun oorspronkelijke taal, met de sessie en de plaats in de notitie waaruit ze komen.</nl>
      <fr>Les citations sont les mots des participants. Elles sont reproduites dans leur langue d'origine, avec la séance et l'endroit de la note dont elles proviennent.</fr>
    </s>
    <s id="intro.how.3.public">
      <nl>Citaten zijn woorden van deelnemers die de analisten kozen, met de praktijk&#173;gemeenschap en de sessie waaruit ze komen; een vertaald citaat zegt uit welke taal.</nl>
      <fr>Les citations sont des mots de participants choisis par les analystes, avec la communauté de pratique et la séance dont elles proviennent&#8239;; une citation traduite indique de quelle langue.</fr>
    </s>
    <!-- the public report's closing section -->
    <s id="figures.title">
      <nl>In cijfers</nl>
      <fr>En chiffres</fr>
    </s>
    <s id="figures.codes">
      <nl>De thema's over de sessies</nl>
      <fr>Les thèmes au fil des séances</fr>
    </s>
    <s id="col.sessions-spark">
      <nl>Fragmenten per sessie</nl>
      <fr>Passages par séance</fr>
    </s>
    <s id="intro.communities">
      <nl>Praktijk&#173;gemeenschappen</nl>
      <fr>Communautés de pratique</fr>
    </s>
    <s id="intro.methods">
      <nl>Werkvormen</nl>
      <fr>Méthodes de travail</fr>
    </s>
    <s id="intro.methods-caption">
      <nl>Aantal sessie&#173;notities waarin elke werkvorm voorkomt; een sessie kan er meer dan één combineren.</nl>
      <fr>Nombre de notes de séance dans lesquelles chaque méthode apparaît&#8239;; une séance peut en combiner plusieurs.</fr>
    </s>
    <s id="intro.method-unused">
      <nl>niet gebruikt</nl>
      <fr>pas utilisée</fr>
    </s>

    <!-- column headings -->
    <s id="col.community">
      <nl>Praktijk&#173;gemeenschap</nl>
      <fr>Communauté de pratique</fr>
    </s>
    <s id="col.sessions">
      <nl>Sessies</nl>
      <fr>Séances</fr>
    </s>
    <s id="col.attendance">
      <nl>Aanwezigheden</nl>
      <fr>Présences</fr>
    </s>
    <s id="col.average">
      <nl>Gemiddeld per sessie</nl>
      <fr>Moyenne par séance</fr>
    </s>
    <s id="col.moderators">
      <nl>moderatoren</nl>
      <fr>modérateurs</fr>
    </s>
    <s id="col.method">
      <nl>Werkvorm</nl>
      <fr>Méthode</fr>
    </s>
    <s id="col.description">
      <nl>Beschrijving</nl>
      <fr>Description</fr>
    </s>
    <s id="col.notes">
      <nl>Notities</nl>
      <fr>Notes</fr>
    </s>
    <s id="col.total">
      <nl>Totaal</nl>
      <fr>Total</fr>
    </s>
    <s id="col.number">
      <nl>Nr.</nl>
      <fr>N°</fr>
    </s>
    <s id="col.date">
      <nl>Datum</nl>
      <fr>Date</fr>
    </s>
    <s id="col.session">
      <nl>Sessie</nl>
      <fr>Séance</fr>
    </s>
    <s id="col.code">
      <nl>Code</nl>
      <fr>Code</fr>
    </s>
    <s id="col.with">
      <nl>samen met</nl>
      <fr>avec</fr>
    </s>
    <s id="col.segments">
      <nl>Fragmenten</nl>
      <fr>Passages</fr>
    </s>
    <s id="not-given">
      <nl>niet vermeld</nl>
      <fr>non précisé</fr>
    </s>

    <!-- ===== overview heat map ===== -->
    <s id="overview.title">
      <nl>Overzicht: thema's per praktijk&#173;gemeenschap</nl>
      <fr>Vue d'ensemble&#160;: thèmes par communauté de pratique</fr>
    </s>
    <s id="overview.intro">
      <nl>Elk vakje toont hoeveel fragmenten een praktijk&#173;gemeenschap met een code labelde: hoe donkerder, hoe vaker het thema ter sprake kwam. Een leeg vakje betekent dat het thema er niet aan bod kwam.</nl>
      <fr>Chaque case indique combien de passages une communauté de pratique a étiquetés avec un code&#8239;: plus la teinte est foncée, plus le thème a été abordé. Une case vide signifie que le thème n'y a pas été abordé.</fr>
    </s>
    <s id="overview.aria">
      <nl>Heatmap van het aantal fragmenten per code (rijen, per categorie) en per praktijk&#173;gemeenschap (kolommen).</nl>
      <fr>Carte de chaleur du nombre de passages par code (lignes, par catégorie) et par communauté de pratique (colonnes).</fr>
    </s>
    <!-- {1} code label, {2} community name, {3} "n fragmenten" -->
    <s id="nav.home">
      <nl>Startpagina</nl>
      <fr>Accueil</fr>
    </s>
    <s id="nav.other">
      <nl>Français</nl>
      <fr>Nederlands</fr>
    </s>
    <s id="overview.cell">
      <nl>{1} – {2}: {3}</nl>
      <fr>{1} – {2}&#160;: {3}</fr>
    </s>
    <s id="overview.legend">
      <nl>Aantal fragmenten</nl>
      <fr>Nombre de passages</fr>
    </s>

    <!-- ===== categories and codes ===== -->
    <s id="code.ambivalent">
      <nl>ambivalent</nl>
      <fr>ambivalent</fr>
    </s>
    <s id="code.ambivalent-title">
      <nl>Een hulpmiddel dat ook kan ontbreken of zwaar kan wegen</nl>
      <fr>Une ressource qui peut aussi faire défaut ou peser lourd</fr>
    </s>
    <!-- {1} "9 sessienotities", {2} "3 van de 4 praktijkgemeenschappen", {3} their names -->
    <s id="code.raised">
      <nl>Aangehaald in {1} door {2} ({3}).</nl>
      <fr>Abordé dans {1} par {2} ({3}).</fr>
    </s>
    <s id="code.notes.one">
      <nl>{n} sessie&#173;notitie</nl>
      <fr>{n} note de séance</fr>
    </s>
    <s id="code.notes.other">
      <nl>{n} sessie&#173;notities</nl>
      <fr>{n} notes de séance</fr>
    </s>
    <!-- {1} communities that raised it, {2} all communities -->
    <s id="code.by.one">
      <nl>{1} van de {2} praktijk&#173;gemeenschappen</nl>
      <fr>{1} communauté de pratique sur {2}</fr>
    </s>
    <s id="code.by.other">
      <nl>{1} van de {2} praktijk&#173;gemeenschappen</nl>
      <fr>{1} communautés de pratique sur {2}</fr>
    </s>
    <s id="code.by.all">
      <nl>alle {2} praktijk&#173;gemeenschappen</nl>
      <fr>les {2} communautés de pratique</fr>
    </s>
    <s id="code.by.only">
      <nl>de enige praktijk&#173;gemeenschap</nl>
      <fr>la seule communauté de pratique</fr>
    </s>
    <s id="code.not-raised">
      <nl>Niet aangehaald in deze cyclus.</nl>
      <fr>Pas abordé au cours de ce cycle.</fr>
    </s>
    <s id="code.segments.one">
      <nl>{n} fragment</nl>
      <fr>{n} passage</fr>
    </s>
    <s id="code.segments.other">
      <nl>{n} fragmenten</nl>
      <fr>{n} passages</fr>
    </s>
    <!-- {1} "18 fragmenten", {2} highest session number -->
    <s id="spark.caption">
      <nl>{1}, per sessie (1–{2})</nl>
      <fr>{1}, par séance (1–{2})</fr>
    </s>
    <!-- {1} the list of "sessie n: v" -->
    <s id="spark.aria">
      <nl>Fragmenten per sessie: {1}</nl>
      <fr>Passages par séance&#160;: {1}</fr>
    </s>
    <!-- {1} session number, {2} "3 fragmenten" -->
    <s id="spark.bar">
      <nl>sessie {1}: {2}</nl>
      <fr>séance {1}&#160;: {2}</fr>
    </s>
    <!-- sub-groups of codes, by the middle part of a three-part id -->
    <s id="group.effect.individual">
      <nl>Voor de deelnemer</nl>
      <fr>Pour le participant</fr>
    </s>
    <s id="group.effect.collective">
      <nl>Voor de groep</nl>
      <fr>Pour le groupe</fr>
    </s>

    <!-- ===== quotes and sources ===== -->
    <!-- {1} community name, {2} session number, {3} date -->
    <s id="source">
      <nl>{1}, sessie {2}, {3}</nl>
      <fr>{1}, séance {2}, {3}</fr>
    </s>
    <!-- {1} session number, {2} date -->
    <s id="source.session">
      <nl>sessie {1}, {2}</nl>
      <fr>séance {1}, {2}</fr>
    </s>
    <!-- a text in language X, inside a report in language Y -->
    <s id="in.nl">
      <nl>in het Nederlands</nl>
      <fr>en néerlandais</fr>
    </s>
    <s id="in.fr">
      <nl>in het Frans</nl>
      <fr>en français</fr>
    </s>
    <!-- a chosen quote the analysts translated, by its original language -->
    <s id="translated.nl">
      <nl>vertaald uit het Nederlands</nl>
      <fr>traduit du néerlandais</fr>
    </s>
    <s id="translated.fr">
      <nl>vertaald uit het Frans</nl>
      <fr>traduit du français</fr>
    </s>

    <!-- ===== code pairs ===== -->
    <s id="cooc.title">
      <nl>Thema's die samen voorkomen</nl>
      <fr>Thèmes qui vont de pair</fr>
    </s>
    <!-- {1} number of pairs shown -->
    <s id="cooc.intro">
      <nl>De {1} paren van codes die het vaakst samen aan hetzelfde fragment werden toegekend. Ze tonen welke thema's de deelnemers in één adem noemden.</nl>
      <fr>Les {1} paires de codes le plus souvent attribuées ensemble au même passage. Elles montrent quels thèmes les participants ont évoqués d'un même souffle.</fr>
    </s>
    <s id="cooc.none">
      <nl>In deze cyclus kreeg geen enkel fragment meer dan één code.</nl>
      <fr>Au cours de ce cycle, aucun passage n'a reçu plus d'un code.</fr>
    </s>

    <!-- ===== appendix ===== -->
    <s id="app.title">
      <nl>Bijlage: sessies en opvolging per praktijk&#173;gemeenschap</nl>
      <fr>Annexe&#160;: séances et suivis par communauté de pratique</fr>
    </s>
    <s id="app.intro">
      <nl>De opvolgpunten zijn de afspraken die de praktijk&#173;gemeenschappen in hun notities vastlegden: ☐ nog open, ☑ afgewerkt.</nl>
      <fr>Les suivis sont les engagements que les communautés de pratique ont consignés dans leurs notes&#8239;: ☐ encore ouvert, ☑ terminé.</fr>
    </s>
    <s id="app.title.public">
      <nl>Bijlage: sessies per praktijk&#173;gemeenschap</nl>
      <fr>Annexe&#160;: séances par communauté de pratique</fr>
    </s>
    <s id="app.intro.public">
      <nl>De sessies van elke praktijk&#173;gemeenschap in deze cyclus, met hun werkvormen en het aantal aanwezigen.</nl>
      <fr>Les séances de chaque communauté de pratique au cours de ce cycle, avec leurs méthodes et le nombre de présents.</fr>
    </s>
    <s id="app.sessions">
      <nl>Sessies</nl>
      <fr>Séances</fr>
    </s>
    <s id="app.followups">
      <nl>Opvolging</nl>
      <fr>Suivis</fr>
    </s>
    <!-- {1} "3 open", {2} "5 afgewerkt" -->
    <s id="app.followups-count">
      <nl>{1}, {2}</nl>
      <fr>{1}, {2}</fr>
    </s>
    <s id="fu.open.one">
      <nl>{n} open</nl>
      <fr>{n} ouvert</fr>
    </s>
    <s id="fu.open.other">
      <nl>{n} open</nl>
      <fr>{n} ouverts</fr>
    </s>
    <s id="fu.done.one">
      <nl>{n} afgewerkt</nl>
      <fr>{n} terminé</fr>
    </s>
    <s id="fu.done.other">
      <nl>{n} afgewerkt</nl>
      <fr>{n} terminés</fr>
    </s>
    <s id="app.present.one">
      <nl>{n} aanwezige</nl>
      <fr>{n} présent</fr>
    </s>
    <s id="app.present.other">
      <nl>{n} aanwezigen</nl>
      <fr>{n} présents</fr>
    </s>
    <s id="fu.open">
      <nl>open</nl>
      <fr>ouvert</fr>
    </s>
    <s id="fu.done">
      <nl>afgewerkt</nl>
      <fr>terminé</fr>
    </s>
    <s id="fu.none">
      <nl>Geen opvolgpunten genoteerd.</nl>
      <fr>Aucun suivi consigné.</fr>
    </s>
    <s id="app.no-sessions">
      <nl>Geen sessies in deze cyclus.</nl>
      <fr>Aucune séance au cours de ce cycle.</fr>
    </s>

    <!-- ===== words and lists ===== -->
    <!-- the last separator of a list: "A, B en C" -->
    <s id="list.and">
      <nl> en </nl>
      <fr> et </fr>
    </s>
    <s id="list.sep">
      <nl>, </nl>
      <fr>, </fr>
    </s>
    <!-- the first day of a month: "1 januari" / "1er janvier" -->
    <s id="day.first">
      <nl>1</nl>
      <fr>1er</fr>
    </s>
    <s id="month.1"><nl>januari</nl><fr>janvier</fr></s>
    <s id="month.2"><nl>februari</nl><fr>février</fr></s>
    <s id="month.3"><nl>maart</nl><fr>mars</fr></s>
    <s id="month.4"><nl>april</nl><fr>avril</fr></s>
    <s id="month.5"><nl>mei</nl><fr>mai</fr></s>
    <s id="month.6"><nl>juni</nl><fr>juin</fr></s>
    <s id="month.7"><nl>juli</nl><fr>juillet</fr></s>
    <s id="month.8"><nl>augustus</nl><fr>août</fr></s>
    <s id="month.9"><nl>september</nl><fr>septembre</fr></s>
    <s id="month.10"><nl>oktober</nl><fr>octobre</fr></s>
    <s id="month.11"><nl>november</nl><fr>novembre</fr></s>
    <s id="month.12"><nl>december</nl><fr>décembre</fr></s>
  </xsl:variable>

  <xsl:variable name="px:catalogue" select="exsl:node-set($px:strings)"/>

  <!-- an entry's text by "ID LANG": a lookup, where a search of the
       catalogue's entries by id took half of the report's transform -->
  <xsl:key name="px:string" match="s/*" use="concat(../@id, ' ', local-name())"/>

  <!-- the string id in lang; stops the transformation if it is missing -->
  <func:function name="px:str">
    <xsl:param name="id"/>
    <xsl:param name="lang"/>
    <!-- key() looks in the document of the context node: the catalogue's -->
    <xsl:for-each select="$px:catalogue">
      <xsl:variable name="v" select="string(key('px:string', concat($id, ' ', $lang)))"/>
      <xsl:if test="$v = ''">
        <xsl:message terminate="yes">strings.xsl: no '<xsl:value-of select="$lang"/>' text for string '<xsl:value-of select="$id"/>'</xsl:message>
      </xsl:if>
      <func:result select="$v"/>
    </xsl:for-each>
  </func:function>

  <!-- The months' names, <m n="1" lang="nl">januari</m>, by number, for
       a table that writes a date on each of its rows: a function call
       costs about as much as the rest of a row, so such a row writes
       px:date out with these (report.xsl, the appendix): a language's
       month N is $px:months[@lang = $lang][N] -->
  <xsl:variable name="px:months-rtf">
    <xsl:for-each select="$px:catalogue/s[starts-with(@id, 'month.')]/*">
      <xsl:sort select="substring-after(../@id, 'month.')" data-type="number"/>
      <m n="{substring-after(../@id, 'month.')}" lang="{local-name()}"><xsl:value-of select="."/></m>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="px:months" select="exsl:node-set($px:months-rtf)/m"/>

  <xsl:template name="str">
    <xsl:param name="id"/>
    <xsl:param name="lang"/>
    <xsl:value-of select="px:str($id, $lang)"/>
  </xsl:template>

  <!-- replace every occurrence of $what in $in by $with -->
  <func:function name="px:replace">
    <xsl:param name="in"/>
    <xsl:param name="what"/>
    <xsl:param name="with"/>
    <xsl:choose>
      <xsl:when test="$what != '' and contains($in, $what)">
        <func:result select="concat(substring-before($in, $what), $with,
                                    px:replace(substring-after($in, $what), $what, $with))"/>
      </xsl:when>
      <xsl:otherwise>
        <func:result select="string($in)"/>
      </xsl:otherwise>
    </xsl:choose>
  </func:function>

  <func:function name="px:fmt">
    <xsl:param name="id"/>
    <xsl:param name="lang"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:param name="a4" select="''"/>
    <func:result select="px:replace(px:replace(px:replace(px:replace(
                           px:str($id, $lang), '{1}', $a1), '{2}', $a2), '{3}', $a3), '{4}', $a4)"/>
  </func:function>

  <func:function name="px:num">
    <xsl:param name="n"/>
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$lang = 'fr'">
        <func:result select="format-number($n, '#&#8239;##0,#', 'fr')"/>
      </xsl:when>
      <xsl:otherwise>
        <func:result select="format-number($n, '#.##0,#', 'nl')"/>
      </xsl:otherwise>
    </xsl:choose>
  </func:function>

  <func:function name="px:plural">
    <xsl:param name="id"/>
    <xsl:param name="n"/>
    <xsl:param name="lang"/>
    <xsl:variable name="form">
      <xsl:choose>
        <xsl:when test="number($n) = 1">.one</xsl:when>
        <xsl:otherwise>.other</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <func:result select="px:replace(px:str(concat($id, $form), $lang), '{n}', px:num($n, $lang))"/>
  </func:function>

  <func:function name="px:date">
    <xsl:param name="d"/>
    <xsl:param name="lang"/>
    <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
    <xsl:variable name="dd">
      <xsl:choose>
        <xsl:when test="$day = 1"><xsl:value-of select="px:str('day.first', $lang)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$day"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <func:result select="concat($dd, '&#160;', px:str(concat('month.', number(substring($d, 6, 2))), $lang),
                                ' ', substring($d, 1, 4))"/>
  </func:function>

  <func:function name="px:month-year">
    <xsl:param name="d"/>
    <xsl:param name="lang"/>
    <func:result select="concat(px:str(concat('month.', number(substring($d, 6, 2))), $lang),
                                ' ', substring($d, 1, 4))"/>
  </func:function>

</xsl:stylesheet>
