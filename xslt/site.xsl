<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl - one page of the static site (schema/site.rng) as HTML: the
  home page, a community, a code, a note. Links are relative, so the site
  works from file:// as well as on a web host; every page links to the
  same page in the other language. Everything from the notes is text; a
  note's own HTML is never passed through.

  The public site (page/@audience = 'public') carries only counts,
  sessions by date and number and the codebook's words; the internal one
  says so on every page. With page/@search = 'true', Pagefind indexes the
  page's <main> (data-pagefind-body) and its filters (community, cycle,
  code), and the page carries Pagefind's search box.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:praxis:site:1"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:bs="urn:praxis:brief-strings"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="p cm bs exsl">
  <xsl:include href="ui-strings.xsl"/>
  <xsl:include href="note-body.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:param name="lang" select="'nl'"/>
  <xsl:param name="css" select="''"/>
  <xsl:param name="generated" select="''"/>

  <xsl:key name="by-community" match="p:code-page/p:segment" use="@community"/>
  <xsl:key name="occ-by-community" match="p:code-page/p:occurrence" use="@community"/>
  <!-- a code page's segments (internal) or occurrences (public) come
       ordered by community, then cycle (site.c): a group starts where the
       value changes from the element before; the first of a cycle is among
       the starts of its runs, so its key holds those only (a key() call
       copies its node set: keys over every element made each page
       quadratic) -->
  <xsl:key name="cycle-run" match="p:code-page/p:segment[not(@cycle = preceding-sibling::p:segment[1]/@cycle)]
                                 | p:code-page/p:occurrence[not(@cycle = preceding-sibling::p:occurrence[1]/@cycle)]" use="@cycle"/>
  <!-- the home page's heat map: a cell by code and community -->
  <xsl:key name="cell" match="p:heat/p:category/p:code/p:cell" use="concat(../@id, ' ', @community)"/>

  <xsl:variable name="page" select="/p:page"/>
  <xsl:variable name="root" select="/p:page/@root"/>
  <xsl:variable name="other" select="substring('frnl', 1 + 2 * number($lang = 'fr'), 2)"/>

  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="l" select="$lang"/>
    <xsl:call-template name="bs:str">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="lang" select="$l"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="href">
    <xsl:param name="to"/>
    <xsl:value-of select="concat($root, $to, '.', $lang, '.html')"/>
  </xsl:template>

  <xsl:template name="community-name">
    <xsl:param name="id"/>
    <xsl:variable name="c" select="$page/p:communities/p:community[@id = $id]"/>
    <xsl:choose>
      <xsl:when test="$c"><xsl:value-of select="$c/p:name[@lang = $lang]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="note-link">
    <xsl:param name="path"/>
    <xsl:call-template name="href">
      <xsl:with-param name="to" select="concat('notes/', substring($path, 1, string-length($path) - 3))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ layout -->

  <xsl:template match="/p:page">
    <xsl:variable name="title"><xsl:apply-templates select="*[2]" mode="title"/></xsl:variable>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:if test="@audience = 'internal'">[<xsl:call-template name="s"><xsl:with-param name="id" select="'internal'"/></xsl:call-template>] </xsl:if><xsl:value-of select="$title"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="'site-title'"/></xsl:call-template></title>
        <link rel="stylesheet" href="{$root}style.css"/>
        <link rel="icon" href="data:,"/>
        <xsl:if test="@search = 'true'">
          <link rel="stylesheet" href="{$root}pagefind/pagefind-ui.css"/>
          <script src="{$root}pagefind/pagefind-ui.js"></script>
        </xsl:if>
        <link rel="alternate" hreflang="{$other}" href="{$root}{@self}.{$other}.html"/>
      </head>
      <body class="site page-{@kind}">
        <a class="skip" href="#main"><xsl:call-template name="s"><xsl:with-param name="id" select="'skip'"/></xsl:call-template></a>
        <xsl:if test="@audience = 'internal'">
          <p class="audience-internal" role="note"><xsl:call-template name="s"><xsl:with-param name="id" select="'internal'"/></xsl:call-template></p>
        </xsl:if>
        <header class="site-header">
          <nav aria-label="praxis">
            <a class="brand" href="{$root}index.{$lang}.html"><xsl:call-template name="s"><xsl:with-param name="id" select="'site-title'"/></xsl:call-template></a>
            <ul>
              <xsl:choose>
                <xsl:when test="p:communities/@nav = 'each'">
                  <xsl:for-each select="p:communities/p:community">
                    <li><a href="{$root}communities/{@id}.{$lang}.html"><xsl:value-of select="p:name[@lang = $lang]"/></a></li>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise>
                  <li><a href="{$root}index.{$lang}.html#communities"><xsl:call-template name="s"><xsl:with-param name="id" select="'communities'"/></xsl:call-template></a></li>
                </xsl:otherwise>
              </xsl:choose>
            </ul>
            <a class="lang-switch" hreflang="{$other}" lang="{$other}" href="{$root}{@self}.{$other}.html">
              <xsl:call-template name="s"><xsl:with-param name="id" select="'other-lang'"/></xsl:call-template>
            </a>
          </nav>
        </header>
        <xsl:if test="@search = 'true'">
            <div id="search" class="search" role="search">
              <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'search'"/></xsl:call-template></xsl:attribute>
            </div>
            <!-- Pagefind's own interface, in the page's language (<html
                 lang>); result links are made from the site's root as
                 served; ?q=WORDS searches at once -->
            <script>
