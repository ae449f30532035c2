<?xml version="1.0" encoding="UTF-8"?>
<!--
  note-body.xsl - a note's body (CommonMark XML as cmark-gfm writes it,
  http://commonmark.org/xml/1.0, codes as <custom_inline on_enter="CODE">)
  as HTML, for the static site (site.xsl) and the web app (web.xsl), which
  both include it. Everything from the note is text: its own HTML is
  never passed through, links other than web and mail ones stay text,
  images are not fetched.

  The including stylesheet defines two named templates, each with the
  parameter `id` (a code id): code-href, the URL of the code's page, and
  code-title, the code's label in the page's language.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    exclude-result-prefixes="cm">
  <xsl:template match="cm:paragraph"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="cm:heading">
    <!-- note headings sit below the page's h1 -->
    <xsl:variable name="level" select="@level + 1 - number(@level = 6)"/>
    <xsl:element name="h{$level}"><xsl:apply-templates/></xsl:element>
  </xsl:template>
  <xsl:template match="cm:block_quote"><blockquote><xsl:apply-templates/></blockquote></xsl:template>
  <xsl:template match="cm:list[@type = 'ordered']"><ol><xsl:if test="@start and @start != 1"><xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute></xsl:if><xsl:apply-templates/></ol></xsl:template>
  <xsl:template match="cm:list"><ul><xsl:if test="cm:tasklist"><xsl:attribute name="class">tasks</xsl:attribute></xsl:if><xsl:apply-templates/></ul></xsl:template>
  <xsl:template match="cm:item"><li><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="cm:tasklist">
    <li class="task done-{@completed = 'true'}">
      <span class="box"><xsl:choose><xsl:when test="@completed = 'true'">☑ </xsl:when><xsl:otherwise>☐ </xsl:otherwise></xsl:choose></span>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <xsl:template match="cm:item/cm:paragraph[count(../cm:paragraph) = 1] | cm:tasklist/cm:paragraph[count(../cm:paragraph) = 1]"><xsl:apply-templates/></xsl:template>
  <xsl:template match="cm:code_block"><pre><code><xsl:value-of select="."/></code></pre></xsl:template>
  <xsl:template match="cm:thematic_break"><hr/></xsl:template>
  <xsl:template match="cm:table"><div class="table"><table><xsl:apply-templates/></table></div></xsl:template>
  <xsl:template match="cm:table_header"><thead><tr><xsl:for-each select="cm:table_cell"><th><xsl:apply-templates/></th></xsl:for-each></tr></thead></xsl:template>
  <xsl:template match="cm:table_row"><tr><xsl:for-each select="cm:table_cell"><td><xsl:apply-templates/></td></xsl:for-each></tr></xsl:template>
  <xsl:template match="cm:text"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="cm:softbreak"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="cm:linebreak"><br/></xsl:template>
  <xsl:template match="cm:code"><code><xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="cm:emph"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="cm:strong"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="cm:strikethrough"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="cm:link">
    <xsl:choose>
      <!-- only web and mail links; anything else (javascript:, data:) stays text -->
      <xsl:when test="starts-with(@destination, 'https://') or starts-with(@destination, 'http://') or starts-with(@destination, 'mailto:')">
        <a href="{@destination}" rel="nofollow noopener"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- images are not fetched: their description stands in -->
  <xsl:template match="cm:image"><span class="image">[<xsl:apply-templates/>]</span></xsl:template>
  <!-- a note's own HTML is never passed through -->
  <xsl:template match="cm:html_block | cm:html_inline"/>
  <!-- a code's hashtag links to the code: the including stylesheet names
       the link (template code-href) and the code's label (code-title) -->
  <xsl:template match="cm:custom_inline">
    <a class="code-tag">
      <xsl:attribute name="href"><xsl:call-template name="code-href"><xsl:with-param name="id" select="@on_enter"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="title"><xsl:call-template name="code-title"><xsl:with-param name="id" select="@on_enter"/></xsl:call-template></xsl:attribute>
      <xsl:apply-templates/>
    </a>
  </xsl:template>
  <xsl:template match="cm:*"><xsl:apply-templates/></xsl:template>
</xsl:stylesheet>
