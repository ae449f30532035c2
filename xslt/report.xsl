<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl - the cycle's synthesis report ("Praktijkgemeenschappen:
  werking en inputs" / "Communautés de pratique : fonctionnement et
  apports") as one HTML5 document, from the XML that praxis writes for
  `praxis report CYCLE` with its XML option (schema/report.rng,
  namespace urn:praxis:report:1).
  XSLT 1.0 + EXSLT (common, functions, math), as in libxslt 1.1.35.

  Parameters
    lang       'nl', 'fr' or 'both' (default 'nl').  'both' is one
               bilingual document: Dutch left, French right.
    css        the text of the stylesheet (site/report.css), embedded in
               a <style> element; empty: no <style>.
    generated  optional: the date (YYYY-MM-DD) or text to print as the
               generation date; default: report/@generated.

  Every text of the report's own is in strings.xsl, in both languages.
  Everything that comes from the data is written with xsl:value-of (never
  disable-output-escaping), so notes can contain "<", "&" or anything.

  Layout and ids
    The body is a sequence of <section>s; a section is a sequence of
    rows, <div class="row">; a row holds one column per language rendered,
    <div|header|article class="col" lang="nl|fr">, with the same structure
    in every column.  With lang='nl' or 'fr' a row has one column; with
    lang='both' it has two, Dutch then French, side by side (and <html>
    says lang="nl", each column its own lang).  The heat map is the one
    figure shared by both columns: Dutch labels left, French right.

    An id is never on a column, always on the shared element that wraps
    the columns: the <section> (introduction, overview, role, factor, ...,
    cooccurrence, appendix) or the row (a code: id="resource.time";
    a community in the appendix: id="community-zuid").  So every id is
    unique and the same in the three variants: a link to
    report.html#resource.time works in nl, fr and both.

  Text cleaning
    Quotes and follow-ups are shown without the hashtags that code them
    at their end, and without the quotation marks around a whole quote
    (the layout marks a quote).  The note path and line are always given.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:praxis:report:1"
    xmlns:exsl="http://exslt.org/common"
    xmlns:func="http://exslt.org/functions"
    xmlns:math="http://exslt.org/math"
    xmlns:px="urn:praxis:xslt"
    extension-element-prefixes="func"
    exclude-result-prefixes="r exsl func math px">

  <xsl:include href="strings.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:param name="lang" select="'nl'"/>
  <xsl:param name="css" select="''"/>
  <xsl:param name="generated" select="''"/>
  <!-- the public report: '0' leaves out the closing section of figures -->
  <xsl:param name="figures" select="'1'"/>
  <!-- in the site: the home page and this report in the other language -->
  <xsl:param name="home" select="''"/>
  <xsl:param name="switch" select="''"/>

  <!-- ===================================================== data ===== -->

  <xsl:variable name="R" select="/r:report"/>
  <!-- lookups by key, not by a scan per cell or per community: a cycle
       with 150 communities has thousands of cells and follow-ups -->
  <xsl:key name="raised" match="r:code/r:raised" use="concat(../@id, ' ', @community)"/>
  <xsl:key name="community" match="r:communities/r:community" use="@id"/>
  <xsl:key name="followups" match="r:followups/r:followup" use="@community"/>
  <xsl:key name="method" match="r:methods/r:method" use="@id"/>
  <xsl:variable name="communities" select="$R/r:communities/r:community"/>
  <xsl:variable name="categories" select="$R/r:categories/r:category"/>
  <xsl:variable name="chapters" select="$R/r:chapters/r:chapter"/>
  <xsl:variable name="codes" select="$categories/r:code"/>
  <xsl:variable name="ncomm" select="count($communities)"/>
  <xsl:variable name="maxsession" select="number($R/r:totals/@max-session)"/>
  <!-- the data decides what it holds (C leaves out for the public what is
       not theirs); the stylesheet says on every page who it is for -->
  <xsl:variable name="internal" select="$R/@audience = 'internal'"/>

  <!-- the languages rendered, as nodes to iterate over -->
  <xsl:variable name="langs-rtf">
    <xsl:choose>
      <xsl:when test="$lang = 'both'"><l>nl</l><l>fr</l></xsl:when>
      <xsl:otherwise><l><xsl:value-of select="$lang"/></l></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="langs" select="exsl:node-set($langs-rtf)/l"/>

  <!-- the highest count in one heat-map cell and in one sparkline bar -->
  <xsl:variable name="cellmax">
    <xsl:choose>
      <xsl:when test="$codes/r:raised"><xsl:value-of select="math:max($codes/r:raised/@segments)"/></xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="barmax">
    <xsl:choose>
      <xsl:when test="$codes/r:by-session"><xsl:value-of select="math:max($codes/r:by-session/@segments)"/></xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <func:function name="px:is-true">
    <xsl:param name="b"/>
    <func:result select="string($b) = 'true' or string($b) = '1'"/>
  </func:function>

  <func:function name="px:max2">
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:choose>
      <xsl:when test="number($a) &gt;= number($b)"><func:result select="number($a)"/></xsl:when>
      <xsl:otherwise><func:result select="number($b)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- a text for an attribute or a title: without soft hyphens -->
  <func:function name="px:plain">
    <xsl:param name="t"/>
    <func:result select="translate($t, '&#173;', '')"/>
  </func:function>

  <!-- a label as a heading: its first letter in upper case -->
  <func:function name="px:ucfirst">
    <xsl:param name="t"/>
    <func:result select="concat(translate(substring($t, 1, 1),
                                  'abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüœ',
                                  'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ'),
                                substring($t, 2))"/>
  </func:function>

  <!-- what publication.yaml says under $key in $l, or '' -->
  <func:function name="px:pub">
    <xsl:param name="key"/>
    <xsl:param name="l"/>
    <func:result select="string($R/r:publication/*[local-name() = $key][@lang = $l])"/>
  </func:function>

  <!-- the title: publication.yaml's, else the catalogue's -->
  <func:function name="px:title">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="px:pub('title', $l) != ''"><func:result select="px:pub('title', $l)"/></xsl:when>
      <xsl:otherwise><func:result select="px:str('doc.title', $l)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <func:function name="px:cname">
    <xsl:param name="id"/>
    <xsl:param name="l"/>
    <xsl:variable name="c" select="$communities[@id = $id]"/>
    <xsl:choose>
      <xsl:when test="$c"><func:result select="string($c/r:name[@lang = $l])"/></xsl:when>
      <xsl:otherwise><func:result select="string($id)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <func:function name="px:clabel">
    <xsl:param name="id"/>
    <xsl:param name="l"/>
    <xsl:variable name="c" select="$codes[@id = $id]"/>
    <xsl:choose>
      <xsl:when test="$c"><func:result select="string($c/r:label[@lang = $l])"/></xsl:when>
      <xsl:otherwise><func:result select="string($id)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <func:function name="px:has-str">
    <xsl:param name="id"/>
    <func:result select="boolean($px:catalogue/s[@id = $id])"/>
  </func:function>

  <!-- the sub-group of a three-part code id ("effect.individual"), or '' -->
  <func:function name="px:group">
    <xsl:param name="id"/>
    <xsl:variable name="rest" select="substring-after($id, '.')"/>
    <xsl:choose>
      <xsl:when test="contains($rest, '.')">
        <func:result select="concat(substring-before($id, '.'), '.', substring-before($rest, '.'))"/>
      </xsl:when>
      <xsl:otherwise><func:result select="''"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- $t without no-break spaces at its ends -->
  <func:function name="px:trim-nbsp">
    <xsl:param name="t"/>
    <xsl:variable name="f" select="substring($t, 1, 1)"/>
    <xsl:variable name="z" select="substring($t, string-length($t), 1)"/>
    <xsl:choose>
      <xsl:when test="$f = '&#160;' or $f = '&#8239;' or $f = ' '">
        <func:result select="px:trim-nbsp(substring($t, 2))"/>
      </xsl:when>
      <xsl:when test="$z = '&#160;' or $z = '&#8239;' or $z = ' '">
        <func:result select="px:trim-nbsp(substring($t, 1, string-length($t) - 1))"/>
      </xsl:when>
      <xsl:otherwise><func:result select="string($t)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- a quote's words: no end hashtags, no quotation marks around it all -->
  <func:function name="px:quote-text">
    <xsl:param name="t"/>
    <!-- line breaks survive normalize-space as U+E000, "lines" makes them <br> -->
    <xsl:variable name="s" select="normalize-space(translate($t, '&#10;', '&#xE000;'))"/>
    <xsl:variable name="f" select="substring($s, 1, 1)"/>
    <xsl:variable name="z" select="substring($s, string-length($s), 1)"/>
    <xsl:variable name="inner" select="substring($s, 2, string-length($s) - 2)"/>
    <xsl:choose>
      <xsl:when test="string-length($s) &gt; 2
                      and (($f = '&quot;' and $z = '&quot;' and not(contains($inner, '&quot;')))
                        or ($f = '“' and $z = '”' and not(contains($inner, '”')))
                        or ($f = '„' and ($z = '“' or $z = '”') and not(contains($inner, '„')))
                        or ($f = '«' and $z = '»' and not(contains($inner, '«'))))">
        <func:result select="px:trim-nbsp($inner)"/>
      </xsl:when>
      <xsl:otherwise><func:result select="$s"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- "september 2022 – augustus 2023" (the cycle, cycle.h)" -->
  <func:function name="px:period">
    <xsl:param name="l"/>
    <func:result select="px:fmt('doc.period', $l, px:month-year($R/@from, $l), px:month-year($R/@to, $l))"/>
  </func:function>

  <func:function name="px:generated">
    <xsl:param name="l"/>
    <xsl:variable name="g">
      <xsl:choose>
        <xsl:when test="$generated != ''"><xsl:value-of select="$generated"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$R/@generated"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($g) = 10 and substring($g, 5, 1) = '-' and substring($g, 8, 1) = '-'">
        <func:result select="px:date($g, $l)"/>
      </xsl:when>
      <xsl:otherwise><func:result select="string($g)"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- the CSS, made unable to close the <style> element early -->
  <func:function name="px:safe-css">
    <xsl:param name="t"/>
    <func:result select="px:replace($t, '&lt;/', '&lt;\/')"/>
  </func:function>

  <!-- ================================================ document ===== -->

  <xsl:template match="/">
    <xsl:if test="not($lang = 'nl' or $lang = 'fr' or $lang = 'both')">
      <xsl:message terminate="yes">report.xsl: parameter lang must be 'nl', 'fr' or 'both', not '<xsl:value-of select="$lang"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="not(r:report)">
      <xsl:message terminate="yes">report.xsl: the input is not a praxis report (urn:praxis:report:1)</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="r:report"/>
  </xsl:template>

  <xsl:template match="r:report">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="$lang = 'both'">nl</xsl:when>
          <xsl:otherwise><xsl:value-of select="$lang"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="praxis"/>
        <title>
          <xsl:for-each select="$langs">
            <xsl:if test="position() &gt; 1"> / </xsl:if>
            <xsl:value-of select="px:plain(px:title(string(.)))"/>
          </xsl:for-each>
          <xsl:value-of select="concat(' – ', $R/@cycle)"/>
        </title>
        <xsl:if test="$css != ''">
          <style><xsl:value-of select="px:safe-css($css)"/></style>
        </xsl:if>
      </head>
      <body class="report lang-{$lang}">
        <xsl:if test="$internal">
          <xsl:attribute name="class"><xsl:value-of select="concat('report internal lang-', $lang)"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$home != '' and $lang != 'both'">
          <nav class="site-nav report-nav">
            <a href="{$home}"><xsl:value-of select="px:str('nav.home', $lang)"/></a>
            <xsl:if test="$switch != ''">
              <xsl:text> · </xsl:text>
              <a href="{$switch}" hreflang="{substring('frnl', 1 + 2 * number($lang = 'fr'), 2)}"><xsl:value-of select="px:str('nav.other', $lang)"/></a>
            </xsl:if>
          </nav>
        </xsl:if>
        <xsl:call-template name="row">
          <xsl:with-param name="kind" select="'cover'"/>
          <xsl:with-param name="id" select="'cover'"/>
          <xsl:with-param name="class" select="'cover'"/>
          <xsl:with-param name="el" select="'header'"/>
        </xsl:call-template>
        <xsl:if test="$internal">
          <!-- fixed: repeated on every printed page after the cover, which says it itself -->
          <p class="audience-mark">
            <xsl:for-each select="$langs">
              <xsl:if test="position() &gt; 1"><i class="sep"> · </i></xsl:if>
              <span lang="{.}"><xsl:value-of select="px:str('doc.internal', string(.))"/></span>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:call-template name="row">
          <xsl:with-param name="kind" select="'contents'"/>
          <xsl:with-param name="id" select="'contents'"/>
          <xsl:with-param name="class" select="'contents'"/>
          <xsl:with-param name="el" select="'nav'"/>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="$internal">
        <main>
          <section id="introduction" class="introduction">
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'intro'"/></xsl:call-template>
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'facts'"/></xsl:call-template>
            <xsl:call-template name="row">
              <xsl:with-param name="kind" select="'communities'"/>
              <xsl:with-param name="class" select="'wide'"/>
            </xsl:call-template>
            <xsl:call-template name="row">
              <xsl:with-param name="kind" select="'methods'"/>
              <xsl:with-param name="class" select="'wide'"/>
            </xsl:call-template>
          </section>
          <section id="overview" class="overview">
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'overview'"/></xsl:call-template>
            <xsl:if test="$communities">
              <figure class="heatmap-figure">
                <xsl:call-template name="heatmap"/>
              </figure>
            </xsl:if>
          </section>
          <xsl:choose>
            <xsl:when test="$chapters">
              <xsl:for-each select="$chapters">
                <section id="{@id}" class="chapter">
                  <xsl:call-template name="row">
                    <xsl:with-param name="kind" select="'chapter-head'"/>
                    <xsl:with-param name="class" select="'chapter-head'"/>
                    <xsl:with-param name="el" select="'header'"/>
                  </xsl:call-template>
                  <xsl:apply-templates select="$categories[@chapter = current()/@id]"/>
                </section>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="$categories"/></xsl:otherwise>
          </xsl:choose>
          <section id="cooccurrence" class="cooccurrence">
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'cooc'"/></xsl:call-template>
          </section>
          <section id="appendix" class="appendix">
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'appendix'"/></xsl:call-template>
            <xsl:for-each select="$communities">
              <xsl:call-template name="row">
                <xsl:with-param name="kind" select="'app-community'"/>
                <xsl:with-param name="id" select="concat('community-', @id)"/>
                <xsl:with-param name="class" select="'app-community'"/>
              </xsl:call-template>
            </xsl:for-each>
          </section>
        </main>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="public-main"/></xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!--
    One row: the block $kind of $node, once per language rendered, each in
    a column of element $el with its lang.  The id, if any, is on the row.
  -->
  <xsl:template name="row">
    <xsl:param name="node" select="."/>
    <xsl:param name="kind"/>
    <xsl:param name="id" select="''"/>
    <xsl:param name="class" select="''"/>
    <xsl:param name="el" select="'div'"/>
    <div class="{normalize-space(concat('row ', $class))}">
      <xsl:if test="$id != ''">
        <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
      </xsl:if>
      <xsl:for-each select="$langs">
        <xsl:variable name="l" select="string(.)"/>
        <xsl:element name="{$el}">
          <xsl:attribute name="class">col</xsl:attribute>
          <xsl:attribute name="lang"><xsl:value-of select="$l"/></xsl:attribute>
          <xsl:apply-templates select="$node" mode="block">
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="l" select="$l"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="*" mode="block">
    <xsl:param name="kind"/>
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$kind = 'cover'"><xsl:call-template name="cover"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'contents'"><xsl:call-template name="contents"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'intro'"><xsl:call-template name="intro"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'facts'"><xsl:call-template name="facts"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'communities'"><xsl:call-template name="communities-table"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'methods'"><xsl:call-template name="methods-table"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'overview'"><xsl:call-template name="overview"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'pub-intro'"><xsl:call-template name="pub-intro"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'pub-part'"><xsl:call-template name="pub-part"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'pub-category'"><xsl:call-template name="pub-category"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'pub-code'"><xsl:call-template name="pub-code"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'figures-head'"><xsl:call-template name="figures-head"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'code-figures'"><xsl:call-template name="code-figures"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'chapter-head'"><xsl:call-template name="chapter-head"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'category-head'"><xsl:call-template name="category-head"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'group-head'"><xsl:call-template name="group-head"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'code'"><xsl:call-template name="code"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'cooc'"><xsl:call-template name="cooc"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'appendix'"><xsl:call-template name="appendix-head"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'app-community'"><xsl:call-template name="app-community"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">report.xsl: unknown block '<xsl:value-of select="$kind"/>'</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================= public report ===== -->

  <!--
    The public report reads like the analysis: the introduction, then per
    chapter (per category when the codebook has none) the analysts' text,
    each category and each code they wrote about, every code a bold lead
    (theirs, or the code's label) with their paragraphs and the quotes
    they chose; then the figures in one closing section, unless
    figures='0'.  A category or code without the analysts' text is not
    written about; the figures still count it.
  -->
  <xsl:variable name="parts" select="$chapters | $categories[not($chapters)]"/>

  <!-- whether the analysts wrote about a chapter, category or code -->
  <func:function name="px:has-text">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n/r:narrative"><func:result select="true()"/></xsl:when>
      <xsl:when test="local-name($n) = 'chapter'">
        <func:result select="boolean($categories[@chapter = $n/@id][r:narrative or r:code/r:narrative])"/>
      </xsl:when>
      <xsl:when test="local-name($n) = 'category'"><func:result select="boolean($n/r:code/r:narrative)"/></xsl:when>
      <xsl:otherwise><func:result select="false()"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <xsl:template name="public-main">
    <main class="public">
      <section id="introduction" class="introduction">
        <xsl:call-template name="row"><xsl:with-param name="kind" select="'pub-intro'"/></xsl:call-template>
      </section>
      <xsl:for-each select="$parts[px:has-text(.)]">
        <section id="{@id}" class="chapter">
          <xsl:call-template name="row">
            <xsl:with-param name="kind" select="'pub-part'"/>
            <xsl:with-param name="el" select="'header'"/>
          </xsl:call-template>
          <xsl:variable name="part" select="."/>
          <xsl:variable name="cats" select="$categories[@chapter = current()/@id] | self::r:category"/>
          <xsl:for-each select="$cats[px:has-text(.)]">
            <!-- a chapter's categories have their own heading, unless it
                 says the chapter's title again -->
            <xsl:if test="generate-id(.) != generate-id($part)
                          and not(r:label[@lang = 'nl'] = $part/r:label[@lang = 'nl']
                                  and r:label[@lang = 'fr'] = $part/r:label[@lang = 'fr'] and not(r:narrative))">
              <xsl:call-template name="row">
                <xsl:with-param name="kind" select="'pub-category'"/>
                <xsl:with-param name="id" select="@id"/>
                <xsl:with-param name="class" select="'pub-category'"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:for-each select="r:code[r:narrative]">
              <xsl:call-template name="row">
                <xsl:with-param name="kind" select="'pub-code'"/>
                <xsl:with-param name="id" select="@id"/>
                <xsl:with-param name="class" select="'pub-code'"/>
                <xsl:with-param name="el" select="'article'"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:for-each>
        </section>
      </xsl:for-each>
      <xsl:if test="$figures != '0'">
        <section id="figures" class="figures-part">
          <xsl:call-template name="row"><xsl:with-param name="kind" select="'figures-head'"/></xsl:call-template>
          <xsl:call-template name="row"><xsl:with-param name="kind" select="'facts'"/></xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="kind" select="'communities'"/>
            <xsl:with-param name="class" select="'wide'"/>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="kind" select="'methods'"/>
            <xsl:with-param name="class" select="'wide'"/>
          </xsl:call-template>
          <div class="keep">
            <xsl:call-template name="row"><xsl:with-param name="kind" select="'overview'"/></xsl:call-template>
            <xsl:if test="$communities">
              <figure class="heatmap-figure">
                <xsl:call-template name="heatmap"/>
              </figure>
            </xsl:if>
          </div>
          <xsl:call-template name="row">
            <xsl:with-param name="kind" select="'code-figures'"/>
            <xsl:with-param name="class" select="'wide'"/>
          </xsl:call-template>
        </section>
      </xsl:if>
    </main>
  </xsl:template>

  <xsl:template name="pub-intro">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="px:str('intro.title', $l)"/></h2>
    <xsl:call-template name="narrative">
      <xsl:with-param name="l" select="$l"/>
      <xsl:with-param name="from" select="$R/r:introduction"/>
    </xsl:call-template>
    <p class="how"><xsl:value-of select="px:str('intro.how.3.public', $l)"/></p>
  </xsl:template>

  <xsl:template name="pub-part">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="r:label[@lang = $l]"/></h2>
    <xsl:call-template name="narrative"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="pub-category">
    <xsl:param name="l"/>
    <h3><xsl:value-of select="r:label[@lang = $l]"/></h3>
    <xsl:call-template name="narrative"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <!-- a code: its lead in bold (the analysts', else the label), their
       paragraphs and quotes -->
  <xsl:template name="pub-code">
    <xsl:param name="l"/>
    <xsl:variable name="own" select="r:narrative[@lang = $l]"/>
    <xsl:variable name="n" select="$own | r:narrative[not($own)][1]"/>
    <div>
      <xsl:attribute name="class">
        <xsl:text>narrative</xsl:text>
        <xsl:if test="not($own)"> other-lang</xsl:if>
      </xsl:attribute>
      <xsl:if test="not($own)"><xsl:attribute name="lang"><xsl:value-of select="$n/@lang"/></xsl:attribute></xsl:if>
      <xsl:for-each select="$n/*">
        <xsl:choose>
          <xsl:when test="position() = 1 and self::r:p and not(@lead)">
            <p>
              <strong class="lead"><xsl:value-of select="concat(px:ucfirst(current()/ancestor::r:code/r:label[@lang = $n/@lang]), '.')"/></strong>
              <xsl:text> </xsl:text>
              <xsl:value-of select="."/>
            </p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="." mode="narrative"><xsl:with-param name="l" select="$l"/></xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="not($own)">
        <p class="lang-note" lang="{$l}"><xsl:value-of select="concat('(', px:str(concat('in.', $n/@lang), $l), ')')"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="figures-head">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="px:str('figures.title', $l)"/></h2>
    <p><xsl:value-of select="px:str('intro.how.2', $l)"/></p>
  </xsl:template>

  <!-- every code: notes, communities, the sessions as a sparkline -->
  <xsl:template name="code-figures">
    <xsl:param name="l"/>
    <h3><xsl:value-of select="px:str('figures.codes', $l)"/></h3>
    <div class="table-wrap long">
      <table class="code-figures">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="px:str('col.code', $l)"/></th>
            <th scope="col" class="num"><xsl:value-of select="px:str('col.notes', $l)"/></th>
            <th scope="col"><xsl:value-of select="px:str('col.sessions-spark', $l)"/></th>
          </tr>
        </thead>
        <xsl:for-each select="$categories">
          <tbody>
            <tr class="cat"><th scope="colgroup" colspan="3"><xsl:value-of select="r:label[@lang = $l]"/></th></tr>
            <xsl:for-each select="r:code">
              <tr>
                <th scope="row"><xsl:value-of select="px:ucfirst(r:label[@lang = $l])"/></th>
                <td class="num"><xsl:value-of select="px:num(@notes, $l)"/></td>
                <td class="spark"><xsl:call-template name="sparkline"><xsl:with-param name="l" select="$l"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </xsl:for-each>
      </table>
    </div>
  </xsl:template>

  <!-- ================================================== cover ===== -->

  <xsl:template name="cover">
    <xsl:param name="l"/>
    <xsl:if test="$internal">
      <p class="internal-note"><xsl:value-of select="px:str('doc.internal', $l)"/></p>
    </xsl:if>
    <xsl:if test="px:pub('publisher', $l) != ''">
      <p class="publisher"><xsl:value-of select="px:pub('publisher', $l)"/></p>
    </xsl:if>
    <h1 class="title"><xsl:value-of select="px:title($l)"/></h1>
    <xsl:if test="px:pub('subtitle', $l) != ''">
      <p class="pub-subtitle"><xsl:value-of select="px:pub('subtitle', $l)"/></p>
    </xsl:if>
    <p class="subtitle"><xsl:value-of select="px:fmt('doc.subtitle', $l, $R/@cycle)"/></p>
    <p class="period"><xsl:value-of select="px:period($l)"/></p>
    <xsl:if test="$communities">
      <div class="cover-communities">
        <h2><xsl:value-of select="px:str('doc.communities', $l)"/></h2>
        <ul>
          <xsl:for-each select="$communities">
            <li>
              <span class="name"><xsl:value-of select="r:name[@lang = $l]"/></span>
              <xsl:text> </xsl:text>
              <span class="zone"><xsl:value-of select="r:zone[@lang = $l]"/></span>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <p class="generated"><xsl:value-of select="px:fmt('doc.generated', $l, px:generated($l))"/></p>
  </xsl:template>

  <xsl:template name="contents">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="px:str('doc.contents', $l)"/></h2>
    <xsl:choose>
      <xsl:when test="not($internal)">
        <ol>
          <li><a href="#introduction"><xsl:value-of select="px:str('intro.title', $l)"/></a></li>
          <xsl:for-each select="$parts">
            <xsl:if test="px:has-text(.)">
              <li><a href="#{@id}"><xsl:value-of select="r:label[@lang = $l]"/></a></li>
            </xsl:if>
          </xsl:for-each>
          <xsl:if test="$figures != '0'">
            <li><a href="#figures"><xsl:value-of select="px:str('figures.title', $l)"/></a></li>
          </xsl:if>
        </ol>
      </xsl:when>
      <xsl:otherwise>
    <ol>
      <li><a href="#introduction"><xsl:value-of select="px:str('intro.title', $l)"/></a></li>
      <li><a href="#overview"><xsl:value-of select="px:str('overview.title', $l)"/></a></li>
      <xsl:choose>
        <xsl:when test="$chapters">
          <xsl:for-each select="$chapters">
            <li>
              <a href="#{@id}"><xsl:value-of select="r:label[@lang = $l]"/></a>
              <ol>
                <xsl:for-each select="$categories[@chapter = current()/@id]">
                  <li><a href="#{@id}"><xsl:value-of select="r:label[@lang = $l]"/></a></li>
                </xsl:for-each>
              </ol>
            </li>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$categories">
            <li><a href="#{@id}"><xsl:value-of select="r:label[@lang = $l]"/></a></li>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <li><a href="#cooccurrence"><xsl:value-of select="px:str('cooc.title', $l)"/></a></li>
      <li><a href="#appendix"><xsl:value-of select="px:str(concat('app.title', substring('.public', 1, 7 * number(not($internal)))), $l)"/></a></li>
    </ol>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$R/r:publication/*[@lang = $l]">
      <aside class="colophon">
        <h2><xsl:value-of select="px:str('doc.colophon', $l)"/></h2>
        <xsl:if test="px:pub('about', $l) != ''">
          <p class="about"><xsl:value-of select="px:pub('about', $l)"/></p>
        </xsl:if>
        <dl>
          <xsl:for-each select="$R/r:publication/*[@lang = $l][local-name() = 'publisher' or local-name() = 'contact' or local-name() = 'licence']">
            <dt><xsl:value-of select="px:str(concat('doc.', local-name()), $l)"/></dt>
            <dd><xsl:value-of select="."/></dd>
          </xsl:for-each>
        </dl>
      </aside>
    </xsl:if>
  </xsl:template>

  <!-- =========================================== introduction ===== -->

  <!-- the analysts' paragraphs in $l; else those of the other language, marked -->
  <xsl:template name="narrative">
    <xsl:param name="l"/>
    <xsl:param name="from" select="."/>
    <xsl:variable name="own" select="$from/r:narrative[@lang = $l]"/>
    <xsl:choose>
      <xsl:when test="$own">
        <div class="narrative">
          <xsl:apply-templates select="$own/*" mode="narrative"><xsl:with-param name="l" select="$l"/></xsl:apply-templates>
        </div>
      </xsl:when>
      <xsl:when test="$from/r:narrative">
        <xsl:variable name="other" select="$from/r:narrative[1]"/>
        <div class="narrative other-lang" lang="{$other/@lang}">
          <xsl:apply-templates select="$other/*" mode="narrative"><xsl:with-param name="l" select="$l"/></xsl:apply-templates>
          <p class="lang-note" lang="{$l}">
            <xsl:value-of select="concat('(', px:str(concat('in.', $other/@lang), $l), ')')"/>
          </p>
        </div>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- the analysts' paragraphs, and the quotes they chose among them -->
  <xsl:template match="r:p" mode="narrative">
    <p>
      <xsl:if test="@lead">
        <strong class="lead"><xsl:value-of select="@lead"/></strong>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="."/>
    </p>
  </xsl:template>
  <xsl:template match="r:quote" mode="narrative">
    <xsl:param name="l"/>
    <xsl:call-template name="quote"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="intro">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="px:str('intro.title', $l)"/></h2>
    <xsl:call-template name="narrative">
      <xsl:with-param name="l" select="$l"/>
      <xsl:with-param name="from" select="$R/r:introduction"/>
    </xsl:call-template>
    <aside class="how-to-read">
      <h3><xsl:value-of select="px:str('intro.how-title', $l)"/></h3>
      <p><xsl:value-of select="px:str('intro.how.1', $l)"/></p>
      <p><xsl:value-of select="px:str('intro.how.2', $l)"/></p>
      <xsl:choose>
        <xsl:when test="$internal"><p><xsl:value-of select="px:str('intro.how.3', $l)"/></p></xsl:when>
        <xsl:otherwise><p><xsl:value-of select="px:str('intro.how.3.public', $l)"/></p></xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

  <xsl:template name="fact">
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <div class="fact">
      <dt><xsl:value-of select="$value"/></dt>
      <dd><xsl:value-of select="$label"/></dd>
    </div>
  </xsl:template>

  <xsl:template name="facts">
    <xsl:param name="l"/>
    <xsl:variable name="t" select="$R/r:totals"/>
    <h3><xsl:value-of select="px:str('intro.facts', $l)"/></h3>
    <dl class="facts">
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@communities, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.communities', $t/@communities, $l)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@sessions, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.sessions', $t/@sessions, $l)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@notes, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.notes', $t/@notes, $l)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@attendance, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.attendance', $t/@attendance, $l)"/>
      </xsl:call-template>
      <xsl:if test="$t/@attended-notes &gt; 0">
        <xsl:call-template name="fact">
          <xsl:with-param name="value" select="px:num(round(10 * $t/@attendance div $t/@attended-notes) div 10, $l)"/>
          <xsl:with-param name="label" select="px:str('fact.average', $l)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@segments, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.segments', $t/@segments, $l)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@quotes, $l)"/>
        <xsl:with-param name="label" select="px:plural('fact.quotes', $t/@quotes, $l)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="value" select="px:num($t/@codes-raised, $l)"/>
        <xsl:with-param name="label" select="px:fmt('fact.codes', $l, px:num($t/@codes-raised, $l), px:num($t/@codes, $l))"/>
      </xsl:call-template>
    </dl>
    <xsl:choose>
      <xsl:when test="$t/@attended-notes = 0 and $t/@notes &gt; 0">
        <p class="remark"><xsl:value-of select="px:str('intro.no-attendance', $l)"/></p>
      </xsl:when>
      <xsl:when test="$t/@attended-notes &lt; $t/@notes">
        <p class="remark">
          <xsl:value-of select="px:fmt('intro.attendance-note', $l, px:num($t/@attended-notes, $l), px:num($t/@notes, $l))"/>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="communities-table">
    <xsl:param name="l"/>
    <h3><xsl:value-of select="px:str('intro.communities', $l)"/></h3>
    <div class="table-wrap">
      <table class="communities">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="px:str('col.community', $l)"/></th>
            <th scope="col" class="num"><xsl:value-of select="px:str('col.sessions', $l)"/></th>
            <th scope="col" class="num"><xsl:value-of select="px:str('col.attendance', $l)"/></th>
            <th scope="col" class="num"><xsl:value-of select="px:str('col.average', $l)"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$communities">
            <xsl:variable name="att" select="r:session[@attendance]"/>
            <tr>
              <th scope="row">
                <a href="#community-{@id}"><xsl:value-of select="r:name[@lang = $l]"/></a>
                <span class="zone"><xsl:value-of select="r:zone[@lang = $l]"/></span>
                <xsl:if test="r:moderator">
                  <span class="moderators">
                    <xsl:value-of select="concat(px:str('col.moderators', $l), ': ')"/>
                    <xsl:for-each select="r:moderator">
                      <xsl:if test="position() &gt; 1">, </xsl:if>
                      <xsl:value-of select="."/>
                    </xsl:for-each>
                  </span>
                </xsl:if>
              </th>
              <td class="num"><xsl:value-of select="px:num(@sessions, $l)"/></td>
              <td class="num">
                <xsl:choose>
                  <xsl:when test="$att"><xsl:value-of select="px:num(@attendance, $l)"/></xsl:when>
                  <xsl:otherwise><span class="muted"><xsl:value-of select="px:str('not-given', $l)"/></span></xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="num">
                <xsl:if test="$att">
                  <xsl:value-of select="px:num(round(10 * sum($att/@attendance) div count($att)) div 10, $l)"/>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="methods-table">
    <xsl:param name="l"/>
    <h3><xsl:value-of select="px:str('intro.methods', $l)"/></h3>
    <div class="table-wrap">
      <table class="methods">
        <caption><xsl:value-of select="px:str('intro.methods-caption', $l)"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="px:str('col.method', $l)"/></th>
            <th scope="col"><xsl:value-of select="px:str('col.description', $l)"/></th>
            <th scope="col" class="num"><xsl:value-of select="px:str('col.notes', $l)"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$R/r:methods/r:method">
            <xsl:sort select="@notes" data-type="number" order="descending"/>
            <tr>
              <xsl:if test="@notes = 0"><xsl:attribute name="class">unused</xsl:attribute></xsl:if>
              <th scope="row"><xsl:value-of select="r:label[@lang = $l]"/></th>
              <td><xsl:value-of select="r:description[@lang = $l]"/></td>
              <td class="num">
                <xsl:choose>
                  <xsl:when test="@notes = 0"><span class="muted"><xsl:value-of select="px:str('intro.method-unused', $l)"/></span></xsl:when>
                  <xsl:otherwise><xsl:value-of select="px:num(@notes, $l)"/></xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- =============================================== heat map ===== -->

  <xsl:template name="overview">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="px:str('overview.title', $l)"/></h2>
    <p><xsl:value-of select="px:str('overview.intro', $l)"/></p>
  </xsl:template>

  <!-- the codes in the order the report presents them: by category, the
       ambivalent ones first within each -->
  <xsl:variable name="ordered-rtf">
    <xsl:for-each select="$categories">
      <c cat="{@id}"/>
      <xsl:for-each select="r:code[px:is-true(@ambivalent)]"><k id="{@id}"/></xsl:for-each>
      <xsl:for-each select="r:code[not(px:is-true(@ambivalent))]"><k id="{@id}"/></xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <!-- the shade, 0..5, of a count -->
  <func:function name="px:level">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="not($n &gt; 0) or not($cellmax &gt; 0)"><func:result select="0"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lv" select="ceiling(5 * $n div $cellmax)"/>
        <func:result select="$lv"/>
      </xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- widest string, in characters, among the nodes' string values -->
  <func:function name="px:maxlen">
    <xsl:param name="nodes"/>
    <xsl:variable name="m">
      <xsl:for-each select="$nodes">
        <xsl:sort select="string-length(.)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="string-length(.)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$m != ''"><func:result select="number($m)"/></xsl:when>
      <xsl:otherwise><func:result select="0"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!--
    Codes (rows, grouped by category) x communities (columns); shade by
    segments.  One language: labels on the left.  Both: Dutch labels on
    the left, French on the right, both names over each column.  Sizes in
    user units (~px at 100%); text widths are estimated from lengths.
  -->
  <xsl:template name="heatmap">
    <xsl:variable name="both" select="$lang = 'both'"/>
    <xsl:variable name="L1">
      <xsl:choose><xsl:when test="$both">nl</xsl:when><xsl:otherwise><xsl:value-of select="$lang"/></xsl:otherwise></xsl:choose>
    </xsl:variable>
    <xsl:variable name="cw" select="6.3"/>      <!-- average width of a 12px character -->
    <xsl:variable name="rowh" select="19"/>
    <xsl:variable name="cath" select="27"/>
    <xsl:variable name="lw1" select="ceiling(px:max2(px:maxlen($codes/r:label[@lang = $L1]),
                                                     string-length(px:str('overview.legend', $L1))) * $cw) + 14"/>
    <xsl:variable name="lw2">
      <xsl:choose>
        <xsl:when test="$both"><xsl:value-of select="ceiling(px:maxlen($codes/r:label[@lang = 'fr']) * $cw) + 14"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="namelen">
      <xsl:choose>
        <xsl:when test="$both"><xsl:value-of select="px:maxlen($communities/r:name)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="px:maxlen($communities/r:name[@lang = $L1])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="colw" select="px:max2(58, ceiling($namelen * 7.1) + 14)"/>
    <xsl:variable name="headh">
      <xsl:choose><xsl:when test="$both">46</xsl:when><xsl:otherwise>30</xsl:otherwise></xsl:choose>
    </xsl:variable>
    <xsl:variable name="totw" select="96"/>
    <xsl:variable name="gx" select="$lw1"/>                            <!-- grid left -->
    <xsl:variable name="tx" select="$gx + $ncomm * $colw + 10"/>       <!-- totals left -->
    <xsl:variable name="rx" select="$tx + $totw + 8"/>                  <!-- right labels left -->
    <xsl:variable name="W" select="$rx + $lw2"/>
    <xsl:variable name="ord" select="exsl:node-set($ordered-rtf)/*"/>
    <xsl:variable name="legendh" select="44"/>
    <xsl:variable name="H" select="$headh + count($ord[self::c]) * $cath + count($ord[self::k]) * $rowh + $legendh"/>
    <xsl:variable name="totmax">
      <xsl:choose>
        <xsl:when test="$codes[@segments &gt; 0]"><xsl:value-of select="math:max($codes/@segments)"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="aria">
      <xsl:for-each select="$langs">
        <xsl:if test="position() &gt; 1"> / </xsl:if>
        <xsl:value-of select="px:plain(px:str('overview.aria', string(.)))"/>
      </xsl:for-each>
    </xsl:variable>

    <svg class="heatmap" role="img" aria-label="{$aria}" width="{$W}" height="{$H}" style="max-width: {$W}px"
         viewBox="0 0 {$W} {$H}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12">
      <title><xsl:value-of select="$aria"/></title>
      <!-- column headings -->
      <g class="hm-head" text-anchor="middle" font-weight="bold" font-size="11.5" fill="#1f2a2b">
        <xsl:for-each select="$communities">
          <xsl:variable name="cx" select="$gx + (position() - 1) * $colw + $colw div 2"/>
          <text x="{$cx}" y="{$headh - 10 - number($both) * 16}" lang="{$L1}"><xsl:value-of select="r:name[@lang = $L1]"/></text>
          <xsl:if test="$both">
            <text x="{$cx}" y="{$headh - 10}" lang="fr" font-weight="normal" font-style="italic"><xsl:value-of select="r:name[@lang = 'fr']"/></text>
          </xsl:if>
        </xsl:for-each>
        <text x="{$tx + $totw div 2}" y="{$headh - 10 - number($both) * 16}" lang="{$L1}"><xsl:value-of select="px:str('col.total', $L1)"/></text>
        <xsl:if test="$both">
          <text x="{$tx + $totw div 2}" y="{$headh - 10}" lang="fr" font-weight="normal" font-style="italic"><xsl:value-of select="px:str('col.total', 'fr')"/></text>
        </xsl:if>
      </g>
      <!-- rows: a category heading or a code -->
      <xsl:for-each select="$ord">
        <xsl:variable name="p" select="position()"/>
        <xsl:variable name="before" select="$ord[position() &lt; $p]"/>
        <xsl:variable name="y" select="$headh + count($before[self::c]) * $cath + count($before[self::k]) * $rowh"/>
        <xsl:choose>
          <xsl:when test="self::c">
            <xsl:variable name="cat" select="$categories[@id = current()/@cat]"/>
            <g class="hm-cat" font-weight="bold" font-size="12.5" fill="#0b5a60">
              <line x1="0" x2="{$W}" y1="{$y + 6}" y2="{$y + 6}" stroke="#c9d3d3" stroke-width="0.8"/>
              <a href="#{$cat/@id}">
                <text x="0" y="{$y + $cath - 7}" lang="{$L1}" class="hm-catlabel"><xsl:value-of select="$cat/r:label[@lang = $L1]"/></text>
                <xsl:if test="$both">
                  <text x="{$W}" y="{$y + $cath - 7}" lang="fr" text-anchor="end" class="hm-catlabel"><xsl:value-of select="$cat/r:label[@lang = 'fr']"/></text>
                </xsl:if>
              </a>
            </g>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="code" select="$codes[@id = current()/@id]"/>
            <g class="hm-row" fill="#1f2a2b">
              <a href="#{$code/@id}">
                <text x="{$gx - 10}" y="{$y + 14}" text-anchor="end" lang="{$L1}">
                  <xsl:value-of select="$code/r:label[@lang = $L1]"/>
                </text>
                <xsl:if test="$both">
                  <text x="{$rx}" y="{$y + 14}" lang="fr"><xsl:value-of select="$code/r:label[@lang = 'fr']"/></text>
                </xsl:if>
              </a>
              <xsl:for-each select="$communities">
                <!-- the segments (a cell's count is one integer, or none);
                     selected, not built: a variable with content is a
                     tree fragment, made for each of the thousands of cells -->
                <xsl:variable name="n" select="sum(key('raised', concat($code/@id, ' ', @id))/@segments)"/>
                <!-- px:level, px:shade and px:ink written out: three
                     function calls per cell were most of the map's time -->
                <xsl:variable name="lv" select="number($n &gt; 0 and $cellmax &gt; 0) *
                                                ceiling(5 * $n div ($cellmax + number(not($cellmax &gt; 0))))"/>
                <xsl:variable name="x" select="$gx + (position() - 1) * $colw"/>
                <g class="hm-cell">
                  <title>
                    <!-- community: count, in each language of $langs, without a
                         string lookup nor a loop per cell (a cycle with a hundred
                         communities has thousands of cells) -->
                    <xsl:value-of select="concat(r:name[@lang = $L1], ': ', $n)"/>
                    <xsl:if test="$both"><xsl:value-of select="concat(' / ', r:name[@lang = 'fr'], ': ', $n)"/></xsl:if>
                  </title>
                  <rect x="{$x + 2}" y="{$y + 2}" width="{$colw - 4}" height="{$rowh - 3}" rx="2"
                        class="hm-l{$lv}" fill="{substring('#f2f4f4#d3eceb#a3d4d3#62afb0#2b8489#0b5a60', 1 + 7 * (number($lv &gt;= 1 and $lv &lt;= 5) * $lv), 7)}"/>
                  <xsl:if test="$n &gt; 0">
                    <text x="{$x + $colw div 2}" y="{$y + 14}" text-anchor="middle" font-size="11"
                          fill="{substring('#17393b#ffffff', 1 + 7 * number($lv &gt;= 3), 7)}"><xsl:value-of select="$n"/></text>
                  </xsl:if>
                </g>
              </xsl:for-each>
              <!-- the code's total, as a bar -->
              <xsl:variable name="bw" select="($totw - 26) * $code/@segments div $totmax"/>
              <g class="hm-total">
                <title>
                  <xsl:for-each select="$langs">
                    <xsl:if test="position() &gt; 1"> / </xsl:if>
                    <xsl:value-of select="px:fmt('overview.cell', string(.), $code/r:label[@lang = string(current())],
                                                 px:str('col.total', string(current())),
                                                 px:plural('code.segments', $code/@segments, string(current())))"/>
                  </xsl:for-each>
                </title>
                <rect x="{$tx}" y="{$y + 5}" width="{$bw}" height="{$rowh - 10}" fill="#7a8f91"/>
                <text x="{$tx + $bw + 4}" y="{$y + 14}" font-size="11" fill="#3c4a4c"><xsl:value-of select="$code/@segments"/></text>
              </g>
            </g>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <!-- legend -->
      <xsl:variable name="ly" select="$H - $legendh + 16"/>
      <g class="hm-legend" font-size="11" fill="#1f2a2b">
        <text x="{$gx - 10}" y="{$ly + 12}" text-anchor="end" lang="{$L1}"><xsl:value-of select="px:str('overview.legend', $L1)"/></text>
        <!-- five shades, from 1 to the highest count -->
        <xsl:call-template name="legend-swatch"><xsl:with-param name="i" select="1"/><xsl:with-param name="x" select="$gx"/><xsl:with-param name="y" select="$ly"/></xsl:call-template>
        <text x="{$gx}" y="{$ly + 30}">1</text>
        <text x="{$gx + 5 * 26}" y="{$ly + 30}" text-anchor="end"><xsl:value-of select="$cellmax"/></text>
        <xsl:if test="$both">
          <text x="{$gx + 5 * 26 + 12}" y="{$ly + 12}" lang="fr" font-style="italic"><xsl:value-of select="px:str('overview.legend', 'fr')"/></text>
        </xsl:if>
      </g>
    </svg>
  </xsl:template>

  <xsl:template name="legend-swatch">
    <xsl:param name="i"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <rect x="{$x + ($i - 1) * 26}" y="{$y}" width="24" height="16" rx="2" class="hm-l{$i}" fill="{px:shade($i)}"/>
    <xsl:if test="$i &lt; 5">
      <xsl:call-template name="legend-swatch">
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="x" select="$x"/>
        <xsl:with-param name="y" select="$y"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- the heat map's palette (also in report.css as .hm-l0 .. .hm-l5) -->
  <func:function name="px:shade">
    <xsl:param name="lv"/>
    <xsl:choose>
      <xsl:when test="$lv = 1"><func:result select="'#d3eceb'"/></xsl:when>
      <xsl:when test="$lv = 2"><func:result select="'#a3d4d3'"/></xsl:when>
      <xsl:when test="$lv = 3"><func:result select="'#62afb0'"/></xsl:when>
      <xsl:when test="$lv = 4"><func:result select="'#2b8489'"/></xsl:when>
      <xsl:when test="$lv = 5"><func:result select="'#0b5a60'"/></xsl:when>
      <xsl:otherwise><func:result select="'#f2f4f4'"/></xsl:otherwise>
    </xsl:choose>
  </func:function>
  <func:function name="px:ink">
    <xsl:param name="lv"/>
    <xsl:choose>
      <xsl:when test="$lv &gt;= 3"><func:result select="'#ffffff'"/></xsl:when>
      <xsl:otherwise><func:result select="'#17393b'"/></xsl:otherwise>
    </xsl:choose>
  </func:function>

  <!-- ============================================= categories ===== -->

  <xsl:template match="r:category">
    <section id="{@id}" class="category">
      <xsl:call-template name="row">
        <xsl:with-param name="kind" select="'category-head'"/>
        <xsl:with-param name="class" select="'category-head'"/>
        <xsl:with-param name="el" select="'header'"/>
      </xsl:call-template>
      <xsl:call-template name="code-rows">
        <xsl:with-param name="list" select="r:code[px:is-true(@ambivalent)]"/>
      </xsl:call-template>
      <xsl:call-template name="code-rows">
        <xsl:with-param name="list" select="r:code[not(px:is-true(@ambivalent))]"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="chapter-head">
    <xsl:param name="l"/>
    <h2 class="chapter-title"><xsl:value-of select="r:label[@lang = $l]"/></h2>
    <xsl:if test="r:description">
      <p class="lead"><xsl:value-of select="r:description[@lang = $l]"/></p>
    </xsl:if>
    <xsl:call-template name="narrative"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="category-head">
    <xsl:param name="l"/>
    <h2><xsl:value-of select="r:label[@lang = $l]"/></h2>
    <p class="lead"><xsl:value-of select="r:description[@lang = $l]"/></p>
    <xsl:call-template name="narrative"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <!-- codes in document order, with a sub-heading where a group starts -->
  <xsl:template name="code-rows">
    <xsl:param name="list"/>
    <xsl:for-each select="$list">
      <xsl:variable name="p" select="position()"/>
      <xsl:variable name="g" select="px:group(@id)"/>
      <xsl:if test="$g != '' and px:has-str(concat('group.', $g))
                    and ($p = 1 or px:group($list[$p - 1]/@id) != $g)">
        <xsl:call-template name="row">
          <xsl:with-param name="kind" select="'group-head'"/>
          <xsl:with-param name="class" select="'group-head'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="row">
        <xsl:with-param name="kind" select="'code'"/>
        <xsl:with-param name="id" select="@id"/>
        <xsl:with-param name="class" select="concat('code', substring(' not-raised', 1, 11 * number(@notes = 0)))"/>
        <xsl:with-param name="el" select="'article'"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="group-head">
    <xsl:param name="l"/>
    <h3 class="group"><xsl:value-of select="px:str(concat('group.', px:group(@id)), $l)"/></h3>
  </xsl:template>

  <!-- "A, B en C" of the names of the communities that raised a code -->
  <xsl:template name="names">
    <xsl:param name="raised"/>
    <xsl:param name="l"/>
    <xsl:variable name="and" select="px:str('list.and', $l)"/>
    <xsl:variable name="sep" select="px:str('list.sep', $l)"/>
    <xsl:for-each select="$raised">
      <xsl:choose>
        <xsl:when test="position() = 1"/>
        <xsl:when test="position() = last()"><xsl:value-of select="$and"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$sep"/></xsl:otherwise>
      </xsl:choose>
      <!-- px:cname, by key -->
      <xsl:variable name="c" select="key('community', @community)"/>
      <xsl:choose>
        <xsl:when test="$c"><xsl:value-of select="$c/r:name[@lang = $l]"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@community"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="code">
    <xsl:param name="l"/>
    <xsl:variable name="raised" select="r:raised[@segments &gt; 0 or @notes &gt; 0]"/>
    <div class="code-head">
      <header>
        <h3>
          <span class="label"><xsl:value-of select="px:ucfirst(r:label[@lang = $l])"/></span>
          <xsl:if test="px:is-true(@ambivalent)">
            <xsl:text> </xsl:text>
            <span class="badge ambivalent" title="{px:str('code.ambivalent-title', $l)}"><xsl:value-of select="px:str('code.ambivalent', $l)"/></span>
          </xsl:if>
        </h3>
        <xsl:if test="$internal"><p class="code-id"><xsl:value-of select="@id"/></p></xsl:if>
      </header>
      <p class="description"><xsl:value-of select="r:description[@lang = $l]"/></p>
      <xsl:choose>
        <xsl:when test="@notes = 0 and @segments = 0">
          <p class="raised none"><xsl:value-of select="px:str('code.not-raised', $l)"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="figures">
            <p class="raised">
              <xsl:variable name="x" select="count($raised)"/>
              <xsl:variable name="by">
                <xsl:choose>
                  <xsl:when test="$ncomm = 1 and $x = 1"><xsl:value-of select="px:str('code.by.only', $l)"/></xsl:when>
                  <xsl:when test="$x = $ncomm"><xsl:value-of select="px:fmt('code.by.all', $l, px:num($x, $l), px:num($ncomm, $l))"/></xsl:when>
                  <xsl:when test="$x = 1"><xsl:value-of select="px:fmt('code.by.one', $l, px:num($x, $l), px:num($ncomm, $l))"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="px:fmt('code.by.other', $l, px:num($x, $l), px:num($ncomm, $l))"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:variable name="names">
                <xsl:call-template name="names">
                  <xsl:with-param name="raised" select="$raised"/>
                  <xsl:with-param name="l" select="$l"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:value-of select="px:fmt('code.raised', $l, px:plural('code.notes', @notes, $l), $by, $names)"/>
            </p>
            <xsl:call-template name="sparkline"><xsl:with-param name="l" select="$l"/></xsl:call-template>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </div>
    <xsl:call-template name="narrative"><xsl:with-param name="l" select="$l"/></xsl:call-template>
    <xsl:call-template name="quotes"><xsl:with-param name="l" select="$l"/></xsl:call-template>
  </xsl:template>

  <!-- segments by session number, 1..max-session, as bars -->
  <xsl:template name="sparkline">
    <xsl:param name="l"/>
    <xsl:variable name="code" select="."/>
    <xsl:variable name="S">
      <xsl:choose>
        <xsl:when test="$maxsession &gt; 0"><xsl:value-of select="$maxsession"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="math:max(r:by-session/@n)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$S &gt; 0 and $barmax &gt; 0">
      <xsl:variable name="bw" select="9"/>
      <xsl:variable name="gap" select="3"/>
      <xsl:variable name="bh" select="26"/>
      <xsl:variable name="W" select="$S * ($bw + $gap) - $gap"/>
      <!-- one node per session number, from the session elements' numbers and the code's own -->
      <xsl:variable name="points-rtf">
        <xsl:call-template name="spark-points">
          <xsl:with-param name="i" select="1"/>
          <xsl:with-param name="S" select="$S"/>
          <xsl:with-param name="code" select="$code"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="points" select="exsl:node-set($points-rtf)/pt"/>
      <xsl:variable name="list">
        <xsl:for-each select="$points">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="px:fmt('spark.bar', $l, @n, @v)"/>
        </xsl:for-each>
      </xsl:variable>
      <figure class="sparkline">
        <svg role="img" aria-label="{px:fmt('spark.aria', $l, $list)}" width="{$W}" height="{$bh + 12}"
             viewBox="0 0 {$W} {$bh + 12}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="8">
          <title><xsl:value-of select="px:fmt('spark.aria', $l, $list)"/></title>
          <line x1="0" x2="{$W}" y1="{$bh + 0.5}" y2="{$bh + 0.5}" stroke="#b8c4c5" stroke-width="1"/>
          <xsl:for-each select="$points">
            <xsl:variable name="x" select="(position() - 1) * ($bw + $gap)"/>
            <xsl:variable name="h">
              <xsl:choose>
                <xsl:when test="@v = 0">0</xsl:when>
                <xsl:otherwise><xsl:value-of select="px:max2(2, round(10 * $bh * @v div $barmax) div 10)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <g>
              <title><xsl:value-of select="px:fmt('spark.bar', $l, @n, @v)"/></title>
              <xsl:choose>
                <xsl:when test="$h &gt; 0">
                  <rect x="{$x}" y="{round(10 * ($bh - $h)) div 10}" width="{$bw}" height="{$h}" fill="#1d767c" class="bar"/>
                </xsl:when>
                <xsl:otherwise>
                  <rect x="{$x}" y="{$bh - 1}" width="{$bw}" height="1" fill="#c9d3d3" class="bar zero"/>
                </xsl:otherwise>
              </xsl:choose>
            </g>
          </xsl:for-each>
          <text x="{$bw div 2}" y="{$bh + 10}" text-anchor="middle" fill="#5b6b6d">1</text>
          <xsl:if test="$S &gt; 1">
            <text x="{$W - $bw div 2}" y="{$bh + 10}" text-anchor="middle" fill="#5b6b6d"><xsl:value-of select="$S"/></text>
          </xsl:if>
        </svg>
        <figcaption>
          <xsl:value-of select="px:fmt('spark.caption', $l, px:plural('code.segments', @segments, $l), px:num($S, $l))"/>
        </figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <xsl:template name="spark-points">
    <xsl:param name="i"/>
    <xsl:param name="S"/>
    <xsl:param name="code"/>
    <xsl:variable name="b" select="$code/r:by-session[@n = $i]"/>
    <pt n="{$i}">
      <xsl:attribute name="v">
        <xsl:choose>
          <xsl:when test="$b"><xsl:value-of select="sum($b/@segments)"/></xsl:when>
          <xsl:otherwise>0</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </pt>
    <xsl:if test="$i &lt; $S">
      <xsl:call-template name="spark-points">
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="S" select="$S"/>
        <xsl:with-param name="code" select="$code"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- up to three quotes: those in $l first (in the XML's order, the most
       representative first), then the others -->
  <xsl:template name="quotes">
    <xsl:param name="l"/>
    <xsl:if test="r:quote">
      <div class="quotes">
        <xsl:for-each select="r:quote">
          <xsl:sort select="number(@lang = $l)" data-type="number" order="descending"/>
          <xsl:if test="position() &lt;= 3">
            <xsl:call-template name="quote"><xsl:with-param name="l" select="$l"/></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- a line break in a quote (a note's <br>, or two lines of a
       participant's words), marked U+E000 by px:quote-text, stays one -->
  <xsl:template name="lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#xE000;')">
        <xsl:value-of select="normalize-space(substring-before($s, '&#xE000;'))"/>
        <br/>
        <xsl:call-template name="lines"><xsl:with-param name="s" select="normalize-space(substring-after($s, '&#xE000;'))"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="quote">
    <xsl:param name="l"/>
    <blockquote lang="{@lang}">
      <xsl:attribute name="class">
        <xsl:text>quote</xsl:text>
        <xsl:if test="@lang != $l"> other-lang</xsl:if>
        <xsl:if test="parent::r:narrative"> chosen</xsl:if>
        <xsl:if test="@translated-from"> translated</xsl:if>
      </xsl:attribute>
      <p><xsl:call-template name="lines"><xsl:with-param name="s" select="px:quote-text(.)"/></xsl:call-template></p>
      <footer lang="{$l}">
        <cite>
          <xsl:value-of select="px:fmt('source', $l, px:cname(@community, $l), @session, px:date(@date, $l))"/>
        </cite>
        <xsl:choose>
          <xsl:when test="@translated-from">
            <xsl:text> </xsl:text>
            <span class="lang-note"><xsl:value-of select="concat('(', px:str(concat('translated.', @translated-from), $l), ')')"/></span>
          </xsl:when>
          <xsl:when test="@lang != $l">
            <xsl:text> </xsl:text>
            <span class="lang-note"><xsl:value-of select="concat('(', px:str(concat('in.', @lang), $l), ')')"/></span>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="@path">
          <xsl:text> </xsl:text>
          <span class="loc" translate="no"><xsl:value-of select="concat(@path, ':', @line)"/></span>
        </xsl:if>
      </footer>
    </blockquote>
  </xsl:template>

  <!-- ============================================= code pairs ===== -->

  <xsl:template name="cooc">
    <xsl:param name="l"/>
    <xsl:variable name="pairs" select="$R/r:cooccurrence/r:pair[@segments &gt; 0]"/>
    <xsl:variable name="shown" select="count($pairs[position() &lt;= 10])"/>
    <h2><xsl:value-of select="px:str('cooc.title', $l)"/></h2>
    <xsl:choose>
      <xsl:when test="$shown = 0">
        <p><xsl:value-of select="px:str('cooc.none', $l)"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="px:fmt('cooc.intro', $l, px:num($shown, $l))"/></p>
        <xsl:variable name="top" select="math:max($pairs/@segments)"/>
        <div class="table-wrap">
          <table class="pairs">
            <thead>
              <tr>
                <th scope="col" class="num"><xsl:value-of select="px:str('col.number', $l)"/></th>
                <th scope="col"><xsl:value-of select="px:str('col.code', $l)"/></th>
                <th scope="col"><xsl:value-of select="px:str('col.with', $l)"/></th>
                <th scope="col" class="num"><xsl:value-of select="px:str('col.segments', $l)"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$pairs">
                <xsl:sort select="@segments" data-type="number" order="descending"/>
                <xsl:if test="position() &lt;= 10">
                  <tr>
                    <td class="num rank"><xsl:value-of select="position()"/></td>
                    <td><xsl:call-template name="code-ref"><xsl:with-param name="id" select="@a"/><xsl:with-param name="l" select="$l"/></xsl:call-template></td>
                    <td><xsl:call-template name="code-ref"><xsl:with-param name="id" select="@b"/><xsl:with-param name="l" select="$l"/></xsl:call-template></td>
                    <td class="num count">
                      <span class="bar" style="width: {round(100 * @segments div $top) * 0.6}%"/>
                      <xsl:value-of select="px:num(@segments, $l)"/>
                    </td>
                  </tr>
                </xsl:if>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a code's label, linked, with its category -->
  <xsl:template name="code-ref">
    <xsl:param name="id"/>
    <xsl:param name="l"/>
    <xsl:variable name="c" select="$codes[@id = $id]"/>
    <a href="#{$id}"><xsl:value-of select="px:clabel($id, $l)"/></a>
    <xsl:if test="$c">
      <span class="cat"><xsl:value-of select="$c/../r:label[@lang = $l]"/></span>
    </xsl:if>
  </xsl:template>

  <!-- =============================================== appendix ===== -->

  <xsl:template name="appendix-head">
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$internal">
        <h2><xsl:value-of select="px:str('app.title', $l)"/></h2>
        <p><xsl:value-of select="px:str('app.intro', $l)"/></p>
      </xsl:when>
      <xsl:otherwise>
        <h2><xsl:value-of select="px:str('app.title.public', $l)"/></h2>
        <p><xsl:value-of select="px:str('app.intro.public', $l)"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A community's sessions and follow-ups. A cycle has thousands of
       them, and an EXSLT function call costs about what the rest of a row
       does (px:fmt is seven: px:str and px:replace's), so the rows write
       px:date, px:plural and px:fmt out with texts looked up once per
       community: "{1}" and "{2}" in that order, "{n}" once, as the
       catalogue has them; a text of another shape goes through the
       functions. -->
  <xsl:template name="app-community">
    <xsl:param name="l"/>
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="fus" select="key('followups', $id)"/>
    <xsl:variable name="m12" select="$px:months[@lang = $l]"/>
    <!-- month N is $months[N] (none when the catalogue lacks one) -->
    <xsl:variable name="months" select="$m12[count($m12) = 12 and $m12[1]/@n = 1 and $m12[12]/@n = 12]"/>
    <xsl:variable name="first" select="px:str('day.first', $l)"/>
    <xsl:variable name="numfmt">
      <xsl:choose>
        <xsl:when test="$l = 'fr'">#&#8239;##0,#</xsl:when>
        <xsl:otherwise>#.##0,#</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="present-one" select="px:str('app.present.one', $l)"/>
    <xsl:variable name="present-other" select="px:str('app.present.other', $l)"/>
    <xsl:variable name="present-plain" select="contains($present-one, '{n}') and not(contains(substring-after($present-one, '{n}'), '{n}'))
                                               and contains($present-other, '{n}') and not(contains(substring-after($present-other, '{n}'), '{n}'))"/>
    <xsl:variable name="src" select="px:str('source.session', $l)"/>
    <xsl:variable name="src-1" select="substring-after($src, '{1}')"/>
    <xsl:variable name="src-plain" select="contains($src-1, '{2}') and not(contains(substring-before($src, '{1}'), '{2}'))
                                           and not(contains(substring-after($src-1, '{2}'), '{1}') or contains(substring-after($src-1, '{2}'), '{2}')
                                                   or contains(substring-before($src-1, '{2}'), '{1}') or contains($src, '{3}') or contains($src, '{4}'))"/>
    <h3>
      <xsl:value-of select="r:name[@lang = $l]"/>
      <xsl:text> </xsl:text>
      <span class="zone"><xsl:value-of select="r:zone[@lang = $l]"/></span>
    </h3>
    <h4><xsl:value-of select="px:str('app.sessions', $l)"/></h4>
    <xsl:choose>
      <xsl:when test="r:session">
        <div class="table-wrap long">
          <table class="sessions">
            <thead>
              <tr>
                <th scope="col" class="num"><xsl:value-of select="px:str('col.number', $l)"/></th>
                <th scope="col"><xsl:value-of select="px:str('col.date', $l)"/></th>
                <th scope="col"><xsl:value-of select="px:str('col.session', $l)"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="r:session">
                <xsl:sort select="@n" data-type="number"/>
                <tr>
                  <td class="num"><xsl:value-of select="@n"/></td>
                  <xsl:variable name="day" select="number(substring(@date, 9, 2))"/>
                  <xsl:variable name="mo" select="number(substring(@date, 6, 2))"/>
                  <xsl:variable name="month" select="$months[$mo]"/>
                  <td class="date">
                    <xsl:choose>
                      <xsl:when test="$month">
                        <xsl:value-of select="concat(substring($first, 1, number($day = 1) * string-length($first)),
                                                     substring($day, 1, number($day != 1) * string-length($day)),
                                                     '&#160;', $month, ' ', substring(@date, 1, 4))"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="px:date(@date, $l)"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td>
                    <xsl:if test="r:title">
                      <span class="session-title" lang="{@lang}"><xsl:value-of select="r:title"/></span>
                    </xsl:if>
                    <span class="meta">
                      <xsl:for-each select="r:method">
                        <xsl:if test="position() &gt; 1">, </xsl:if>
                        <xsl:variable name="m" select="key('method', @ref)"/>
                        <xsl:choose>
                          <xsl:when test="$m"><xsl:value-of select="$m/r:label[@lang = $l]"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="@ref"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:for-each>
                      <xsl:if test="@attendance">
                        <xsl:if test="r:method"> · </xsl:if>
                        <xsl:choose>
                          <xsl:when test="$present-plain">
                            <xsl:variable name="t" select="substring($present-other, 1, number(number(@attendance) != 1) * string-length($present-other))"/>
                            <xsl:variable name="form" select="concat($t, substring($present-one, 1, number($t = '') * string-length($present-one)))"/>
                            <xsl:value-of select="concat(substring-before($form, '{n}'), format-number(@attendance, $numfmt, $l), substring-after($form, '{n}'))"/>
                          </xsl:when>
                          <xsl:otherwise><xsl:value-of select="px:plural('app.present', @attendance, $l)"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:if>
                    </span>
                    <xsl:if test="@path"><span class="loc" translate="no"><xsl:value-of select="@path"/></span></xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="px:str('app.no-sessions', $l)"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$internal">
    <h4>
      <xsl:value-of select="px:str('app.followups', $l)"/>
      <xsl:if test="$fus">
        <xsl:text> </xsl:text>
        <span class="count">
          <xsl:value-of select="concat('(', px:fmt('app.followups-count', $l,
                                  px:plural('fu.open', count($fus[not(@done = 'true' or @done = '1')]), $l),
                                  px:plural('fu.done', count($fus[@done = 'true' or @done = '1']), $l)), ')')"/>
        </span>
      </xsl:if>
    </h4>
    <xsl:choose>
      <xsl:when test="$fus">
        <xsl:variable name="t-done" select="px:str('fu.done', $l)"/>
        <xsl:variable name="t-open" select="px:str('fu.open', $l)"/>
        <ul class="followups">
          <xsl:for-each select="$fus">
            <xsl:variable name="done" select="string(@done) = 'true' or string(@done) = '1'"/>
            <li>
              <xsl:attribute name="class">
                <xsl:choose><xsl:when test="$done">done</xsl:when><xsl:otherwise>open</xsl:otherwise></xsl:choose>
              </xsl:attribute>
              <span class="box" role="img">
                <xsl:attribute name="aria-label">
                  <xsl:choose>
                    <xsl:when test="$done"><xsl:value-of select="$t-done"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$t-open"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:choose>
                  <xsl:when test="$done">☑</xsl:when>
                  <xsl:otherwise>☐</xsl:otherwise>
                </xsl:choose>
              </span>
              <xsl:text> </xsl:text>
              <span class="text" lang="{@lang}"><xsl:value-of select="normalize-space(.)"/></span>
              <xsl:text> </xsl:text>
              <span class="source">
                <xsl:variable name="day" select="number(substring(@date, 9, 2))"/>
                <xsl:variable name="mo" select="number(substring(@date, 6, 2))"/>
                <xsl:variable name="month" select="$months[$mo]"/>
                <xsl:choose>
                  <xsl:when test="$month and $src-plain">
                    <xsl:value-of select="concat(substring-before($src, '{1}'), @session, substring-before($src-1, '{2}'),
                                                 substring($first, 1, number($day = 1) * string-length($first)),
                                                 substring($day, 1, number($day != 1) * string-length($day)),
                                                 '&#160;', $month, ' ', substring(@date, 1, 4), substring-after($src-1, '{2}'))"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="px:fmt('source.session', $l, @session, px:date(@date, $l))"/></xsl:otherwise>
                </xsl:choose>
                <xsl:text> </xsl:text>
                <span class="loc" translate="no"><xsl:value-of select="concat(@path, ':', @line)"/></span>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="px:str('fu.none', $l)"/></p></xsl:otherwise>
    </xsl:choose>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
