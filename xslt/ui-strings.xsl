<?xml version="1.0" encoding="UTF-8"?>
<!-- The words of the brief and the site, in Dutch and French: every one in both. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:bs="urn:praxis:brief-strings"
    exclude-result-prefixes="exsl bs">

  <xsl:variable name="bs:table">
    <s id="title"><nl>Voorbereiding van de volgende sessie</nl><fr>Préparation de la prochaine séance</fr></s>
    <s id="progress"><nl>Volgende sessie: %1 van ongeveer %2 (cyclus %3)</nl><fr>Prochaine séance : %1 sur environ %2 (cycle %3)</fr></s>
    <s id="moderators"><nl>Moderatoren</nl><fr>Modérateurs</fr></s>
    <s id="last"><nl>Vorige sessie</nl><fr>Dernière séance</fr></s>
    <s id="session"><nl>sessie</nl><fr>séance</fr></s>
    <s id="attendance"><nl>Aanwezigen</nl><fr>Présents</fr></s>
    <s id="methods"><nl>Werkvormen</nl><fr>Méthodes</fr></s>
    <s id="codes"><nl>Aangehaalde thema's</nl><fr>Thèmes abordés</fr></s>
    <s id="followups"><nl>Open opvolgpunten</nl><fr>Suivis ouverts</fr></s>
    <s id="no-followups"><nl>Geen open opvolgpunten.</nl><fr>Aucun suivi ouvert.</fr></s>
    <s id="closed"><nl>Afgesloten sinds de vorige sessie</nl><fr>Clôturés depuis la dernière séance</fr></s>
    <s id="closed-line"><nl>afgevinkt op %1 door %2</nl><fr>coché le %1 par %2</fr></s>
    <s id="recurring"><nl>Thema's die terugkomen</nl><fr>Thèmes récurrents</fr></s>
    <s id="no-recurring"><nl>Nog geen thema kwam in twee sessies terug.</nl><fr>Aucun thème n'est encore revenu dans deux séances.</fr></s>
    <s id="recurring-line"><nl>%1 sessies, %2 segmenten; elders: %3 segmenten in %4 gemeenschappen</nl><fr>%1 séances, %2 segments ; ailleurs : %3 segments dans %4 communautés</fr></s>
    <s id="elsewhere"><nl>Wat andere gemeenschappen onlangs zeiden</nl><fr>Ce que d'autres communautés ont dit récemment</fr></s>
    <s id="no-elsewhere"><nl>Andere gemeenschappen spraken nog niet over deze thema's.</nl><fr>Les autres communautés n'ont pas encore abordé ces thèmes.</fr></s>
    <s id="trend"><nl>Aanwezigheid per sessie</nl><fr>Présences par séance</fr></s>
    <s id="site-title"><nl>Praktijkgemeenschappen</nl><fr>Communautés de pratique</fr></s>
    <s id="home"><nl>Start</nl><fr>Accueil</fr></s>
    <s id="communities"><nl>Gemeenschappen</nl><fr>Communautés</fr></s>
    <s id="codes-title"><nl>Codeboek</nl><fr>Livre de codes</fr></s>
    <s id="cycles"><nl>Cycli</nl><fr>Cycles</fr></s>
    <s id="notes-count"><nl>%1 notities</nl><fr>%1 notes</fr></s>
    <s id="report"><nl>Syntheserapport</nl><fr>Rapport de synthèse</fr></s>
    <s id="latest"><nl>Laatste notities</nl><fr>Dernières notes</fr></s>
    <s id="heat"><nl>Codes per gemeenschap</nl><fr>Codes par communauté</fr></s>
    <s id="heat-caption"><nl>Aantal gecodeerde segmenten per code en per gemeenschap.</nl><fr>Nombre de segments codés par code et par communauté.</fr></s>
    <s id="other-lang"><nl>Français</nl><fr>Nederlands</fr></s>
    <s id="sessions"><nl>Sessies</nl><fr>Séances</fr></s>
    <s id="brief-link"><nl>Voorbereiding van de volgende sessie</nl><fr>Préparation de la prochaine séance</fr></s>
    <s id="all-followups"><nl>Opvolgpunten</nl><fr>Suivis</fr></s>
    <s id="segments-notes"><nl>%1 segmenten in %2 notities</nl><fr>%1 segments dans %2 notes</fr></s>
    <s id="not-raised"><nl>Nog nergens aangehaald.</nl><fr>Pas encore abordé.</fr></s>
    <s id="category"><nl>Categorie</nl><fr>Catégorie</fr></s>
    <s id="ambivalent"><nl>ambivalent</nl><fr>ambivalent</fr></s>
    <s id="author"><nl>Verslag</nl><fr>Rapporteur</fr></s>
    <s id="written-in"><nl>Geschreven in het %1</nl><fr>Rédigé en %1</fr></s>
    <s id="lang-nl"><nl>Nederlands</nl><fr>néerlandais</fr></s>
    <s id="lang-fr"><nl>Frans</nl><fr>français</fr></s>
    <s id="quote"><nl>citaat</nl><fr>citation</fr></s>
    <s id="followup"><nl>opvolgpunt</nl><fr>suivi</fr></s>
    <s id="source"><nl>Bron</nl><fr>Source</fr></s>
    <s id="skip"><nl>Naar de inhoud</nl><fr>Aller au contenu</fr></s>
    <s id="colon"><nl>: </nl><fr> : </fr></s>
    <s id="semicolon"><nl>; </nl><fr> ; </fr></s>
    <s id="unknown"><nl>onbekend</nl><fr>inconnu</fr></s>
    <s id="internal"><nl>Intern document: niet publiceren</nl><fr>Document interne : ne pas publier</fr></s>
    <s id="search"><nl>Zoeken</nl><fr>Rechercher</fr></s>
    <s id="raised-in"><nl>Aangehaald in %1 sessies</nl><fr>Abordé dans %1 séances</fr></s>
    <s id="n-segments-1"><nl>%1 segment</nl><fr>%1 segment</fr></s>
    <s id="filter-community"><nl>Gemeenschap</nl><fr>Communauté</fr></s>
    <s id="filter-cycle"><nl>Cyclus</nl><fr>Cycle</fr></s>
    <s id="filter-code"><nl>Thema</nl><fr>Thème</fr></s>
    <s id="n-segments"><nl>%1 segmenten</nl><fr>%1 segments</fr></s>
    <s id="translated-from"><nl>vertaald uit het %1</nl><fr>traduit du %1</fr></s>
    <s id="generated"><nl>Opgesteld op %1 uit de vastgelegde notities.</nl><fr>Établi le %1 à partir des notes enregistrées.</fr></s>
  </xsl:variable>

  <!-- str: the string `id` in `lang`, with %1..%4 replaced by a1..a4 -->
  <xsl:template name="bs:str">
    <xsl:param name="id"/>
    <xsl:param name="lang"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:param name="a4" select="''"/>
    <xsl:variable name="s" select="exsl:node-set($bs:table)/s[@id = $id]/*[local-name() = $lang]"/>
    <xsl:call-template name="bs:fill">
      <xsl:with-param name="t" select="string($s)"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
      <xsl:with-param name="a4" select="$a4"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="bs:fill">
    <xsl:param name="t"/>
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <xsl:choose>
      <xsl:when test="contains($t, '%')">
        <xsl:value-of select="substring-before($t, '%')"/>
        <xsl:variable name="rest" select="substring-after($t, '%')"/>
        <xsl:variable name="n" select="substring($rest, 1, 1)"/>
        <xsl:choose>
          <xsl:when test="$n = '1'"><xsl:value-of select="$a1"/></xsl:when>
          <xsl:when test="$n = '2'"><xsl:value-of select="$a2"/></xsl:when>
          <xsl:when test="$n = '3'"><xsl:value-of select="$a3"/></xsl:when>
          <xsl:when test="$n = '4'"><xsl:value-of select="$a4"/></xsl:when>
          <xsl:otherwise>%<xsl:value-of select="$n"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="bs:fill">
          <xsl:with-param name="t" select="substring($rest, 2)"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="a2" select="$a2"/>
          <xsl:with-param name="a3" select="$a3"/>
          <xsl:with-param name="a4" select="$a4"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
