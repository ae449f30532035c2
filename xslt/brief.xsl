<?xml version="1.0" encoding="UTF-8"?>
<!--
  brief.xsl - the brief (schema/brief.rng) as plain text for an 80-column
  terminal (format=text) or as Markdown (format=md). brief-html.xsl writes
  the HTML; the JSON is written in C through the one JSON writer
  (px_brief_json, shape in doc/json.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:b="urn:praxis:brief:1"
    xmlns:bs="urn:praxis:brief-strings"
    exclude-result-prefixes="b bs">
  <xsl:include href="ui-strings.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="format" select="'text'"/>
  <xsl:param name="css" select="''"/>

  <!-- the site renders one brief in both languages: `for` overrides @lang -->
  <xsl:param name="for" select="''"/>
  <xsl:variable name="lang" select="substring(concat($for, /b:brief/@lang), 1, 2)"/>
  <xsl:variable name="md" select="$format = 'md'"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="b:brief"/>
  </xsl:template>

  <!-- ============================================================ text, md -->

  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:param name="a4" select="''"/>
    <xsl:call-template name="bs:str">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="lang" select="$lang"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
      <xsl:with-param name="a4" select="$a4"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="heading">
    <xsl:param name="id"/>
    <xsl:value-of select="$nl"/>
    <xsl:variable name="t"><xsl:call-template name="s"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$md">## <xsl:value-of select="$t"/><xsl:value-of select="$nl"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$t"/><xsl:value-of select="$nl"/>
        <xsl:value-of select="substring('--------------------------------------------------------------------------------', 1, string-length($t))"/>
        <xsl:value-of select="$nl"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- wrap: `text` in lines of at most 80 characters, each starting with
       `first` (the first) or `indent` (the others) -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:param name="width" select="80"/>
    <xsl:param name="after" select="''"/>
    <xsl:choose>
      <xsl:when test="$md">
        <xsl:value-of select="$first"/>
        <xsl:call-template name="md-escape"><xsl:with-param name="s" select="normalize-space($text)"/></xsl:call-template>
        <xsl:value-of select="$after"/>
        <xsl:value-of select="$nl"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-words">
          <xsl:with-param name="rest" select="concat(normalize-space($text), ' ')"/>
          <xsl:with-param name="line" select="$first"/>
          <xsl:with-param name="indent" select="$indent"/>
          <xsl:with-param name="width" select="$width"/>
          <xsl:with-param name="empty" select="true()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- what a note says must not turn into Markdown markup -->
  <xsl:template name="md-escape">
    <xsl:param name="s"/>
    <xsl:variable name="special" select="'\`*_[]&lt;&gt;#|&amp;!'"/>
    <xsl:variable name="plain" select="translate($s, $special, '')"/>
    <xsl:choose>
      <xsl:when test="string-length($plain) = string-length($s)"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="c" select="substring($s, 1, 1)"/>
        <xsl:if test="contains($special, $c)">\</xsl:if>
        <xsl:value-of select="$c"/>
        <xsl:call-template name="md-escape"><xsl:with-param name="s" select="substring($s, 2)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="wrap-words">
    <xsl:param name="rest"/>
    <xsl:param name="line"/>
    <xsl:param name="indent"/>
    <xsl:param name="width"/>
    <xsl:param name="empty"/>
    <xsl:choose>
      <xsl:when test="not(normalize-space($rest))">
        <xsl:value-of select="$line"/><xsl:value-of select="$nl"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="word" select="substring-before($rest, ' ')"/>
        <xsl:choose>
          <xsl:when test="$empty or string-length($line) + 1 + string-length($word) &lt;= $width">
            <xsl:call-template name="wrap-words">
              <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
              <xsl:with-param name="line" select="concat($line, substring(' ', 1, number(not($empty))), $word)"/>
              <xsl:with-param name="indent" select="$indent"/>
              <xsl:with-param name="width" select="$width"/>
              <xsl:with-param name="empty" select="false()"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$line"/><xsl:value-of select="$nl"/>
            <xsl:call-template name="wrap-words">
              <xsl:with-param name="rest" select="$rest"/>
              <xsl:with-param name="line" select="$indent"/>
              <xsl:with-param name="indent" select="$indent"/>
              <xsl:with-param name="width" select="$width"/>
              <xsl:with-param name="empty" select="true()"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="b:brief">
    <xsl:variable name="title">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'title'"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
      <!-- the name comes from communities.yaml: one line, and no Markdown -->
      <xsl:choose>
        <xsl:when test="$md">
          <xsl:call-template name="md-escape"><xsl:with-param name="s" select="normalize-space(b:name[@lang = $lang])"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(b:name[@lang = $lang])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$md"># </xsl:if>
    <xsl:value-of select="$title"/><xsl:value-of select="$nl"/>
    <xsl:if test="not($md)">
      <xsl:value-of select="substring('================================================================================', 1, string-length($title))"/>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text">
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'progress'"/>
          <xsl:with-param name="a1" select="@next-session"/>
          <xsl:with-param name="a2" select="@expected-sessions"/>
          <xsl:with-param name="a3" select="@cycle"/>
        </xsl:call-template>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="b:zone[@lang = $lang]"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="b:moderator">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text">
          <xsl:call-template name="s"><xsl:with-param name="id" select="'moderators'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
          <xsl:for-each select="b:moderator"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="b:last"/>
    <xsl:apply-templates select="b:followups"/>
    <xsl:apply-templates select="b:closed[b:followup]"/>
    <xsl:apply-templates select="b:recurring"/>
    <xsl:apply-templates select="b:elsewhere"/>
    <xsl:apply-templates select="b:attendance"/>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'generated'"/>
      <xsl:with-param name="a1" select="@generated"/>
    </xsl:call-template>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <xsl:template match="b:last">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'last'"/></xsl:call-template>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'session'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', @session, ' (', @date, ')')"/>
        <xsl:if test="b:title"><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template><xsl:value-of select="b:title"/></xsl:if>
      </xsl:with-param>
      <xsl:with-param name="after" select="substring('**', 1, 2 * number($md))"/>
      <xsl:with-param name="first" select="substring('**', 1, 2 * number($md))"/>
    </xsl:call-template>
    <xsl:if test="$md"><xsl:value-of select="$nl"/></xsl:if>
    <xsl:if test="b:summary">
      <xsl:call-template name="wrap"><xsl:with-param name="text" select="b:summary"/></xsl:call-template>
      <xsl:if test="$md"><xsl:value-of select="$nl"/></xsl:if>
    </xsl:if>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'attendance'"/></xsl:call-template>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="@attendance"><xsl:value-of select="@attendance"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'unknown'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="b:method">
          <xsl:text> · </xsl:text>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'methods'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
          <xsl:for-each select="b:method"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="b:label[@lang = $lang]"/></xsl:for-each>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="first" select="substring('- ', 1, 2 * number($md))"/>
    </xsl:call-template>
    <xsl:if test="b:code">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text">
          <xsl:call-template name="s"><xsl:with-param name="id" select="'codes'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
          <xsl:for-each select="b:code"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="b:label[@lang = $lang]"/></xsl:for-each>
        </xsl:with-param>
        <xsl:with-param name="first" select="substring('- ', 1, 2 * number($md))"/>
        <xsl:with-param name="indent" select="'  '"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="b:followups">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'followups'"/></xsl:call-template>
    <xsl:if test="not(b:followup)">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'no-followups'"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:for-each select="b:followup">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(., ' (', @date, ', ', @path, ':', @line, ')')"/>
        <xsl:with-param name="first" select="'- [ ] '"/>
        <xsl:with-param name="indent" select="'      '"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="b:closed">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'closed'"/></xsl:call-template>
    <xsl:for-each select="b:followup">
      <xsl:variable name="when">
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'closed-line'"/>
          <xsl:with-param name="a1" select="@checked"/>
          <xsl:with-param name="a2" select="@by"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="sep"><xsl:call-template name="s"><xsl:with-param name="id" select="'semicolon'"/></xsl:call-template></xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(., ' (', $when, $sep, @date, ', ', @path, ':', @line, ')')"/>
        <xsl:with-param name="first" select="'- [x] '"/>
        <xsl:with-param name="indent" select="'      '"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="b:recurring">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'recurring'"/></xsl:call-template>
    <xsl:if test="not(b:code)">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'no-recurring'"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:for-each select="b:code">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text">
          <xsl:value-of select="b:label[@lang = $lang]"/>
          <xsl:text> (#</xsl:text><xsl:value-of select="@id"/><xsl:text>)</xsl:text><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'recurring-line'"/>
            <xsl:with-param name="a1" select="@sessions"/>
            <xsl:with-param name="a2" select="@segments"/>
            <xsl:with-param name="a3" select="@other-segments"/>
            <xsl:with-param name="a4" select="@other-communities"/>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="first" select="'- '"/>
        <xsl:with-param name="indent" select="'  '"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="b:elsewhere">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'elsewhere'"/></xsl:call-template>
    <xsl:if test="not(b:segment)">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'no-elsewhere'"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:for-each select="b:segment">
      <xsl:variable name="code" select="@code"/>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(b:community-name[@lang = $lang], ', ', @date, ' (#', @code, ', ', @path, ':', @line, '):')"/>
        <xsl:with-param name="first" select="'- '"/>
        <xsl:with-param name="indent" select="'  '"/>
      </xsl:call-template>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="b:text"/>
        <xsl:with-param name="first" select="'  > '"/>
        <xsl:with-param name="indent" select="'  > '"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="b:attendance">
    <xsl:call-template name="heading"><xsl:with-param name="id" select="'trend'"/></xsl:call-template>
    <xsl:variable name="max">
      <xsl:for-each select="b:session/@attendance">
        <xsl:sort data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="b:session">
      <xsl:if test="$md">- </xsl:if>
      <xsl:value-of select="substring(concat(@n, '   '), 1, 3)"/>
      <xsl:value-of select="@date"/>
      <xsl:text>  </xsl:text>
      <xsl:value-of select="substring(concat('   ', @attendance), string-length(@attendance) + 1, 3)"/>
      <xsl:if test="@attendance and number($max) > 0">
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring('##################################################', 1, round(40 * @attendance div $max))"/>
      </xsl:if>
      <xsl:value-of select="$nl"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