window.addEventListener('DOMContentLoaded', function () {
  var ui = new PagefindUI({ element: '#search', showSubResults: true, showImages: false,
    baseUrl: new URL('<xsl:value-of select="$root"/>.', location.href).pathname });
  var q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
});
            </script>
        </xsl:if>
        <main id="main" data-pagefind-body="">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:apply-templates select="*[2]" mode="filters"/>
          <xsl:apply-templates select="*[2]"/>
        </main>
        <footer class="site-footer"><p>praxis · <xsl:value-of select="@generated"/></p></footer>
      </body>
    </html>
  </xsl:template>

  <!-- =========================================================== filters -->
  <!-- Pagefind's filters, from the page's data: empty elements, so they
       add nothing to the text that is searched -->

  <xsl:template name="filter">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="key"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('filter-', $name)"/></xsl:call-template></xsl:variable>
    <span data-pagefind-filter="{$key}:{$value}"></span>
  </xsl:template>

  <xsl:template match="*" mode="filters"/>

  <xsl:template match="p:community-page" mode="filters">
    <xsl:call-template name="filter"><xsl:with-param name="name" select="'community'"/>
      <xsl:with-param name="value"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@id"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:for-each select="p:cycles/p:cycle">
      <xsl:call-template name="filter"><xsl:with-param name="name" select="'cycle'"/><xsl:with-param name="value" select="@id"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="p:code-page" mode="filters">
    <xsl:call-template name="filter"><xsl:with-param name="name" select="'code'"/><xsl:with-param name="value" select="p:label[@lang = $lang]"/></xsl:call-template>
    <xsl:for-each select="p:segment[not(@community = preceding-sibling::p:segment[1]/@community)]
                          | p:occurrence[not(@community = preceding-sibling::p:occurrence[1]/@community)]">
      <xsl:call-template name="filter"><xsl:with-param name="name" select="'community'"/>
        <xsl:with-param name="value"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template></xsl:with-param></xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="(p:segment[not(@cycle = preceding-sibling::p:segment[1]/@cycle)]
                           | p:occurrence[not(@cycle = preceding-sibling::p:occurrence[1]/@cycle)])[generate-id() = generate-id(key('cycle-run', @cycle)[1])]">
      <xsl:call-template name="filter"><xsl:with-param name="name" select="'cycle'"/><xsl:with-param name="value" select="@cycle"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="p:note-page" mode="filters">
    <xsl:call-template name="filter"><xsl:with-param name="name" select="'community'"/>
      <xsl:with-param name="value"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:call-template name="filter"><xsl:with-param name="name" select="'cycle'"/><xsl:with-param name="value" select="@cycle"/></xsl:call-template>
    <xsl:for-each select="p:code">
      <xsl:call-template name="filter"><xsl:with-param name="name" select="'code'"/><xsl:with-param name="value" select="p:label[@lang = $lang]"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================== home -->

  <xsl:template match="p:home" mode="title">
    <xsl:call-template name="s"><xsl:with-param name="id" select="'site-title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="p:home">
    <section id="communities">
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'communities'"/></xsl:call-template></h2>
      <ul class="cards">
        <xsl:for-each select="$page/p:communities/p:community">
          <li><a href="{$root}communities/{@id}.{$lang}.html"><strong><xsl:value-of select="p:name[@lang = $lang]"/></strong></a>
            <br/><span class="muted"><xsl:value-of select="p:zone[@lang = $lang]"/></span></li>
        </xsl:for-each>
      </ul>
    </section>
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'cycles'"/></xsl:call-template></h2>
      <ul>
        <xsl:for-each select="p:cycles/p:cycle">
          <li><xsl:value-of select="@id"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="'notes-count'"/><xsl:with-param name="a1" select="@notes"/></xsl:call-template>
            <xsl:if test="@report"> · <a href="{$root}reports/{@id}.{$lang}.html"><xsl:call-template name="s"><xsl:with-param name="id" select="'report'"/></xsl:call-template></a></xsl:if></li>
        </xsl:for-each>
      </ul>
    </section>
    <xsl:if test="p:latest">
      <section>
        <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'latest'"/></xsl:call-template></h2>
        <ul class="notes"><xsl:apply-templates select="p:latest/p:note-ref"/></ul>
      </section>
    </xsl:if>
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'heat'"/></xsl:call-template></h2>
      <xsl:apply-templates select="p:heat"/>
    </section>
  </xsl:template>

  <xsl:template match="p:note-ref">
    <li>
      <a href="{$root}notes/{substring(@path, 1, string-length(@path) - 3)}.{$lang}.html">
        <xsl:value-of select="@date"/> · <xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>
        <xsl:value-of select="concat(' #', @session)"/>
      </a>
      <xsl:if test="p:title"> — <span lang="{@lang}"><xsl:value-of select="p:title"/></span></xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="p:heat">
    <xsl:variable name="communities" select="$page/p:communities/p:community"/>
    <xsl:variable name="nc" select="count($communities)"/>
    <xsl:variable name="max">
      <xsl:for-each select="p:category/p:code/p:cell/@segments">
        <xsl:sort data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rows" select="count(p:category/p:code) + count(p:category)"/>
    <figure class="heatmap">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {300 + 70 * $nc} {40 + 18 * $rows}" width="100%" role="img">
        <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'heat-caption'"/></xsl:call-template></xsl:attribute>
        <xsl:for-each select="$communities">
          <text x="{300 + 70 * (position() - 1) + 35}" y="25" font-size="11" text-anchor="middle"><xsl:value-of select="@id"/></text>
        </xsl:for-each>
        <xsl:for-each select="p:category">
          <xsl:variable name="before" select="count(preceding-sibling::p:category/p:code) + count(preceding-sibling::p:category)"/>
          <text x="0" y="{40 + 18 * $before + 12}" font-size="11" font-weight="bold"><xsl:value-of select="p:label[@lang = $lang]"/></text>
          <xsl:for-each select="p:code">
            <xsl:variable name="row" select="$before + position()"/>
            <xsl:variable name="code" select="."/>
            <a href="{$root}codes/{@id}.{$lang}.html">
              <text x="8" y="{40 + 18 * $row + 12}" font-size="11"><xsl:value-of select="substring(p:label[@lang = $lang], 1, 44)"/></text>
            </a>
            <xsl:for-each select="$communities">
              <xsl:variable name="id" select="@id"/>
              <xsl:variable name="v" select="number(concat('0', key('cell', concat($code/@id, ' ', $id))/@segments))"/>
              <rect x="{300 + 70 * (position() - 1)}" y="{40 + 18 * $row}" width="66" height="16"
                    fill="#1f5f8b" fill-opacity="{0.06 + 0.94 * $v div ($max + number($max = 0))}">
                <title><xsl:value-of select="concat($id, ': ', $v)"/></title>
              </rect>
              <text x="{300 + 70 * (position() - 1) + 33}" y="{40 + 18 * $row + 12}" font-size="10" text-anchor="middle"><xsl:value-of select="$v"/></text>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </svg>
      <figcaption><xsl:call-template name="s"><xsl:with-param name="id" select="'heat-caption'"/></xsl:call-template></figcaption>
    </figure>
  </xsl:template>

  <!-- ========================================================= community -->

  <xsl:template match="p:community-page" mode="title">
    <xsl:call-template name="community-name"><xsl:with-param name="id" select="@id"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="p:community-page">
    <xsl:variable name="id" select="@id"/>
    <p class="lead"><xsl:value-of select="$page/p:communities/p:community[@id = $id]/p:zone[@lang = $lang]"/>
      <xsl:if test="p:moderator"> · <xsl:for-each select="p:moderator"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each></xsl:if></p>
    <xsl:if test="$page/@audience = 'internal' and p:sessions/p:note-ref">
      <p><a class="button" href="{$root}communities/{@id}.brief.{$lang}.html"><xsl:call-template name="s"><xsl:with-param name="id" select="'brief-link'"/></xsl:call-template></a></p>
    </xsl:if>
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'sessions'"/></xsl:call-template></h2>
      <table>
        <thead><tr><th><xsl:call-template name="s"><xsl:with-param name="id" select="'cycles'"/></xsl:call-template></th><th>#</th><th>📅</th>
          <th><xsl:call-template name="s"><xsl:with-param name="id" select="'attendance'"/></xsl:call-template></th><th></th></tr></thead>
        <tbody>
          <xsl:for-each select="p:sessions/p:note-ref">
            <tr><td><xsl:value-of select="@cycle"/></td><td><xsl:value-of select="@session"/></td>
              <td><xsl:choose>
                <xsl:when test="@path"><a><xsl:attribute name="href"><xsl:call-template name="note-link"><xsl:with-param name="path" select="@path"/></xsl:call-template></xsl:attribute><xsl:value-of select="@date"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
              </xsl:choose></td>
              <td class="num"><xsl:value-of select="@attendance"/></td>
              <td lang="{@lang}"><xsl:value-of select="p:title"/></td></tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'codes'"/></xsl:call-template></h2>
      <ul class="tags">
        <xsl:for-each select="p:codes/p:code">
          <li><a href="{$root}codes/{@id}.{$lang}.html"><xsl:value-of select="p:label[@lang = $lang]"/></a>
            <xsl:text> </xsl:text><span class="count"><xsl:value-of select="@segments"/></span></li>
        </xsl:for-each>
      </ul>
    </section>
    <xsl:if test="p:followups">
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'all-followups'"/></xsl:call-template></h2>
      <xsl:if test="not(p:followups/p:followup[@done = 'false'])"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'no-followups'"/></xsl:call-template></p></xsl:if>
      <ul class="followups">
        <xsl:for-each select="p:followups/p:followup">
          <li class="done-{@done}">
            <span class="box" aria-hidden="true"><xsl:choose><xsl:when test="@done = 'true'">☑</xsl:when><xsl:otherwise>☐</xsl:otherwise></xsl:choose></span>
            <xsl:text> </xsl:text><xsl:value-of select="."/>
            <xsl:text> </xsl:text>
            <a class="source"><xsl:attribute name="href"><xsl:call-template name="note-link"><xsl:with-param name="path" select="@path"/></xsl:call-template></xsl:attribute>(<xsl:value-of select="concat(@date, ', ', @path, ':', @line)"/>)</a>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== code -->

  <xsl:template match="p:code-page" mode="title">
    <xsl:value-of select="p:label[@lang = $lang]"/>
  </xsl:template>

  <!-- the two texts of a session's count, looked up once per page
       ('n-segments-1' comes first in ui-strings.xsl) -->
  <xsl:variable name="t-segments" select="exsl:node-set($bs:table)/s[@id = 'n-segments' or @id = 'n-segments-1']/*[local-name() = $lang]"/>

  <xsl:template match="p:code-page">
    <p class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'category'"/></xsl:call-template>: <xsl:value-of select="p:category-label[@lang = $lang]"/>
      <xsl:if test="$page/@audience = 'internal'"> · <code>#<xsl:value-of select="@id"/></code></xsl:if>
      <xsl:if test="@ambivalent = 'true'"> · <span class="badge"><xsl:call-template name="s"><xsl:with-param name="id" select="'ambivalent'"/></xsl:call-template></span></xsl:if></p>
    <p class="lead"><xsl:value-of select="p:description[@lang = $lang]"/></p>
    <p><xsl:call-template name="s"><xsl:with-param name="id" select="'segments-notes'"/><xsl:with-param name="a1" select="@segments"/><xsl:with-param name="a2" select="@notes"/></xsl:call-template></p>
    <xsl:if test="not(p:segment | p:occurrence)"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'not-raised'"/></xsl:call-template></p></xsl:if>
    <xsl:for-each select="p:segment[not(@community = preceding-sibling::p:segment[1]/@community)]">
      <xsl:variable name="c" select="@community"/>
      <xsl:variable name="group" select="key('by-community', $c)"/>
      <section>
        <h2><xsl:call-template name="community-name"><xsl:with-param name="id" select="$c"/></xsl:call-template>
          <span class="count"><xsl:value-of select="count($group)"/></span></h2>
        <xsl:for-each select="$group">
          <xsl:if test="not(preceding-sibling::p:segment[1][@community = current()/@community and @cycle = current()/@cycle and @session = current()/@session])">
            <h3><a><xsl:attribute name="href"><xsl:call-template name="note-link"><xsl:with-param name="path" select="@path"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="concat(@cycle, ' #', @session, ' · ', @date)"/></a></h3>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="@kind = 'quote'">
              <blockquote lang="{@lang}"><p><xsl:value-of select="."/></p>
                <footer><code><xsl:value-of select="concat(@path, ':', @line)"/></code></footer></blockquote>
            </xsl:when>
            <xsl:otherwise>
              <p lang="{@lang}" class="segment kind-{@kind}">
                <xsl:if test="@kind = 'followup'"><span class="box" aria-hidden="true">☐ </span></xsl:if>
                <xsl:value-of select="."/>
                <xsl:text> </xsl:text><code class="source"><xsl:value-of select="concat(@path, ':', @line)"/></code></p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:for-each>
    <!-- public: the quotes the analysts chose, then the sessions -->
    <xsl:for-each select="p:quote">
      <blockquote lang="{@lang}"><p><xsl:value-of select="."/></p>
        <footer><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>
          <xsl:value-of select="concat(' · ', @cycle, ' #', @session)"/>
          <xsl:if test="@lang != $lang"> (<xsl:call-template name="s"><xsl:with-param name="id" select="'translated-from'"/>
            <xsl:with-param name="a1"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('lang-', @lang)"/></xsl:call-template></xsl:with-param></xsl:call-template>)</xsl:if></footer></blockquote>
    </xsl:for-each>
    <xsl:for-each select="p:occurrence[not(@community = preceding-sibling::p:occurrence[1]/@community)]">
      <xsl:variable name="group" select="key('occ-by-community', @community)"/>
      <section>
        <h2><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>
          <span class="count"><xsl:value-of select="sum($group/@segments)"/></span></h2>
        <p><xsl:call-template name="s"><xsl:with-param name="id" select="'raised-in'"/><xsl:with-param name="a1" select="count($group)"/></xsl:call-template></p>
        <ul class="sessions">
          <xsl:for-each select="$group">
            <li><xsl:value-of select="concat(@cycle, ' #', @session, ' · ', @date, ' · ')"/>
              <xsl:call-template name="bs:fill">
                <xsl:with-param name="t" select="$t-segments[2 - number(current()/@segments = 1)]"/>
                <xsl:with-param name="a1" select="@segments"/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================== note -->

  <xsl:template match="p:note-page" mode="title">
    <xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>
    <xsl:value-of select="concat(' · ', @cycle, ' #', @session)"/>
    <xsl:if test="p:title"><xsl:value-of select="concat(' · ', p:title)"/></xsl:if>
  </xsl:template>

  <xsl:template match="p:note-page">
    <p class="meta">
      <xsl:value-of select="@date"/>
      <xsl:if test="@attendance"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'attendance'"/></xsl:call-template>: <xsl:value-of select="@attendance"/></xsl:if>
      · <xsl:call-template name="s"><xsl:with-param name="id" select="'author'"/></xsl:call-template>: <xsl:value-of select="@author"/>
      <xsl:if test="p:method"> · <xsl:for-each select="p:method"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="p:label[@lang = $lang]"/></xsl:for-each></xsl:if>
      · <a href="{$root}communities/{@community}.{$lang}.html"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template></a>
    </p>
    <xsl:if test="@lang != $lang">
      <p class="notice"><xsl:call-template name="s"><xsl:with-param name="id" select="'written-in'"/>
        <xsl:with-param name="a1"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('lang-', @lang)"/></xsl:call-template></xsl:with-param></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="p:summary"><p class="lead" lang="{@lang}"><xsl:value-of select="p:summary"/></p></xsl:if>
    <xsl:if test="p:code">
      <ul class="tags">
        <xsl:for-each select="p:code"><li><a href="{$root}codes/{@id}.{$lang}.html"><xsl:value-of select="p:label[@lang = $lang]"/></a></li></xsl:for-each>
      </ul>
    </xsl:if>
    <article class="note" lang="{@lang}">
      <xsl:apply-templates select="p:body/cm:document/node()"/>
    </article>
    <p class="source"><xsl:call-template name="s"><xsl:with-param name="id" select="'source'"/></xsl:call-template>: <code><xsl:value-of select="@path"/></code></p>
  </xsl:template>

  <!-- note-body.xsl asks the page for a code's link and label -->
  <xsl:template name="code-href">
    <xsl:param name="id"/>
    <xsl:value-of select="concat($root, 'codes/', $id, '.', $lang, '.html')"/>
  </xsl:template>
  <xsl:template name="code-title">
    <xsl:param name="id"/>
    <xsl:value-of select="$page/p:note-page/p:code[@id = $id]/p:label[@lang = $lang]"/>
  </xsl:template>
</xsl:stylesheet>
