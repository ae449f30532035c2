<?xml version="1.0" encoding="UTF-8"?>
<!--
  brief-html.xsl - the brief (schema/brief.rng) as one HTML page. The
  words come from ui-strings.xsl; everything from the notes is text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:b="urn:praxis:brief:1"
    xmlns:bs="urn:praxis:brief-strings"
    exclude-result-prefixes="b bs">
  <xsl:include href="ui-strings.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:param name="format" select="'html'"/>
  <xsl:param name="css" select="''"/>
  <!-- in the site: the home page, the community's page, this brief in the other language -->
  <xsl:param name="home" select="''"/>
  <xsl:param name="back" select="''"/>
  <xsl:param name="switch" select="''"/>
  <!-- 'internal' in the internal site (praxis site, audience internal):
       the page says it is not for publication -->
  <xsl:param name="audience" select="''"/>

  <!-- the site renders one brief in both languages: `for` overrides @lang -->
  <xsl:param name="for" select="''"/>
  <xsl:variable name="lang" select="substring(concat($for, /b:brief/@lang), 1, 2)"/>

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

  <xsl:template match="/b:brief">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:call-template name="s"><xsl:with-param name="id" select="'title'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template><xsl:value-of select="b:name[@lang = $lang]"/></title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body class="brief">
        <xsl:if test="$audience = 'internal'">
          <p class="audience-internal" role="note"><xsl:call-template name="s"><xsl:with-param name="id" select="'internal'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:if test="$home != ''">
          <nav class="site-nav brief-nav">
            <a href="{$home}"><xsl:call-template name="s"><xsl:with-param name="id" select="'home'"/></xsl:call-template></a>
            <xsl:text> · </xsl:text>
            <a href="{$back}"><xsl:value-of select="b:name[@lang = $lang]"/></a>
            <xsl:text> · </xsl:text>
            <a href="{$switch}"><xsl:call-template name="s"><xsl:with-param name="id" select="'other-lang'"/></xsl:call-template></a>
          </nav>
        </xsl:if>
        <main>
          <header>
            <h1><xsl:call-template name="s"><xsl:with-param name="id" select="'title'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template><xsl:value-of select="b:name[@lang = $lang]"/></h1>
            <p class="lead">
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'progress'"/>
                <xsl:with-param name="a1" select="@next-session"/>
                <xsl:with-param name="a2" select="@expected-sessions"/>
                <xsl:with-param name="a3" select="@cycle"/>
              </xsl:call-template>
              <xsl:text> · </xsl:text><xsl:value-of select="b:zone[@lang = $lang]"/>
            </p>
            <progress max="{@expected-sessions}" value="{@next-session - 1}"><xsl:value-of select="@next-session - 1"/>/<xsl:value-of select="@expected-sessions"/></progress>
            <xsl:if test="b:moderator">
              <p><xsl:call-template name="s"><xsl:with-param name="id" select="'moderators'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
                <xsl:for-each select="b:moderator"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each></p>
            </xsl:if>
          </header>
          <xsl:apply-templates select="b:last"/>
          <section>
            <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'followups'"/></xsl:call-template></h2>
            <xsl:if test="not(b:followups/b:followup)"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'no-followups'"/></xsl:call-template></p></xsl:if>
            <ul class="followups">
              <xsl:for-each select="b:followups/b:followup">
                <li><span class="box" aria-hidden="true">☐ </span><xsl:value-of select="."/>
                  <span class="source"> (<xsl:value-of select="@date"/>, <code><xsl:value-of select="concat(@path, ':', @line)"/></code>)</span></li>
              </xsl:for-each>
            </ul>
          </section>
          <xsl:if test="b:closed/b:followup">
            <section>
              <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'closed'"/></xsl:call-template></h2>
              <ul class="followups">
                <xsl:for-each select="b:closed/b:followup">
                  <li><span class="box" aria-hidden="true">☑ </span><xsl:value-of select="."/>
                    <span class="source"> (<xsl:call-template name="s">
                        <xsl:with-param name="id" select="'closed-line'"/>
                        <xsl:with-param name="a1" select="@checked"/>
                        <xsl:with-param name="a2" select="@by"/>
                      </xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'semicolon'"/></xsl:call-template><xsl:value-of select="@date"/>, <code><xsl:value-of select="concat(@path, ':', @line)"/></code>)</span></li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:if>
          <section>
            <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'recurring'"/></xsl:call-template></h2>
            <xsl:if test="not(b:recurring/b:code)"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'no-recurring'"/></xsl:call-template></p></xsl:if>
            <ul>
              <xsl:for-each select="b:recurring/b:code">
                <li><strong><xsl:value-of select="b:label[@lang = $lang]"/></strong><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
                  <xsl:call-template name="s">
                    <xsl:with-param name="id" select="'recurring-line'"/>
                    <xsl:with-param name="a1" select="@sessions"/>
                    <xsl:with-param name="a2" select="@segments"/>
                    <xsl:with-param name="a3" select="@other-segments"/>
                    <xsl:with-param name="a4" select="@other-communities"/>
                  </xsl:call-template></li>
              </xsl:for-each>
            </ul>
          </section>
          <section>
            <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'elsewhere'"/></xsl:call-template></h2>
            <xsl:if test="not(b:elsewhere/b:segment)"><p><xsl:call-template name="s"><xsl:with-param name="id" select="'no-elsewhere'"/></xsl:call-template></p></xsl:if>
            <xsl:for-each select="b:elsewhere/b:segment">
              <xsl:variable name="code" select="@code"/>
              <figure class="quote">
                <blockquote><p><xsl:value-of select="b:text"/></p></blockquote>
                <figcaption><xsl:value-of select="b:community-name[@lang = $lang]"/>, <xsl:value-of select="@date"/> ·
                  <xsl:value-of select="/b:brief/b:recurring/b:code[@id = $code]/b:label[@lang = $lang]"/> ·
                  <code><xsl:value-of select="concat(@path, ':', @line)"/></code></figcaption>
              </figure>
            </xsl:for-each>
          </section>
          <section>
            <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'trend'"/></xsl:call-template></h2>
            <xsl:variable name="max">
              <xsl:for-each select="b:attendance/b:session/@attendance">
                <xsl:sort data-type="number" order="descending"/>
                <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
              </xsl:for-each>
            </xsl:variable>
            <xsl:variable name="n" select="count(b:attendance/b:session)"/>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$n * 40 + 10} 130" width="{$n * 40 + 10}" height="130" role="img">
              <xsl:attribute name="aria-label"><xsl:call-template name="s"><xsl:with-param name="id" select="'trend'"/></xsl:call-template></xsl:attribute>
              <xsl:for-each select="b:attendance/b:session">
                <xsl:variable name="h" select="round(100 * @attendance div $max)"/>
                <rect x="{(position() - 1) * 40 + 10}" y="{110 - $h}" width="28" height="{$h}" fill="#2a6f97">
                  <title><xsl:value-of select="concat(@date, ': ', @attendance)"/></title>
                </rect>
                <text x="{(position() - 1) * 40 + 24}" y="125" font-size="11" text-anchor="middle"><xsl:value-of select="@n"/></text>
                <text x="{(position() - 1) * 40 + 24}" y="{106 - $h}" font-size="11" text-anchor="middle"><xsl:value-of select="@attendance"/></text>
              </xsl:for-each>
            </svg>
          </section>
          <footer><p><xsl:call-template name="s"><xsl:with-param name="id" select="'generated'"/><xsl:with-param name="a1" select="@generated"/></xsl:call-template></p></footer>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="b:last">
    <section>
      <h2><xsl:call-template name="s"><xsl:with-param name="id" select="'last'"/></xsl:call-template></h2>
      <h3><xsl:call-template name="s"><xsl:with-param name="id" select="'session'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', @session, ' (', @date, ')')"/>
        <xsl:if test="b:title"><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template><xsl:value-of select="b:title"/></xsl:if></h3>
      <xsl:if test="b:summary"><p><xsl:value-of select="b:summary"/></p></xsl:if>
      <p><xsl:call-template name="s"><xsl:with-param name="id" select="'attendance'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="@attendance"><xsl:value-of select="@attendance"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'unknown'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="b:method"> · <xsl:call-template name="s"><xsl:with-param name="id" select="'methods'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="id" select="'colon'"/></xsl:call-template>
          <xsl:for-each select="b:method"><xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="b:label[@lang = $lang]"/></xsl:for-each></xsl:if></p>
      <xsl:if test="b:code">
        <p><xsl:call-template name="s"><xsl:with-param name="id" select="'codes'"/></xsl:call-template></p>
        <ul class="tags">
          <xsl:for-each select="b:code"><li><xsl:value-of select="b:label[@lang = $lang]"/></li></xsl:for-each>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
