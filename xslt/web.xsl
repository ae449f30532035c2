<?xml version="1.0" encoding="UTF-8"?>
<!--
  web.xsl - one page of the web app (praxis serve; schema/web.rng) as
  HTML: search, the codebook, a code, the matrices, a note, not found.

  No script and no inline style (the server's Content-Security-Policy
  allows neither): facets, paging, sorting and the language switch are
  links, the search a plain GET form. Every link is in the data, written
  by C; everything from the notes is text, a note's own HTML is never
  passed through (note-body.xsl). The stylesheet is the site's
  (site/report.css, served as /static/report.css), body class "web".
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="urn:praxis:web:1"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:bs="urn:praxis:brief-strings"
    xmlns:ws="urn:praxis:web-strings"
    exclude-result-prefixes="w cm bs ws">
  <!-- imported: the templates below that give a segment's block its
       line's anchor take precedence over note-body.xsl's -->
  <xsl:import href="note-body.xsl"/>
  <xsl:include href="ui-strings.xsl"/>
  <xsl:include href="web-strings.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:param name="lang" select="'nl'"/>
  <xsl:param name="css" select="'/static/report.css'"/>

  <xsl:key name="seg-community" match="w:code-page/w:segments/w:hit" use="@community"/>
  <!-- lookups per matrix cell and per name: keys, so that a page of N
       cells costs N lookups, not N times the columns -->
  <xsl:key name="matrix-col" match="w:matrix/w:col" use="@id"/>
  <xsl:key name="community" match="w:communities/w:community" use="@id"/>
  <xsl:key name="seg-session" match="w:code-page/w:segments/w:hit" use="concat(@community, ' ', @cycle, ' ', @session)"/>

  <xsl:variable name="page" select="/w:page"/>
  <xsl:variable name="other" select="substring('frnl', 1 + 2 * number($lang = 'fr'), 2)"/>

  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:param name="l" select="$lang"/>
    <xsl:call-template name="ws:str">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="lang" select="$l"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="community-name">
    <xsl:param name="id"/>
    <xsl:variable name="c" select="key('community', $id)"/>
    <xsl:choose>
      <xsl:when test="$c"><xsl:value-of select="$c/w:name[@lang = $lang]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- note-body.xsl's questions: a code's link and label -->
  <xsl:template name="code-href">
    <xsl:param name="id"/>
    <xsl:value-of select="$page/w:note-page/w:code[@id = $id]/@href"/>
  </xsl:template>
  <xsl:template name="code-title">
    <xsl:param name="id"/>
    <xsl:value-of select="$page/w:note-page/w:code[@id = $id]/w:label[@lang = $lang]"/>
  </xsl:template>

  <!-- ============================================================ layout -->

  <xsl:template match="/w:page">
    <xsl:variable name="title"><xsl:apply-templates select="*[2]" mode="title"/></xsl:variable>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="'app'"/></xsl:call-template></title>
        <link rel="stylesheet" href="{$css}"/>
        <link rel="icon" href="data:,"/>
        <link rel="alternate" hreflang="{$other}" href="{@switch}"/>
      </head>
      <body class="site web page-{@kind}">
        <a class="skip" href="#main"><xsl:call-template name="s"><xsl:with-param name="id" select="'skip'"/></xsl:call-template></a>
        <header class="site-header">
          <nav aria-label="praxis">
            <a class="brand" href="/?lang={$lang}"><xsl:call-template name="s"><xsl:with-param name="id" select="'app'"/></xsl:call-template></a>
            <ul>
              <li><a href="/?lang={$lang}"><xsl:if test="@kind = 'search'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if><xsl:call-template name="s"><xsl:with-param name="id" select="'search'"/></xsl:call-template></a></li>
              <li><a href="/codes?lang={$lang}"><xsl:if test="@kind = 'codes' or @kind = 'code'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if><xsl:call-template name="s"><xsl:with-param name="id" select="'codes'"/></xsl:call-template></a></li>
              <li><a href="/matrix?lang={$lang}"><xsl:if test="@kind = 'matrix'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if><xsl:call-template name="s"><xsl:with-param name="id" select="'matrix'"/></xsl:call-template></a></li>
            </ul>
            <a class="lang-switch" id="lang-switch" hreflang="{$other}" lang="{$other}" href="{@switch}">
              <xsl:call-template name="s"><xsl:with-param name="id" select="'other-lang'"/></xsl:call-template>
            </a>
          </nav>
        </header>
        <main id="main">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:apply-templates select="*[2]"/>
        </main>
        <footer class="site-footer"><p>praxis · <xsl:value-of select="@generated"/></p></footer>
      </body>
    </html>
  </xsl:template>

  <!-- ========================================================== pieces -->

  <xsl:template match="w:problem">
    <p class="problem" role="alert"><strong><xsl:call-template name="s"><xsl:with-param name="id" select="'problem'"/></xsl:call-template></strong>: <xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="w:code" mode="tag">
    <li><a class="code-tag" href="{@href}"><xsl:value-of select="w:label[@lang = $lang]"/></a></li>
  </xsl:template>

  <xsl:template name="facet-label">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="$name = 'community'"><xsl:call-template name="community-name"><xsl:with-param name="id" select="$value"/></xsl:call-template></xsl:when>
      <xsl:when test="$name = 'kind'"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('kind-', $value)"/></xsl:call-template></xsl:when>
      <xsl:when test="$name = 'in' or $name = 'lang'"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('lang-', $value)"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the filters in force, each with its link that drops it -->
  <xsl:template name="filters">
    <xsl:if test="w:filter">
      <ul class="filters" aria-label="{$lang}">
        <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'filters'"/></xsl:call-template></xsl:attribute>
        <xsl:for-each select="w:filter">
          <li class="filter">
            <span class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('facet-', @name)"/></xsl:call-template>: </span>
            <xsl:choose>
              <xsl:when test="w:code"><xsl:value-of select="w:code/w:label[@lang = $lang]"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="facet-label"><xsl:with-param name="name" select="@name"/><xsl:with-param name="value" select="@value"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
            <xsl:text> </xsl:text>
            <a class="remove" href="{@remove}">
              <xsl:attribute name="title"><xsl:call-template name="s"><xsl:with-param name="id" select="'remove'"/></xsl:call-template></xsl:attribute>✕</a>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:hit">
    <article class="hit" lang="{@lang}">
      <header>
        <a class="note-link" href="{@note}">
          <xsl:choose>
            <xsl:when test="w:title"><xsl:value-of select="w:title"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="@path"/></xsl:otherwise>
          </xsl:choose>
        </a>
        <span class="muted">
          <xsl:text> · </xsl:text><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>
          <xsl:text> · </xsl:text><xsl:value-of select="@cycle"/><xsl:text> · </xsl:text>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'session-n'"/><xsl:with-param name="a1" select="@session"/></xsl:call-template>
          <xsl:text> · </xsl:text><xsl:value-of select="@date"/>
          <xsl:if test="@kind = 'quote' or @kind = 'followup'"><xsl:text> · </xsl:text><xsl:call-template name="s"><xsl:with-param name="id" select="concat('kind-', @kind)"/></xsl:call-template></xsl:if>
        </span>
      </header>
      <xsl:if test="w:heading"><p class="heading muted"><xsl:value-of select="w:heading"/></p></xsl:if>
      <p class="snippet"><xsl:apply-templates select="w:snippet/node()"/></p>
      <xsl:if test="w:code"><ul class="tags"><xsl:apply-templates select="w:code" mode="tag"/></ul></xsl:if>
    </article>
  </xsl:template>

  <xsl:template match="w:mark"><mark><xsl:value-of select="."/></mark></xsl:template>

  <xsl:template match="w:pages">
    <xsl:if test="@last &gt; 1">
      <nav class="pager">
        <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'pages'"/></xsl:call-template></xsl:attribute>
        <xsl:if test="@prev"><a rel="prev" class="prev" href="{@prev}">← <xsl:call-template name="s"><xsl:with-param name="id" select="'prev'"/></xsl:call-template></a></xsl:if>
        <xsl:for-each select="w:p">
          <xsl:if test="position() &gt; 1 and @n - preceding-sibling::w:p[1]/@n &gt; 1"><span class="gap">…</span></xsl:if>
          <xsl:choose>
            <xsl:when test="@current"><span class="current" aria-current="page"><xsl:value-of select="@n"/></span></xsl:when>
            <xsl:otherwise><a href="{@href}"><xsl:value-of select="@n"/></a></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="@next"><a rel="next" class="next" href="{@next}"><xsl:call-template name="s"><xsl:with-param name="id" select="'next'"/></xsl:call-template> →</a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:export">
    <p class="export"><xsl:call-template name="s"><xsl:with-param name="id" select="'export'"/></xsl:call-template>:
      <a class="export-csv" href="{@csv}" download="">CSV</a> · <a class="export-json" href="{@json}">JSON</a></p>
  </xsl:template>

  <!-- ============================================================ search -->

  <xsl:template match="w:search" mode="title">
    <xsl:call-template name="s"><xsl:with-param name="id" select="'search'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="w:search">
    <form class="search-form" method="get" action="/" role="search">
      <label for="q"><xsl:call-template name="s"><xsl:with-param name="id" select="'query'"/></xsl:call-template></label>
      <div class="search-row">
        <input type="search" id="q" name="q" value="{@q}" autocomplete="off">
          <xsl:attribute name="placeholder"><xsl:call-template name="s"><xsl:with-param name="id" select="'query-help'"/></xsl:call-template></xsl:attribute>
        </input>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="id" select="'go'"/></xsl:call-template></button>
      </div>
      <!-- the filters in force stay when a new query is typed -->
      <xsl:for-each select="w:filter[@name != 'since' and @name != 'until']">
        <input type="hidden" name="{@name}" value="{@value}"/>
      </xsl:for-each>
      <xsl:if test="@sort = 'date'"><input type="hidden" name="sort" value="date"/></xsl:if>
      <input type="hidden" name="lang" value="{$lang}"/>
      <p class="dates">
        <label><xsl:call-template name="s"><xsl:with-param name="id" select="'since'"/></xsl:call-template>
          <xsl:text> </xsl:text><input type="date" name="since" value="{w:filter[@name = 'since']/@value}" min="{w:facets/w:dates/@min}" max="{w:facets/w:dates/@max}"/></label>
        <xsl:text> </xsl:text>
        <label><xsl:call-template name="s"><xsl:with-param name="id" select="'until'"/></xsl:call-template>
          <xsl:text> </xsl:text><input type="date" name="until" value="{w:filter[@name = 'until']/@value}" min="{w:facets/w:dates/@min}" max="{w:facets/w:dates/@max}"/></label>
      </p>
    </form>
    <xsl:apply-templates select="w:problem"/>
    <xsl:call-template name="filters"/>
    <div class="search-layout">
      <xsl:if test="w:facets">
        <aside class="facets">
          <xsl:apply-templates select="w:facets"/>
        </aside>
      </xsl:if>
      <section class="results">
        <xsl:choose>
          <xsl:when test="not(w:result)">
            <xsl:if test="not(w:problem)"><p class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'no-query'"/></xsl:call-template></p></xsl:if>
            <xsl:if test="w:start/w:category/w:code">
              <section class="start-codes">
                <xsl:for-each select="w:start/w:category[w:code]">
                  <h2><xsl:value-of select="w:label[@lang = $lang]"/></h2>
                  <ul class="tags"><xsl:apply-templates select="w:code" mode="tag"/></ul>
                </xsl:for-each>
              </section>
            </xsl:if>
          </xsl:when>
          <xsl:when test="w:result/@total = 0">
            <p class="count"><xsl:call-template name="s"><xsl:with-param name="id" select="'no-hits'"/></xsl:call-template></p>
          </xsl:when>
          <xsl:otherwise>
            <p class="count">
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="concat('hits', substring('-capped', 1, 7 * number(w:result/@capped = 'true')))"/>
                <xsl:with-param name="a1" select="w:result/@from"/>
                <xsl:with-param name="a2" select="w:result/@to"/>
                <xsl:with-param name="a3" select="w:result/@total"/>
              </xsl:call-template>
              <span class="sort"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'sort'"/></xsl:call-template>:
                <xsl:for-each select="w:sort">
                  <xsl:if test="position() &gt; 1"> | </xsl:if>
                  <xsl:choose>
                    <xsl:when test="@by = ../@sort"><strong><xsl:call-template name="s"><xsl:with-param name="id" select="concat('sort-', @by)"/></xsl:call-template></strong></xsl:when>
                    <xsl:otherwise><a class="sort-{@by}" href="{@href}"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('sort-', @by)"/></xsl:call-template></a></xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
              </span>
            </p>
            <xsl:apply-templates select="w:result/w:hit"/>
            <xsl:apply-templates select="w:result/w:pages"/>
            <xsl:apply-templates select="w:export"/>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </div>
  </xsl:template>

  <xsl:template match="w:facets">
    <xsl:for-each select="w:facet[w:value]">
      <section class="facet facet-{@name}">
        <h2><xsl:call-template name="s"><xsl:with-param name="id" select="concat('facet-', @name)"/></xsl:call-template></h2>
        <ul><xsl:apply-templates select="w:value"/></ul>
      </section>
    </xsl:for-each>
    <xsl:if test="w:codes/w:category/w:value">
      <section class="facet facet-code">
        <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'facet-code'"/></xsl:call-template></h2>
        <xsl:for-each select="w:codes/w:category[w:value]">
          <h3><xsl:value-of select="w:label[@lang = $lang]"/></h3>
          <ul><xsl:apply-templates select="w:value"/></ul>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:if test="w:dates/@min">
      <section class="facet facet-dates">
        <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'facet-dates'"/></xsl:call-template></h2>
        <p><xsl:value-of select="w:dates/@min"/> – <xsl:value-of select="w:dates/@max"/></p>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:facets//w:value">
    <!-- a code's value sits in <codes>, not in a <facet> -->
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="ancestor::w:codes">code</xsl:when>
        <xsl:otherwise><xsl:value-of select="ancestor::w:facet/@name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <li>
      <a href="{@href}" data-facet="{$name}" data-value="{@id}">
        <xsl:if test="@selected"><xsl:attribute name="class">selected</xsl:attribute><xsl:attribute name="aria-current">true</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="w:label"><xsl:value-of select="w:label[@lang = $lang]"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="facet-label"><xsl:with-param name="name" select="$name"/><xsl:with-param name="value" select="@id"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </a>
      <xsl:text> </xsl:text><span class="n"><xsl:value-of select="@count"/></span>
    </li>
  </xsl:template>

  <!-- ============================================================= codes -->

  <xsl:template match="w:codebook" mode="title">
    <xsl:call-template name="s"><xsl:with-param name="id" select="'codebook'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="w:codebook">
    <xsl:for-each select="w:category">
      <section class="category" id="cat-{@id}">
        <h2><xsl:value-of select="w:label[@lang = $lang]"/></h2>
        <dl class="codes">
          <xsl:for-each select="w:code">
            <dt id="code-{@id}">
              <a href="{@href}"><xsl:value-of select="w:label[@lang = $lang]"/></a>
              <xsl:text> </xsl:text><code class="muted">#<xsl:value-of select="@id"/></code>
              <xsl:if test="@ambivalent = 'true'"><xsl:text> </xsl:text><span class="badge"><xsl:call-template name="s"><xsl:with-param name="id" select="'ambivalent'"/></xsl:call-template></span></xsl:if>
              <xsl:text> </xsl:text><span class="n"><xsl:call-template name="s"><xsl:with-param name="id" select="'segments-notes'"/><xsl:with-param name="a1" select="@segments"/><xsl:with-param name="a2" select="@notes"/></xsl:call-template></span>
            </dt>
            <dd>
              <xsl:value-of select="w:description[@lang = $lang]"/>
              <xsl:if test="w:alias">
                <br/><span class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'aliases'"/></xsl:call-template>: </span>
                <xsl:for-each select="w:alias"><xsl:if test="position() &gt; 1">, </xsl:if><span lang="{@lang}">#<xsl:value-of select="."/></span></xsl:for-each>
              </xsl:if>
            </dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="w:export"/>
  </xsl:template>

  <!-- ============================================================== code -->

  <xsl:template match="w:code-page" mode="title">
    <xsl:value-of select="w:label[@lang = $lang]"/>
  </xsl:template>

  <xsl:template match="w:code-page">
    <p class="lead">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'category'"/></xsl:call-template>: <xsl:value-of select="w:category-label[@lang = $lang]"/>
      · <code>#<xsl:value-of select="@id"/></code>
      <xsl:if test="@ambivalent = 'true'"> · <span class="badge"><xsl:call-template name="s"><xsl:with-param name="id" select="'ambivalent'"/></xsl:call-template></span></xsl:if>
      · <xsl:call-template name="s"><xsl:with-param name="id" select="'segments-notes'"/><xsl:with-param name="a1" select="@segments"/><xsl:with-param name="a2" select="@notes"/></xsl:call-template>
    </p>
    <p><xsl:value-of select="w:description[@lang = $lang]"/></p>
    <xsl:if test="w:alias">
      <p class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'aliases'"/></xsl:call-template>:
        <xsl:for-each select="w:alias"><xsl:if test="position() &gt; 1">, </xsl:if><span lang="{@lang}">#<xsl:value-of select="."/></span></xsl:for-each></p>
    </xsl:if>
    <xsl:apply-templates select="w:problem"/>
    <xsl:call-template name="filters"/>
    <xsl:apply-templates select="w:timeline"/>
    <section class="segments">
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'segments'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="w:segments/@total = 0"><p class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'no-segments'"/></xsl:call-template></p></xsl:when>
        <xsl:otherwise>
          <p class="count"><xsl:call-template name="s"><xsl:with-param name="id" select="'segments-range'"/>
            <xsl:with-param name="a1" select="w:segments/@from"/><xsl:with-param name="a2" select="w:segments/@to"/><xsl:with-param name="a3" select="w:segments/@total"/></xsl:call-template></p>
          <!-- the QDA code retrieval: by community, then session -->
          <xsl:for-each select="w:segments/w:hit[generate-id() = generate-id(key('seg-community', @community)[1])]">
            <section class="community-group">
              <h3><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template></h3>
              <xsl:for-each select="key('seg-community', @community)[generate-id() = generate-id(key('seg-session', concat(@community, ' ', @cycle, ' ', @session))[1])]">
                <h4 class="session"><xsl:value-of select="@cycle"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="'session-n'"/><xsl:with-param name="a1" select="@session"/></xsl:call-template> · <xsl:value-of select="@date"/></h4>
                <xsl:apply-templates select="key('seg-session', concat(@community, ' ', @cycle, ' ', @session))"/>
              </xsl:for-each>
            </section>
          </xsl:for-each>
          <xsl:apply-templates select="w:segments/w:pages"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="w:export"/>
    </section>
  </xsl:template>

  <!-- the timeline: a bar per session number, a group per cycle (SVG:
       presentation attributes, no inline style) -->
  <xsl:template match="w:timeline">
    <xsl:if test="w:cycle">
      <xsl:variable name="max">
        <xsl:for-each select="w:cycle/w:session/@segments">
          <xsl:sort data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="m" select="number(concat('0', $max)) + number(number(concat('0', $max)) = 0)"/>
      <xsl:variable name="bars" select="count(w:cycle/w:session)"/>
      <xsl:variable name="width" select="14 * $bars + 40 * count(w:cycle) + 10"/>
      <section class="timeline">
        <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'timeline'"/></xsl:call-template></h2>
        <figure>
          <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$width} 110" width="{$width}" height="110" role="img">
            <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'timeline-caption'"/></xsl:call-template></xsl:attribute>
            <xsl:for-each select="w:cycle">
              <xsl:variable name="x0" select="14 * count(preceding-sibling::w:cycle/w:session) + 40 * count(preceding-sibling::w:cycle) + 10"/>
              <text x="{$x0}" y="106" font-size="10"><xsl:value-of select="@id"/></text>
              <xsl:for-each select="w:session">
                <xsl:variable name="h" select="round(80 * @segments div $m)"/>
                <rect x="{$x0 + 14 * (position() - 1)}" y="{88 - $h}" width="11" height="{$h}" fill="#1d767c">
                  <title><xsl:value-of select="../@id"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="'session-n'"/><xsl:with-param name="a1" select="@n"/></xsl:call-template>: <xsl:value-of select="@segments"/></title>
                </rect>
                <text x="{$x0 + 14 * (position() - 1) + 5.5}" y="96" font-size="7" text-anchor="middle"><xsl:value-of select="@n"/></text>
              </xsl:for-each>
            </xsl:for-each>
          </svg>
          <figcaption><xsl:call-template name="s"><xsl:with-param name="id" select="'timeline-caption'"/></xsl:call-template></figcaption>
        </figure>
        <ul class="inline">
          <xsl:for-each select="w:cycle"><li><xsl:value-of select="@id"/>: <xsl:value-of select="@segments"/></li></xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ matrix -->

  <xsl:template match="w:matrix" mode="title">
    <xsl:call-template name="s"><xsl:with-param name="id" select="concat('matrix-', @cols)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="w:matrix">
    <nav class="views">
      <ul class="inline">
        <xsl:for-each select="w:view">
          <li>
            <xsl:choose>
              <xsl:when test="@cols = ../@cols"><strong><xsl:call-template name="s"><xsl:with-param name="id" select="concat('matrix-', @cols)"/></xsl:call-template></strong></xsl:when>
              <xsl:otherwise><a class="view-{@cols}" href="{@href}"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('matrix-', @cols)"/></xsl:call-template></a></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:apply-templates select="w:problem"/>
    <xsl:choose>
      <xsl:when test="w:choose">
        <!-- sessions are one community's: which one -->
        <p><xsl:call-template name="s"><xsl:with-param name="id" select="'matrix-choose'"/></xsl:call-template></p>
        <ul class="inline choose">
          <xsl:for-each select="w:choose/w:community">
            <li><a href="{@href}"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@id"/></xsl:call-template></a></li>
          </xsl:for-each>
        </ul>
        <xsl:apply-templates select="w:export"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="matrix-table"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="matrix-table">
    <p class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'matrix-caption'"/></xsl:call-template>
      <xsl:if test="@cycle != ''"> (<xsl:value-of select="@cycle"/>)</xsl:if></p>
    <xsl:variable name="max">
      <xsl:for-each select="w:category/w:row/w:cell/@segments">
        <xsl:sort data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="m" select="number(concat('0', $max)) + number(number(concat('0', $max)) = 0)"/>
    <xsl:variable name="cols" select="w:col"/>
    <xsl:variable name="kind" select="@cols"/>
    <div class="table">
      <table class="matrix matrix-{@cols}">
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col" class="num"><xsl:call-template name="s"><xsl:with-param name="id" select="'total'"/></xsl:call-template></th>
            <xsl:for-each select="$cols">
              <th scope="col" class="num">
                <xsl:choose>
                  <xsl:when test="$kind = 'community'"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@id"/></xsl:call-template></xsl:when>
                  <xsl:when test="$kind = 'session'"><xsl:attribute name="title"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template> · <xsl:value-of select="@cycle"/> · <xsl:value-of select="@date"/></xsl:attribute><span class="vertical"><xsl:value-of select="@community"/> #<xsl:value-of select="@session"/></span></xsl:when>
                  <xsl:otherwise><xsl:attribute name="title"><xsl:value-of select="w:label[@lang = $lang]"/></xsl:attribute><span class="vertical"><xsl:value-of select="substring(w:label[@lang = $lang], 1, 18)"/></span></xsl:otherwise>
                </xsl:choose>
              </th>
            </xsl:for-each>
          </tr>
        </thead>
        <xsl:for-each select="w:category">
          <tbody>
            <tr class="category"><th scope="rowgroup" colspan="{2 + count($cols)}"><xsl:value-of select="w:label[@lang = $lang]"/></th></tr>
            <xsl:for-each select="w:row">
              <xsl:variable name="row" select="."/>
              <tr>
                <th scope="row"><a href="{@href}"><xsl:value-of select="w:label[@lang = $lang]"/></a></th>
                <td class="num total"><xsl:value-of select="@segments"/></td>
                <xsl:for-each select="w:cell">
                  <xsl:variable name="col" select="@col"/>
                  <td class="num cell q{ceiling(5 * @segments div $m)}">
                    <xsl:choose>
                      <xsl:when test="@href">
                        <a href="{@href}" data-row="{$row/@id}" data-col="{@col}">
                          <xsl:attribute name="title">
                            <xsl:call-template name="s"><xsl:with-param name="id" select="'cell'"/>
                              <xsl:with-param name="a1" select="@segments"/>
                              <xsl:with-param name="a2" select="$row/w:label[@lang = $lang]"/>
                              <xsl:with-param name="a3">
                                <xsl:choose>
                                  <xsl:when test="$kind = 'community'"><xsl:call-template name="community-name"><xsl:with-param name="id" select="$col"/></xsl:call-template></xsl:when>
                                  <xsl:when test="$kind = 'session'"><xsl:for-each select="key('matrix-col', $col)"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template>, <xsl:call-template name="s"><xsl:with-param name="id" select="'session-n'"/><xsl:with-param name="a1" select="@session"/></xsl:call-template> (<xsl:value-of select="@date"/>)</xsl:for-each></xsl:when>
                                  <xsl:otherwise><xsl:value-of select="key('matrix-col', $col)/w:label[@lang = $lang]"/></xsl:otherwise>
                                </xsl:choose>
                              </xsl:with-param>
                            </xsl:call-template>
                          </xsl:attribute>
                          <xsl:value-of select="@segments"/>
                        </a>
                      </xsl:when>
                      <xsl:otherwise><span class="zero">·</span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </xsl:for-each>
      </table>
    </div>
    <xsl:apply-templates select="w:export"/>
  </xsl:template>

  <!-- ============================================================== note -->

  <xsl:template match="w:note-page" mode="title">
    <xsl:choose>
      <xsl:when test="w:title"><xsl:value-of select="w:title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@path"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="w:note-page">
    <xsl:if test="@version">
      <p class="notice version"><xsl:call-template name="s"><xsl:with-param name="id" select="'shown-version'"/><xsl:with-param name="a1" select="substring(@version, 1, 10)"/></xsl:call-template>
        <a href="{@head}"><xsl:call-template name="s"><xsl:with-param name="id" select="'to-head'"/></xsl:call-template></a></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="w:unreadable"><p class="notice"><xsl:call-template name="s"><xsl:with-param name="id" select="'unreadable'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <p class="lead">
          <xsl:if test="@community"><xsl:call-template name="community-name"><xsl:with-param name="id" select="@community"/></xsl:call-template></xsl:if>
          <xsl:if test="@cycle"> · <xsl:value-of select="@cycle"/></xsl:if>
          <xsl:if test="@session"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'session-n'"/><xsl:with-param name="a1" select="@session"/></xsl:call-template></xsl:if>
          <xsl:if test="@date"> · <xsl:value-of select="@date"/></xsl:if>
          <xsl:if test="@attendance"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'attendance'"/><xsl:with-param name="a1" select="@attendance"/></xsl:call-template></xsl:if>
          <xsl:if test="@author"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'author'"/></xsl:call-template>: <xsl:value-of select="@author"/></xsl:if>
        </p>
        <xsl:if test="@lang != $lang">
          <p class="notice"><xsl:call-template name="s"><xsl:with-param name="id" select="'written-in'"/>
            <xsl:with-param name="a1"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('lang-', @lang)"/></xsl:call-template></xsl:with-param></xsl:call-template></p>
        </xsl:if>
        <xsl:if test="w:summary"><p class="lead" lang="{@lang}"><xsl:value-of select="w:summary"/></p></xsl:if>
        <xsl:if test="w:method">
          <p><span class="muted"><xsl:call-template name="s"><xsl:with-param name="id" select="'methods'"/></xsl:call-template>: </span>
            <xsl:for-each select="w:method"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="w:label[@lang = $lang]"/></xsl:for-each></p>
        </xsl:if>
        <xsl:if test="w:code"><ul class="tags"><xsl:apply-templates select="w:code" mode="tag"/></ul></xsl:if>
        <xsl:if test="w:followup">
          <section class="followups">
            <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'followups'"/></xsl:call-template></h2>
            <ul class="tasks">
              <xsl:for-each select="w:followup">
                <li class="task done-{@done}" lang="{../@lang}">
                  <span class="box"><xsl:choose><xsl:when test="@done = 'true'">☑ </xsl:when><xsl:otherwise>☐ </xsl:otherwise></xsl:choose></span>
                  <xsl:value-of select="."/>
                  <!-- the state in words, and its own colour -->
                  <xsl:variable name="state" select="substring('opendone', 1 + 4 * number(@done = 'true'), 4)"/>
                  <xsl:text> </xsl:text><span class="badge state-{$state}"><xsl:call-template name="s"><xsl:with-param name="id" select="$state"/></xsl:call-template></span>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
        <article class="note" lang="{@lang}">
          <xsl:apply-templates select="w:body/cm:document/node()"/>
        </article>
      </xsl:otherwise>
    </xsl:choose>
    <p class="source"><xsl:call-template name="s"><xsl:with-param name="id" select="'source'"/></xsl:call-template>: <code><xsl:value-of select="@path"/></code></p>
    <section class="history">
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'history'"/></xsl:call-template></h2>
      <ol class="commits">
        <xsl:for-each select="w:history/w:commit">
          <li>
            <xsl:if test="@current"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
            <time><xsl:value-of select="@time"/></time> · <xsl:value-of select="@author"/> · <xsl:call-template name="s"><xsl:with-param name="id" select="concat('change-', @change)"/></xsl:call-template>
            · <q><xsl:value-of select="."/></q>
            <xsl:text> </xsl:text><code class="muted"><xsl:value-of select="substring(@id, 1, 10)"/></code>
            <xsl:if test="@href"> · <a class="version" href="{@href}"><xsl:call-template name="s"><xsl:with-param name="id" select="'view-version'"/></xsl:call-template></a></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <!-- every block a segment starts with has the id L<line> (its line in
       the note), so that a hit's or a coded segment's link #L<line> lands
       on it: a paragraph (not the single one of a list item, which the
       item holds), a list item, a follow-up, a table row -->
  <xsl:variable name="body-line" select="number($page/w:note-page/w:body/@line) - 1"/>
  <xsl:template name="line-id">
    <xsl:if test="@sourcepos">
      <xsl:attribute name="id">L<xsl:value-of select="number(substring-before(@sourcepos, ':')) + $body-line"/></xsl:attribute>
    </xsl:if>
  </xsl:template>
  <xsl:template match="cm:paragraph"><p><xsl:call-template name="line-id"/><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="cm:item/cm:paragraph | cm:tasklist/cm:paragraph"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="cm:item/cm:paragraph[count(../cm:paragraph) = 1] | cm:tasklist/cm:paragraph[count(../cm:paragraph) = 1]" priority="1"><xsl:apply-templates/></xsl:template>
  <xsl:template match="cm:item"><li><xsl:call-template name="line-id"/><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="cm:tasklist">
    <li class="task done-{@completed = 'true'}">
      <xsl:call-template name="line-id"/>
      <span class="box"><xsl:choose><xsl:when test="@completed = 'true'">☑ </xsl:when><xsl:otherwise>☐ </xsl:otherwise></xsl:choose></span>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <xsl:template match="cm:table_row"><tr><xsl:call-template name="line-id"/><xsl:for-each select="cm:table_cell"><td><xsl:apply-templates/></td></xsl:for-each></tr></xsl:template>

  <!-- ============================================================= error -->

  <xsl:template match="w:error" mode="title">
    <xsl:choose>
      <xsl:when test="@status = 404"><xsl:call-template name="s"><xsl:with-param name="id" select="'not-found-title'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'error-title'"/><xsl:with-param name="a1" select="@status"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="w:error">
    <xsl:if test="@status = 404"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'not-found'"/></xsl:call-template></p></xsl:if>
    <xsl:for-each select="w:problem"><p class="problem" role="alert"><xsl:value-of select="."/></p></xsl:for-each>
    <p><a href="/?lang={$lang}"><xsl:call-template name="s"><xsl:with-param name="id" select="'search'"/></xsl:call-template></a></p>
  </xsl:template>
</xsl:stylesheet>
