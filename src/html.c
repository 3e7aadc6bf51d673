/* html.c: takes the bytes of an HTML page and produces a document of typed
 * blocks (headline, deck, body, caption, quote) holding the article alone,
 * plus the page metadata (title, byline, date, canonical url, site, lang).
 * libxml2's HTML parser runs in SAX mode and feeds a compact tree that
 * keeps input byte offsets; a readability-style scorer picks the article. */
#include "newscheck/document.h"

#include <dlfcn.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

/* Our own tree is never deeper than this; deeper markup is flattened into
 * the node at this depth, so every walk below stays bounded. */
#define MAX_DEPTH 400
/* Longest JSON-LD script we read, and how deep we look into it. */
#define MAX_JSONLD 262144
#define JSONLD_DEPTH 12

/* ------------------------------------------------------------------ */
/* libxml2, loaded when the first page is parsed                       */

/* Most runs read plain-text articles, and libxml2 with what it brings
 * (ICU, the C++ runtime) takes about 3 ms to load and link: a fifth of a
 * cross-check of five articles.  So the program does not link it; the
 * first page opens it by the file name the build linked against
 * (NC_LIBXML2_SONAME, found by the Makefile), and the six functions used
 * here are called through this table. */
#ifndef NC_LIBXML2_SONAME
#define NC_LIBXML2_SONAME "libxml2.so.2"
#endif

static struct {
  htmlParserCtxtPtr (*create)(const char *, int);
  int (*use_options)(htmlParserCtxtPtr, int);
  int (*switch_encoding)(xmlParserCtxtPtr, xmlCharEncoding);
  int (*parse)(htmlParserCtxtPtr);
  void (*free_ctxt)(htmlParserCtxtPtr);
  const htmlEntityDesc *(*entity)(const xmlChar *);
  char why[300]; /* why it could not be loaded; empty when it was */
} xml;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* Store the function `name` of lib in the pointer at fp; false when the
 * library has none.  (dlsym returns an object pointer: copied bytewise, as
 * POSIX allows, since C has no cast between the two kinds.) */
static bool xml_sym(void *lib, const char *name, void *fp)
{
  void *f = dlsym(lib, name);
  _Static_assert(sizeof f == sizeof xml.parse,
                 "function pointers are as wide as object pointers");
  if (!f) {
    snprintf(xml.why, sizeof xml.why, "%s has no %s", NC_LIBXML2_SONAME,
             name);
    return false;
  }
  memcpy(fp, &f, sizeof f);
  return true;
}

static void xml_load(void)
{
  void *lib = dlopen(NC_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *e = dlerror();
    snprintf(xml.why, sizeof xml.why, "cannot load the HTML parser: %s",
             e ? e : NC_LIBXML2_SONAME);
    return;
  }
  /* kept open to the end: its entities and parser state are used until
   * the process exits */
  if (!xml_sym(lib, "htmlCreateMemoryParserCtxt", &xml.create) ||
      !xml_sym(lib, "htmlCtxtUseOptions", &xml.use_options) ||
      !xml_sym(lib, "xmlSwitchEncoding", &xml.switch_encoding) ||
      !xml_sym(lib, "htmlParseDocument", &xml.parse) ||
      !xml_sym(lib, "htmlFreeParserCtxt", &xml.free_ctxt) ||
      !xml_sym(lib, "htmlEntityLookup", &xml.entity))
    xml.parse = NULL;
}

/* True when libxml2 is ready; else xml.why says why not. */
static bool xml_ready(void)
{
  pthread_once(&xml_once, xml_load);
  return xml.parse != NULL;
}

/* ------------------------------------------------------------------ */
/* Tags                                                                */

enum tag {
  T_OTHER, T_TEXT, T_A, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR,
  T_BUTTON, T_CANVAS, T_CAPTION, T_DD, T_DIV, T_DL, T_DT, T_EMBED,
  T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5,
  T_H6, T_HEAD, T_HEADER, T_HR, T_HTML, T_IFRAME, T_IMG, T_INPUT, T_LI,
  T_LINK, T_MAIN, T_MATH, T_META, T_NAV, T_NOSCRIPT, T_OBJECT, T_OL,
  T_OPTION, T_P, T_PRE, T_SCRIPT, T_SECTION, T_SELECT, T_STYLE, T_SVG,
  T_TABLE, T_TD, T_TEMPLATE, T_TEXTAREA, T_TH, T_TIME, T_TITLE, T_TR,
  T_UL, T_ADDRESS, T_CENTER, T_DETAILS, T_DIALOG, T_FIELDSET, T_MENU,
  T_SUMMARY, T_TBODY, T_THEAD, T_TFOOT, T_LABEL, T_VIDEO, T_AUDIO,
  T_PICTURE, T_SOURCE
};

struct tagname {
  const char *name;
  enum tag tag;
};

/* Sorted by name for bsearch. */
static const struct tagname tagnames[] = {
  {"a", T_A}, {"address", T_ADDRESS}, {"article", T_ARTICLE},
  {"aside", T_ASIDE}, {"audio", T_AUDIO}, {"blockquote", T_BLOCKQUOTE},
  {"body", T_BODY}, {"br", T_BR}, {"button", T_BUTTON},
  {"canvas", T_CANVAS}, {"caption", T_CAPTION}, {"center", T_CENTER},
  {"dd", T_DD}, {"details", T_DETAILS}, {"dialog", T_DIALOG},
  {"div", T_DIV}, {"dl", T_DL}, {"dt", T_DT}, {"embed", T_EMBED},
  {"fieldset", T_FIELDSET}, {"figcaption", T_FIGCAPTION},
  {"figure", T_FIGURE}, {"footer", T_FOOTER}, {"form", T_FORM},
  {"h1", T_H1}, {"h2", T_H2}, {"h3", T_H3}, {"h4", T_H4}, {"h5", T_H5},
  {"h6", T_H6}, {"head", T_HEAD}, {"header", T_HEADER}, {"hr", T_HR},
  {"html", T_HTML}, {"iframe", T_IFRAME}, {"img", T_IMG},
  {"input", T_INPUT}, {"label", T_LABEL}, {"li", T_LI}, {"link", T_LINK},
  {"main", T_MAIN}, {"math", T_MATH}, {"menu", T_MENU}, {"meta", T_META},
  {"nav", T_NAV}, {"noscript", T_NOSCRIPT}, {"object", T_OBJECT},
  {"ol", T_OL}, {"option", T_OPTION}, {"p", T_P}, {"picture", T_PICTURE},
  {"pre", T_PRE}, {"script", T_SCRIPT}, {"section", T_SECTION},
  {"select", T_SELECT}, {"source", T_SOURCE}, {"style", T_STYLE},
  {"summary", T_SUMMARY}, {"svg", T_SVG}, {"table", T_TABLE},
  {"tbody", T_TBODY}, {"td", T_TD}, {"template", T_TEMPLATE},
  {"textarea", T_TEXTAREA}, {"tfoot", T_TFOOT}, {"th", T_TH},
  {"thead", T_THEAD}, {"time", T_TIME}, {"title", T_TITLE}, {"tr", T_TR},
  {"ul", T_UL}, {"video", T_VIDEO},
};

static int tagname_cmp(const void *key, const void *elem)
{
  return strcmp(key, ((const struct tagname *)elem)->name);
}

static enum tag tag_of(const char *name)
{
  const struct tagname *t =
      bsearch(name, tagnames, sizeof tagnames / sizeof tagnames[0],
              sizeof tagnames[0], tagname_cmp);
  return t ? t->tag : T_OTHER;
}

/* Elements whose content is never article text. */
static int tag_never_text(enum tag t)
{
  switch (t) {
  case T_SCRIPT: case T_STYLE: case T_NOSCRIPT: case T_TEMPLATE:
  case T_SVG: case T_MATH: case T_IFRAME: case T_OBJECT: case T_EMBED:
  case T_CANVAS: case T_BUTTON: case T_SELECT: case T_OPTION:
  case T_TEXTAREA: case T_INPUT: case T_HEAD: case T_TITLE: case T_META:
  case T_LINK: case T_NAV: case T_ASIDE: case T_FOOTER: case T_DIALOG:
  case T_MENU: case T_VIDEO: case T_AUDIO: case T_LABEL:
    return 1;
  default:
    return 0;
  }
}

/* Elements that break inline text into separate paragraphs. */
static int tag_is_block(enum tag t)
{
  switch (t) {
  case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE:
  case T_BODY: case T_CAPTION: case T_CENTER: case T_DD: case T_DETAILS:
  case T_DIV: case T_DL: case T_DT: case T_FIELDSET: case T_FIGCAPTION:
  case T_FIGURE: case T_FOOTER: case T_FORM: case T_H1: case T_H2:
  case T_H3: case T_H4: case T_H5: case T_H6: case T_HEADER: case T_HR:
  case T_HTML: case T_LI: case T_MAIN: case T_NAV: case T_OL: case T_P:
  case T_PRE: case T_SECTION: case T_SUMMARY: case T_TABLE: case T_TBODY:
  case T_TD: case T_TFOOT: case T_TH: case T_THEAD: case T_TR: case T_UL:
  case T_MENU: case T_DIALOG:
    return 1;
  default:
    return 0;
  }
}

static int tag_is_heading(enum tag t)
{
  return t >= T_H1 && t <= T_H6;
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */

/* Node flags. */
enum {
  F_DROP = 1,      /* never article text (script, nav, hidden ...) */
  F_UNLIKELY = 2,  /* class/id says menu, comments, sidebar ... */
  F_LINK = 4,      /* inside <a> */
  F_DECK = 8,      /* class/id says standfirst */
  F_CAPTION = 16,  /* class/id says caption or photo credit */
  F_BOILER = 32,   /* class/id says share bar, related, newsletter ... */
  F_BYLINE = 64,   /* class/id or rel says author */
  F_DATE = 128,    /* class/id says date or dateline */
  F_EMITTED = 256  /* already turned into blocks in this attempt */
};

/* One element or text run.  Children come after their parent in the
 * array (creation is in document order), so a reverse scan visits every
 * child before its parent: aggregates need no recursion. */
struct hnode {
  int parent, first, last, next;
  unsigned char tag;
  unsigned char depth_capped;
  unsigned short flags;
  short weight;           /* class/id weight, -50..50 */
  size_t start, end;      /* input byte range */
  size_t toff, tlen;      /* text nodes: range in the text pool */
  /* aggregates over the subtree (filled by measure()) */
  unsigned tlen_norm;     /* text length, white space runs count as 1 */
  unsigned link_len;      /* part of it inside links */
  unsigned commas;
  unsigned own_len;       /* inline text of this block (not sub-blocks) */
  unsigned own_commas;
  unsigned np, nimg, nli, ninput, nembed, nhead;
  double score;
  int scored;
};

struct hmeta {
  char *title_tag, *og_title, *og_site, *canonical, *lang, *author;
  char *pub_meta, *pub_jsonld, *pub_time, *ld_headline, *ld_author;
  char *description;
};

struct parser {
  htmlParserCtxtPtr ctxt;
  const char *in;           /* parse buffer (UTF-8) */
  size_t in_len;
  size_t base;              /* offset of the parse buffer in doc input */
  struct hnode *nodes;
  size_t nnodes, cap;
  int stack[MAX_DEPTH];
  int depth;                /* entries in stack */
  long overflow;            /* open elements beyond MAX_DEPTH */
  bool flattened;           /* some element was beyond MAX_DEPTH */
  size_t last_pos;          /* where the previous event ended */
  struct nc_buf text;       /* decoded text of all text nodes */
  size_t *tmap;             /* input offset of each byte of `text` */
  size_t tmap_cap;
  /* capture of <title>, JSON-LD scripts and <time> */
  int in_title, in_ldjson;
  struct nc_buf capture;
  struct nc_buf ldjson;
  struct hmeta meta;
};

static size_t cur_pos(struct parser *p)
{
  xmlParserInputPtr in = p->ctxt->input;
  size_t pos;

  if (!in || !in->cur || !in->base)
    return p->last_pos;
  pos = (size_t)in->consumed + (size_t)(in->cur - in->base);
  if (pos > p->in_len)
    pos = p->in_len;
  if (pos < p->last_pos)
    pos = p->last_pos;
  return pos;
}

static int new_node(struct parser *p, enum tag tag, int parent)
{
  struct hnode *n;
  int id;

  nc_grow(&p->nodes, &p->cap, p->nnodes + 1, sizeof *p->nodes);
  id = (int)p->nnodes++;
  n = &p->nodes[id];
  memset(n, 0, sizeof *n);
  n->tag = (unsigned char)tag;
  n->parent = parent;
  n->first = n->last = n->next = -1;
  if (parent >= 0) {
    struct hnode *pa = &p->nodes[parent];
    if (pa->last >= 0)
      p->nodes[pa->last].next = id;
    else
      pa->first = id;
    pa->last = id;
  }
  return id;
}

/* Lower-cased "class id" string of an element's attributes. */
static int attr_eq(const xmlChar *a, const char *name)
{
  return strcmp((const char *)a, name) == 0;
}

static int has_word(const char *hay, const char *const *words)
{
  size_t i;

  for (i = 0; words[i]; i++)
    if (strstr(hay, words[i]))
      return 1;
  return 0;
}

/* Readability-style hints: words in class and id names that mark the
 * story, or the furniture around it. */
static const char *const w_unlikely[] = {
  "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
  "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
  "header", "legends", "menu", "related", "remark", "replies", "rss",
  "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
  "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
  "yom-remote", "cookie", "consent", "newsletter", "subscribe", "signup",
  "sign-up", "promo", "share", "outbrain", "taboola", "recirc", NULL
};
static const char *const w_maybe[] = {
  "and", "article", "body", "column", "content", "main", "shadow", NULL
};
static const char *const w_negative[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
  "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
  "promo", "related", "scroll", "share", "shoutbox", "sidebar",
  "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
  "newsletter", "subscribe", "taboola", "recirc", "cookie", NULL
};
static const char *const w_positive[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main",
  "page", "post", "text", "blog", "story", NULL
};
static const char *const w_boiler[] = {
  "share", "social", "newsletter", "subscribe", "signup", "sign-up",
  "related", "promo", "cookie", "consent", "comment", "recommend",
  "more-stories", "read-more", "readmore", "outbrain", "taboola",
  "advert", "sponsor", "tags", "breadcrumb", "recirc", "paywall",
  "most-popular", "mostpopular", "trending", NULL
};
static const char *const w_deck[] = {
  "deck", "dek", "standfirst", "subtitle", "sub-title", "subhead",
  "sub-head", "strapline", "summary", "lede", "excerpt", "intro",
  "description", NULL
};
static const char *const w_caption[] = {
  "caption", "credit", "wp-caption-text", "photo-desc", "image-desc",
  NULL
};
static const char *const w_byline[] = {
  "byline", "author", "writer", NULL
};
static const char *const w_date[] = {
  "dateline", "date", "published", "timestamp", "pubtime", NULL
};

static int class_weight(const char *s)
{
  int w = 0;

  if (!s || !*s)
    return 0;
  if (has_word(s, w_negative))
    w -= 25;
  if (has_word(s, w_positive))
    w += 25;
  return w;
}

static char *lowerdup(const xmlChar *s)
{
  return nc_ascii_lowerdup((const char *)s, strlen((const char *)s));
}

/* Keep the first value seen for a metadata field. */
static void set_once(char **slot, const char *v)
{
  if (*slot || !v)
    return;
  while (*v && nc_is_space((unsigned char)*v))
    v++;
  if (*v)
    *slot = xstrdup(v);
}

static void on_meta(struct parser *p, const xmlChar **atts)
{
  const char *key = NULL, *content = NULL;
  size_t i;

  for (i = 0; atts && atts[i]; i += 2) {
    const char *v = (const char *)atts[i + 1];
    if (!v)
      continue;
    if (attr_eq(atts[i], "property") || attr_eq(atts[i], "name") ||
        attr_eq(atts[i], "itemprop"))
      key = key ? key : v;
    else if (attr_eq(atts[i], "content"))
      content = v;
  }
  if (!key || !content)
    return;
  {
    char *k = nc_ascii_lowerdup(key, strlen(key));
    if (!strcmp(k, "og:title") || !strcmp(k, "twitter:title"))
      set_once(&p->meta.og_title, content);
    else if (!strcmp(k, "og:site_name") || !strcmp(k, "application-name"))
      set_once(&p->meta.og_site, content);
    else if (!strcmp(k, "author") || !strcmp(k, "article:author") ||
             !strcmp(k, "byl") || !strcmp(k, "dc.creator") ||
             !strcmp(k, "sailthru.author") || !strcmp(k, "parsely-author"))
      set_once(&p->meta.author, content);
    else if (!strcmp(k, "article:published_time") ||
             !strcmp(k, "og:published_time") ||
             !strcmp(k, "datepublished") || !strcmp(k, "pubdate") ||
             !strcmp(k, "publishdate") || !strcmp(k, "publish-date") ||
             !strcmp(k, "date") || !strcmp(k, "dc.date") ||
             !strcmp(k, "dc.date.issued") || !strcmp(k, "dcterms.created") ||
             !strcmp(k, "sailthru.date") || !strcmp(k, "parsely-pub-date") ||
             !strcmp(k, "article.published") ||
             !strcmp(k, "original-publish-date"))
      set_once(&p->meta.pub_meta, content);
    else if (!strcmp(k, "description") || !strcmp(k, "og:description"))
      set_once(&p->meta.description, content);
    else if (!strcmp(k, "og:locale") || !strcmp(k, "language") ||
             !strcmp(k, "content-language"))
      set_once(&p->meta.lang, content);
    free(k);
  }
}

static void on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
  struct parser *p = ud;
  enum tag tag = tag_of((const char *)name);
  size_t pos = cur_pos(p), st = pos;
  int parent = p->depth ? p->stack[p->depth - 1] : -1;
  struct hnode *n;
  char *cls = NULL;
  int id, hidden = 0, ldjson = 0;
  size_t i;

  /* the parser sits on the tag's '>': find its '<' */
  while (st > p->last_pos && p->in[st] != '<')
    st--;
  if (p->overflow || p->depth >= MAX_DEPTH) {
    p->overflow++;
    p->flattened = true;
    p->last_pos = pos;
    return;
  }
  id = new_node(p, tag, parent);
  n = &p->nodes[id];
  n->start = st;
  n->end = pos;
  for (i = 0; atts && atts[i]; i += 2) {
    const xmlChar *v = atts[i + 1];
    if (attr_eq(atts[i], "class") || attr_eq(atts[i], "id") ||
        attr_eq(atts[i], "role") || attr_eq(atts[i], "itemprop")) {
      char *l;
      if (!v)
        continue;
      l = lowerdup(v);
      if (cls) {
        size_t a = strlen(cls), b = strlen(l);
        cls = xrealloc(cls, a + b + 2);
        cls[a] = ' ';
        memcpy(cls + a + 1, l, b + 1);
        free(l);
      } else {
        cls = l;
      }
      if (attr_eq(atts[i], "role") &&
          (!strcmp((const char *)v, "navigation") ||
           !strcmp((const char *)v, "menu") ||
           !strcmp((const char *)v, "menubar") ||
           !strcmp((const char *)v, "complementary") ||
           !strcmp((const char *)v, "dialog") ||
           !strcmp((const char *)v, "alertdialog") ||
           !strcmp((const char *)v, "contentinfo")))
        hidden = 1;
    } else if (attr_eq(atts[i], "hidden")) {
      hidden = 1;
    } else if (attr_eq(atts[i], "aria-hidden") && v &&
               !strcmp((const char *)v, "true")) {
      hidden = tag != T_BODY && tag != T_HTML && tag != T_ARTICLE;
    } else if (attr_eq(atts[i], "style") && v) {
      char *l = lowerdup(v);
      char *q = l, *o = l;
      for (; *q; q++)
        if (*q != ' ')
          *o++ = *q;
      *o = '\0';
      if (strstr(l, "display:none") || strstr(l, "visibility:hidden"))
        hidden = 1;
      free(l);
    } else if (tag == T_HTML && v && attr_eq(atts[i], "lang")) {
      free(p->meta.lang);
      p->meta.lang = xstrdup((const char *)v);
    } else if (tag == T_LINK && v && attr_eq(atts[i], "rel") &&
               !strcmp((const char *)v, "canonical")) {
      size_t j;
      for (j = 0; atts[j]; j += 2)
        if (attr_eq(atts[j], "href"))
          set_once(&p->meta.canonical, (const char *)atts[j + 1]);
    } else if (v && attr_eq(atts[i], "rel") &&
               !strcmp((const char *)v, "author")) {
      n->flags |= F_BYLINE;
    } else if (tag == T_SCRIPT && v && attr_eq(atts[i], "type") &&
               strstr((const char *)v, "ld+json")) {
      ldjson = 1;
    } else if (tag == T_TIME && v && attr_eq(atts[i], "datetime")) {
      set_once(&p->meta.pub_time, (const char *)v);
    } else if (attr_eq(atts[i], "pubdate") && tag == T_TIME) {
      n->flags |= F_DATE;
    }
  }
  if (tag == T_META)
    on_meta(p, atts);
  if (tag_never_text(tag) || hidden)
    n->flags |= F_DROP;
  if (parent >= 0) {
    n->flags |= p->nodes[parent].flags & (F_DROP | F_LINK);
    if (p->nodes[parent].flags & F_UNLIKELY)
      n->flags |= F_UNLIKELY;
  }
  if (tag == T_A)
    n->flags |= F_LINK;
  if (cls) {
    int w = class_weight(cls);
    n->weight = (short)w;
    if (tag != T_BODY && tag != T_HTML && tag != T_A && tag != T_ARTICLE &&
        tag != T_MAIN && has_word(cls, w_unlikely) &&
        !has_word(cls, w_maybe))
      n->flags |= F_UNLIKELY;
    if (tag != T_BODY && tag != T_HTML && tag != T_ARTICLE &&
        tag != T_MAIN && has_word(cls, w_boiler))
      n->flags |= F_BOILER;
    if (has_word(cls, w_deck) && (tag == T_H2 || !tag_is_heading(tag)))
      n->flags |= F_DECK;
    if (has_word(cls, w_caption))
      n->flags |= F_CAPTION;
    if (has_word(cls, w_byline))
      n->flags |= F_BYLINE;
    if (has_word(cls, w_date))
      n->flags |= F_DATE;
    free(cls);
  }
  p->in_title = tag == T_TITLE && !p->meta.title_tag;
  p->in_ldjson = ldjson;
  p->capture.len = 0;
  p->stack[p->depth++] = id;
  p->last_pos = pos;
}

static void on_end(void *ud, const xmlChar *name)
{
  struct parser *p = ud;
  size_t pos = cur_pos(p);
  int id;

  (void)name;
  p->last_pos = pos;
  if (p->overflow) {
    p->overflow--;
    return;
  }
  if (p->depth == 0)
    return;
  id = p->stack[--p->depth];
  p->nodes[id].end = pos > p->nodes[id].start ? pos : p->nodes[id].start;
  if (p->in_title && p->nodes[id].tag == T_TITLE) {
    set_once(&p->meta.title_tag, p->capture.data ? p->capture.data : "");
    p->in_title = 0;
  }
  if (p->in_ldjson && p->nodes[id].tag == T_SCRIPT) {
    if (p->capture.len && p->ldjson.len < MAX_JSONLD) {
      nc_buf_append(&p->ldjson, p->capture.data, p->capture.len);
      nc_buf_putc(&p->ldjson, '\n');
      nc_buf_putc(&p->ldjson, '\0');
    }
    p->in_ldjson = 0;
  }
}

/* Length of the character reference at s[0..n) (s[0] == '&') and the
 * number of UTF-8 bytes it decodes to; 0 when it is not one. */
static size_t entity_len(const char *s, size_t n, size_t *out_bytes)
{
  size_t i = 1;
  unsigned long cp = 0;

  if (n < 3)
    return 0;
  if (s[1] == '#') {
    int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
    i = hex ? 3 : 2;
    while (i < n && i < 12 &&
           (hex ? (nc_is_digit((unsigned char)s[i]) ||
                   (nc_ascii_lower((unsigned char)s[i]) >= 'a' &&
                    nc_ascii_lower((unsigned char)s[i]) <= 'f'))
                : nc_is_digit((unsigned char)s[i]))) {
      cp = cp * (hex ? 16 : 10) +
           (unsigned long)(nc_is_digit((unsigned char)s[i])
                               ? s[i] - '0'
                               : nc_ascii_lower((unsigned char)s[i]) - 'a' +
                                     10);
      i++;
    }
    if (i == (size_t)(hex ? 3 : 2))
      return 0;
  } else {
    char name[40];
    const htmlEntityDesc *e;
    while (i < n && i < 36 && nc_is_alnum((unsigned char)s[i]))
      i++;
    if (i == 1)
      return 0;
    memcpy(name, s + 1, i - 1);
    name[i - 1] = '\0';
    e = xml.entity((const xmlChar *)name);
    if (!e)
      return 0;
    cp = e->value;
  }
  if (i < n && s[i] == ';')
    i++;
  *out_bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  return i;
}

/* Line the decoded text dec[0..n) up with the raw input [r, re) it came
 * from, writing one input offset per decoded byte.  Handles character
 * references; anything else that differs is mapped best effort, always
 * monotone and inside [r, re]. */
static void align(const char *raw, size_t r, size_t re, const char *dec,
                  size_t n, size_t *map)
{
  size_t i = 0;

  while (i < n) {
    if (r < re && raw[r] == '&') {
      size_t bytes = 0, el = entity_len(raw + r, re - r, &bytes);
      if (el) {
        size_t k;
        for (k = 0; k < bytes && i < n; k++)
          map[i++] = r;
        r += el;
        continue;
      }
    }
    if (r < re && raw[r] == dec[i]) {
      map[i++] = r++;
      continue;
    }
    if (r < re && raw[r] == '\r') {
      r++;
      continue;
    }
    map[i++] = r < re ? r : re;
    if (r < re)
      r++;
  }
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
  struct parser *p = ud;
  size_t pos = cur_pos(p), rs = p->last_pos, n = (size_t)len;
  int parent;
  struct hnode *pa;
  int id;

  p->last_pos = pos;
  if (p->in_title || p->in_ldjson) {
    nc_buf_append(&p->capture, (const char *)ch, n);
    return;
  }
  if (p->depth == 0 || len <= 0)
    return;
  parent = p->stack[p->depth - 1];
  pa = &p->nodes[parent];
  if ((pa->flags & F_DROP) && !(pa->flags & (F_DATE | F_BYLINE)))
    return;
  /* skip the end of the tag the parser stopped on */
  while (rs < pos && (p->in[rs] == '>' || p->in[rs] == '/') &&
         ch[0] != '>' && ch[0] != '/')
    rs++;
  if (pa->last >= 0 && p->nodes[pa->last].tag == T_TEXT &&
      p->nodes[pa->last].toff + p->nodes[pa->last].tlen == p->text.len) {
    id = pa->last;
  } else {
    id = new_node(p, T_TEXT, parent);
    p->nodes[id].toff = p->text.len;
    p->nodes[id].start = rs;
    p->nodes[id].flags = p->nodes[parent].flags & (F_DROP | F_LINK);
  }
  nc_grow(&p->tmap, &p->tmap_cap, p->text.len + n + 1, sizeof *p->tmap);
  align(p->in, rs, pos, (const char *)ch, n, p->tmap + p->text.len);
  nc_buf_append(&p->text, (const char *)ch, n);
  p->nodes[id].tlen += n;
  p->nodes[id].end = pos;
}

static void on_cdata(void *ud, const xmlChar *ch, int len)
{
  struct parser *p = ud;

  p->last_pos = cur_pos(p);
  if (p->in_ldjson && len > 0)
    nc_buf_append(&p->capture, (const char *)ch, (size_t)len);
}

static void on_comment(void *ud, const xmlChar *value)
{
  struct parser *p = ud;

  (void)value;
  p->last_pos = cur_pos(p);
}

/* ------------------------------------------------------------------ */
/* Measuring and scoring                                               */

static int is_space_byte(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Text length with white space runs counted as one, and commas. */
static void text_stats(const char *s, size_t n, unsigned *len,
                       unsigned *commas)
{
  size_t i;
  int sp = 1;
  unsigned l = 0, c = 0;

  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (is_space_byte(ch)) {
      if (!sp)
        l++;
      sp = 1;
      continue;
    }
    /* count code points, not bytes */
    if ((ch & 0xC0) != 0x80)
      l++;
    sp = 0;
    if (ch == ',')
      c++;
  }
  *len = l;
  *commas = c;
}

/* Modes of one extraction attempt (relaxed on retry, as Readability). */
enum {
  M_STRIP_UNLIKELY = 1,
  M_WEIGHT = 2,
  M_CLEAN = 4
};

static int node_dropped(const struct hnode *n, int mode)
{
  if (n->flags & F_DROP)
    return 1;
  if ((mode & M_STRIP_UNLIKELY) && (n->flags & F_UNLIKELY))
    return 1;
  return 0;
}

/* Nearest block ancestor-or-self. */
static int block_of(const struct parser *p, int id)
{
  while (id >= 0 && !tag_is_block((enum tag)p->nodes[id].tag))
    id = p->nodes[id].parent;
  return id;
}

/* Fill the aggregates of every node, bottom-up, for `mode`. */
static void measure(struct parser *p, int mode)
{
  size_t k;

  for (k = 0; k < p->nnodes; k++) {
    struct hnode *n = &p->nodes[k];
    n->tlen_norm = n->link_len = n->commas = 0;
    n->own_len = n->own_commas = 0;
    n->np = n->nimg = n->nli = n->ninput = n->nembed = n->nhead = 0;
    n->score = 0;
    n->scored = 0;
  }
  for (k = p->nnodes; k-- > 0;) {
    struct hnode *n = &p->nodes[k];
    struct hnode *pa;
    if (node_dropped(n, mode)) {
      /* count what the cleaner looks at, even when dropped */
      if (n->parent >= 0) {
        pa = &p->nodes[n->parent];
        if (n->tag == T_INPUT || n->tag == T_TEXTAREA ||
            n->tag == T_SELECT)
          pa->ninput++;
        if (n->tag == T_EMBED || n->tag == T_OBJECT || n->tag == T_IFRAME)
          pa->nembed++;
      }
      continue;
    }
    if (n->tag == T_TEXT) {
      unsigned l, c;
      int b;
      text_stats(p->text.data + n->toff, n->tlen, &l, &c);
      n->tlen_norm = l;
      n->commas = c;
      if (n->flags & F_LINK)
        n->link_len = l;
      b = block_of(p, n->parent);
      if (b >= 0) {
        p->nodes[b].own_len += l;
        p->nodes[b].own_commas += c;
      }
    }
    switch ((enum tag)n->tag) {
    case T_P: n->np++; break;
    case T_IMG: n->nimg++; break;
    case T_LI: n->nli++; break;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
      n->nhead += n->tlen_norm;
      break;
    default: break;
    }
    if (n->parent < 0)
      continue;
    pa = &p->nodes[n->parent];
    pa->tlen_norm += n->tlen_norm;
    pa->link_len += n->link_len;
    pa->commas += n->commas;
    pa->np += n->np;
    pa->nimg += n->nimg;
    pa->nli += n->nli;
    pa->ninput += n->ninput;
    pa->nembed += n->nembed;
    pa->nhead += n->nhead;
  }
}

static double link_density(const struct hnode *n)
{
  return n->tlen_norm ? (double)n->link_len / n->tlen_norm : 0.0;
}

static void init_score(struct hnode *n, int mode)
{
  double s = 0;

  if (n->scored)
    return;
  switch ((enum tag)n->tag) {
  case T_DIV: case T_ARTICLE: case T_MAIN: case T_SECTION: s = 5; break;
  case T_PRE: case T_TD: case T_BLOCKQUOTE: s = 3; break;
  case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT:
  case T_LI: case T_FORM:
    s = -3;
    break;
  case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
  case T_TH:
    s = -5;
    break;
  default: break;
  }
  if (n->tag == T_ARTICLE)
    s += 10;
  if (mode & M_WEIGHT)
    s += n->weight;
  n->score = s;
  n->scored = 1;
}

/* True when `a` is `id` or one of its ancestors. */
static int is_ancestor(const struct parser *p, int a, int id)
{
  for (; id >= 0; id = p->nodes[id].parent)
    if (id == a)
      return 1;
  return 0;
}

/* Score paragraphs into their ancestors; return the best candidate. */
static int pick_top(struct parser *p, int mode, int body)
{
  size_t k;
  int top = -1, i;
  int cand[5] = {-1, -1, -1, -1, -1};

  for (k = 0; k < p->nnodes; k++) {
    struct hnode *n = &p->nodes[k];
    double s;
    int a, level;
    if (n->tag == T_TEXT || !tag_is_block((enum tag)n->tag) ||
        node_dropped(n, mode) || n->own_len < 25)
      continue;
    if (n->tag != T_P && n->tag != T_PRE && n->tag != T_TD &&
        n->tag != T_DIV && n->tag != T_SECTION && n->tag != T_LI &&
        n->tag != T_BLOCKQUOTE && n->tag != T_DD && !tag_is_heading(n->tag))
      continue;
    if ((n->tag == T_DIV || n->tag == T_SECTION || n->tag == T_LI) &&
        n->own_len * 2 < n->tlen_norm)
      continue;
    s = 1 + n->own_commas + (n->own_len / 100 < 3 ? n->own_len / 100 : 3);
    a = n->parent;
    for (level = 0; a >= 0 && level < 5; level++) {
      struct hnode *an = &p->nodes[a];
      if (an->tag == T_HTML || an->tag == T_BODY)
        break;
      init_score(an, mode);
      an->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
      a = an->parent;
    }
  }
  for (k = 0; k < p->nnodes; k++) {
    struct hnode *n = &p->nodes[k];
    if (!n->scored)
      continue;
    n->score *= 1 - link_density(n);
    for (i = 0; i < 5; i++) {
      if (cand[i] < 0 || n->score > p->nodes[cand[i]].score) {
        memmove(cand + i + 1, cand + i, (size_t)(4 - i) * sizeof cand[0]);
        cand[i] = (int)k;
        break;
      }
    }
  }
  top = cand[0];
  if (top < 0)
    return body;
  /* several near-equal candidates in separate branches under one
   * ancestor: take the ancestor.  Nested candidates count as one. */
  {
    int alt[5], nalt = 0, a, j;
    for (i = 1; i < 5; i++) {
      int c = cand[i], dup = is_ancestor(p, c, top) || is_ancestor(p, top, c);
      if (c < 0 || p->nodes[c].score < 0.75 * p->nodes[top].score)
        continue;
      for (j = 0; j < nalt && !dup; j++)
        dup = is_ancestor(p, c, alt[j]) || is_ancestor(p, alt[j], c);
      if (!dup)
        alt[nalt++] = c;
    }
    if (nalt >= 2) {
      for (a = p->nodes[top].parent; a >= 0 && a != body;
           a = p->nodes[a].parent) {
        int found = 0;
        for (j = 0; j < nalt; j++)
          found += is_ancestor(p, a, alt[j]);
        if (found >= 2) {
          top = a;
          break;
        }
      }
    }
  }
  /* climb while the parent scores better */
  {
    double last = p->nodes[top].score, thresh = last / 3;
    int a;
    for (a = p->nodes[top].parent; a >= 0 && a != body;
         a = p->nodes[a].parent) {
      if (!p->nodes[a].scored)
        continue;
      if (p->nodes[a].score < thresh)
        break;
      if (p->nodes[a].score > last) {
        top = a;
        break;
      }
      last = p->nodes[a].score;
    }
  }
  /* an only child says nothing: take its parent */
  while (p->nodes[top].parent >= 0 && p->nodes[top].parent != body) {
    int pa = p->nodes[top].parent, c, nel = 0;
    for (c = p->nodes[pa].first; c >= 0; c = p->nodes[c].next)
      if (p->nodes[c].tag != T_TEXT && !node_dropped(&p->nodes[c], mode))
        nel++;
    if (nel != 1)
      break;
    top = pa;
  }
  return top;
}

/* Readability's conditional cleaning: lists, tables and boxes inside the
 * article that look like furniture (mostly links, images, inputs). */
static int clean_out(const struct parser *p, const struct hnode *n,
                     int mode)
{
  double ld;
  int weight, is_list;
  unsigned len;

  if ((n->flags & F_BOILER) && n->tlen_norm < 500)
    return 1;
  if (!(mode & M_CLEAN))
    return 0;
  if (n->tag != T_TABLE && n->tag != T_UL && n->tag != T_OL &&
      n->tag != T_DIV && n->tag != T_SECTION && n->tag != T_FORM &&
      n->tag != T_FIELDSET && n->tag != T_HEADER && n->tag != T_DL)
    return 0;
  weight = (mode & M_WEIGHT) ? n->weight : 0;
  if (weight + (n->scored ? n->score : 0) < 0)
    return 1;
  if (n->commas >= 10)
    return 0;
  (void)p;
  ld = link_density(n);
  len = n->tlen_norm;
  is_list = n->tag == T_UL || n->tag == T_OL || n->tag == T_DL;
  if (n->nimg > 1 && (double)n->np / n->nimg < 0.5)
    return 1;
  if (!is_list && n->nli > 100 + n->np)
    return 1;
  if (n->ninput > n->np / 3)
    return 1;
  if (!is_list && len < 25 && (n->nimg == 0 || n->nimg > 2) &&
      n->tag != T_HEADER)
    return 1;
  if (!is_list && weight < 25 && ld > 0.2)
    return 1;
  if (is_list && ld > 0.5)
    return 1;
  if (weight >= 25 && ld > 0.5)
    return 1;
  if ((n->nembed == 1 && len < 75) || n->nembed > 1)
    return 1;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Emitting blocks                                                     */

struct para {
  struct nc_buf buf;
  size_t *map;
  size_t mcap;
  int owner;          /* block element the text belongs to */
  enum nc_block_kind kind;
  int pending_space;
};

struct extract {
  struct parser *p;
  struct nc_doc *doc;
  int mode;
  struct para para;
  size_t body_chars;
};

static void para_flush(struct extract *x)
{
  struct para *pa = &x->para;
  struct nc_block *b;
  const struct hnode *o;
  size_t start, end;

  if (pa->buf.len == 0) {
    pa->owner = -1;
    pa->pending_space = 0;
    return;
  }
  o = &x->p->nodes[pa->owner];
  start = o->start + x->p->base;
  end = o->end + x->p->base;
  if (pa->map[0] < start)
    start = pa->map[0];
  if (pa->map[pa->buf.len - 1] >= end)
    end = pa->map[pa->buf.len - 1] + 1;
  pa->map[pa->buf.len] = end;
  b = nc_doc_add_block(x->doc, pa->kind, NULL, pa->buf.len, start, end);
  b->owned = nc_buf_take(&pa->buf);
  b->text = b->owned;
  b->map = pa->map;
  if (b->kind == NC_BLOCK_BODY || b->kind == NC_BLOCK_QUOTE)
    x->body_chars += b->len;
  pa->map = NULL;
  pa->mcap = 0;
  pa->owner = -1;
  pa->pending_space = 0;
}

/* Append a text node's bytes, collapsing white space. */
static void para_text(struct extract *x, int owner, enum nc_block_kind kind,
                      const struct hnode *t)
{
  struct para *pa = &x->para;
  const char *s = x->p->text.data + t->toff;
  const size_t *m = x->p->tmap + t->toff;
  size_t i;

  for (i = 0; i < t->tlen; i++) {
    unsigned char c = (unsigned char)s[i];
    if (is_space_byte(c) || (c == 0xC2 && i + 1 < t->tlen &&
                             (unsigned char)s[i + 1] == 0xA0)) {
      if (c == 0xC2)
        i++;
      if (pa->buf.len)
        pa->pending_space = 1;
      continue;
    }
    if (pa->buf.len == 0) {
      pa->owner = owner;
      pa->kind = kind;
    }
    nc_grow(&pa->map, &pa->mcap, pa->buf.len + 3, sizeof *pa->map);
    if (pa->pending_space) {
      pa->map[pa->buf.len] = m[i] + x->p->base;
      nc_buf_putc(&pa->buf, ' ');
      pa->pending_space = 0;
    }
    pa->map[pa->buf.len] = m[i] + x->p->base;
    nc_buf_putc(&pa->buf, (char)c);
  }
}

/* Kind given by an element to the text inside it, or -1. */
static int own_kind(const struct hnode *n)
{
  if (n->tag == T_FIGCAPTION || n->tag == T_CAPTION ||
      (n->flags & F_CAPTION))
    return NC_BLOCK_CAPTION;
  if (n->tag == T_BLOCKQUOTE)
    return NC_BLOCK_QUOTE;
  if (n->tag == T_H1)
    return NC_BLOCK_HEADLINE;
  return -1;
}

/* Emit the text of the subtree at `root` as blocks (iterative walk). */
static void emit_subtree(struct extract *x, int root,
                         enum nc_block_kind base_kind)
{
  struct parser *p = x->p;
  enum nc_block_kind kinds[MAX_DEPTH + 2];
  int owners[MAX_DEPTH + 2];
  int depth = 0, id = root, brs = 0;

  kinds[0] = base_kind;
  owners[0] = block_of(p, root);
  if (owners[0] < 0)
    owners[0] = root;
  while (id >= 0) {
    const struct hnode *n = &p->nodes[id];
    int descend = 0;

    if (n->tag == T_TEXT) {
      if (!(n->flags & F_DROP)) {
        enum nc_block_kind k = kinds[depth];
        if (x->para.buf.len && x->para.owner != owners[depth] &&
            x->para.kind != k)
          para_flush(x);
        para_text(x, owners[depth], k, n);
        if (x->para.buf.len)
          brs = 0;
      }
    } else if (n->tag == T_BR) {
      if (++brs >= 2)
        para_flush(x);
      else if (x->para.buf.len)
        x->para.pending_space = 1;
    } else if (!node_dropped(n, x->mode) &&
               (id == root || (!clean_out(p, n, x->mode) &&
                               !(n->flags & F_EMITTED) &&
                               !((n->flags & (F_DATE | F_BYLINE)) &&
                                 n->tlen_norm < 150))) &&
               depth < MAX_DEPTH) {
      int k = own_kind(n);
      if (tag_is_block((enum tag)n->tag)) {
        para_flush(x);
        brs = 0;
      }
      if (n->first >= 0) {
        kinds[depth + 1] = k >= 0 && kinds[depth] == NC_BLOCK_BODY
                               ? (enum nc_block_kind)k
                               : kinds[depth];
        owners[depth + 1] =
            tag_is_block((enum tag)n->tag) ? id : owners[depth];
        depth++;
        descend = 1;
      }
    }
    if (descend) {
      id = n->first;
      continue;
    }
    /* next sibling, or climb */
    while (id >= 0 && id != root && p->nodes[id].next < 0) {
      id = p->nodes[id].parent;
      depth--;
      if (id >= 0 && tag_is_block((enum tag)p->nodes[id].tag))
        para_flush(x);
    }
    if (id < 0 || id == root)
      break;
    id = p->nodes[id].next;
  }
  para_flush(x);
}

/* Text of a subtree, white space collapsed, at most `max` bytes. */
static char *node_text(const struct parser *p, int root, size_t max)
{
  struct nc_buf b = {0};
  int id = root, depth = 0, sp = 0;

  while (id >= 0 && b.len < max) {
    const struct hnode *n = &p->nodes[id];
    if (n->tag == T_TEXT) {
      size_t i;
      for (i = 0; i < n->tlen && b.len < max; i++) {
        char c = p->text.data[n->toff + i];
        if (is_space_byte((unsigned char)c)) {
          sp = b.len > 0;
          continue;
        }
        if (sp)
          nc_buf_putc(&b, ' ');
        sp = 0;
        nc_buf_putc(&b, c);
      }
    } else if (n->tag == T_BR || tag_is_block((enum tag)n->tag)) {
      sp = b.len > 0;
    }
    if (n->tag != T_TEXT && n->first >= 0 && depth < MAX_DEPTH &&
        !(n->tag == T_SCRIPT || n->tag == T_STYLE)) {
      id = n->first;
      depth++;
      continue;
    }
    while (id >= 0 && id != root && p->nodes[id].next < 0) {
      id = p->nodes[id].parent;
      depth--;
    }
    if (id < 0 || id == root)
      break;
    id = p->nodes[id].next;
  }
  /* do not cut a UTF-8 sequence in half */
  while (b.len && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0x80 &&
         !nc_utf8_valid(b.data, b.len, NULL))
    b.data[--b.len] = '\0';
  if (b.len && !nc_utf8_valid(b.data, b.len, NULL)) {
    while (b.len && !nc_utf8_valid(b.data, b.len, NULL))
      b.data[--b.len] = '\0';
  }
  return nc_buf_take(&b);
}

/* Word overlap between two short texts, for matching the h1 with the
 * page title. */
static int similar_title(const char *a, const char *b)
{
  size_t la, lb;

  if (!a || !b || !*a || !*b)
    return 0;
  la = strlen(a);
  lb = strlen(b);
  if (la > lb)
    return strstr(a, b) != NULL && lb * 2 > la;
  return strstr(b, a) != NULL && la * 3 > lb;
}

/* Index one past the last node of the subtree at `id` (subtrees are
 * contiguous in creation order). */
static size_t subtree_end(const struct parser *p, int id)
{
  while (id >= 0 && p->nodes[id].next < 0)
    id = p->nodes[id].parent;
  return id < 0 ? p->nnodes : (size_t)p->nodes[id].next;
}

static void emit_marked(struct extract *x, int id, enum nc_block_kind kind)
{
  int mode = x->mode;

  /* a headline, deck or caption found by its own rule is kept even in a
   * box whose class looks like furniture */
  if (kind != NC_BLOCK_BODY)
    x->mode &= ~M_STRIP_UNLIKELY;
  emit_subtree(x, id, kind);
  x->mode = mode;
  x->p->nodes[id].flags |= F_EMITTED;
}

static int has_emitted_ancestor(const struct parser *p, int id)
{
  for (; id >= 0; id = p->nodes[id].parent)
    if (p->nodes[id].flags & F_EMITTED)
      return 1;
  return 0;
}

/* The headline: an h1 that matches the page title, else the first h1
 * inside or just before the article. */
static int find_headline(struct parser *p, int top)
{
  const char *title = p->meta.og_title ? p->meta.og_title
                                       : p->meta.title_tag;
  int h1 = -1;
  size_t k;

  for (k = 0; k < p->nnodes; k++) {
    char *t;
    int match;
    if (p->nodes[k].tag != T_H1 || (p->nodes[k].flags & F_DROP) ||
        p->nodes[k].tlen_norm == 0)
      continue;
    t = node_text(p, (int)k, 1000);
    match = similar_title(t, title);
    free(t);
    if (match)
      return (int)k;
    if (h1 < 0 && top >= 0 &&
        (is_ancestor(p, top, (int)k) || (int)k < top))
      h1 = (int)k;
  }
  return h1;
}

/* A deck: marked by class soon after the headline, or the h2 or p right
 * after it. */
static int find_deck(struct parser *p, int h1, int top)
{
  size_t k, lim;
  int c;

  if (h1 < 0)
    return -1;
  lim = (size_t)h1 + 60 < p->nnodes ? (size_t)h1 + 60 : p->nnodes;
  for (k = (size_t)h1 + 1; k < lim; k++) {
    const struct hnode *n = &p->nodes[k];
    if ((n->flags & F_DECK) && !(n->flags & F_DROP) &&
        n->tlen_norm >= 20 && n->tlen_norm < 600 &&
        (n->tag == T_P || n->tag == T_H2 || n->tag == T_DIV ||
         n->tag == T_OTHER))
      return (int)k;
  }
  for (c = p->nodes[h1].next; c >= 0; c = p->nodes[c].next) {
    const struct hnode *n = &p->nodes[c];
    if (n->tag == T_TEXT && n->tlen_norm == 0)
      continue;
    if (n->tag == T_H2 && n->tlen_norm >= 20 && n->tlen_norm < 600 &&
        !(top >= 0 && is_ancestor(p, c, top)) &&
        !(n->flags & (F_DROP | F_BYLINE | F_DATE)))
      return c;
    break;
  }
  return -1;
}

static int block_cmp(const void *a, const void *b)
{
  const struct nc_block *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* One extraction attempt with `mode`; returns body characters found. */
static size_t extract_attempt(struct parser *p, struct nc_doc *doc, int mode,
                              int body)
{
  struct extract x;
  int top, pa, c, h1, deck, scope;
  double thresh;
  size_t k, kend;

  memset(&x, 0, sizeof x);
  x.p = p;
  x.doc = doc;
  x.mode = mode;
  x.para.owner = -1;
  measure(p, mode);
  for (k = 0; k < p->nnodes; k++)
    p->nodes[k].flags &= (unsigned short)~F_EMITTED;
  top = pick_top(p, mode, body);
  h1 = find_headline(p, top);
  deck = find_deck(p, h1, top);
  if (h1 >= 0)
    emit_marked(&x, h1, NC_BLOCK_HEADLINE);
  if (deck >= 0 && !(h1 >= 0 && is_ancestor(p, h1, deck)))
    emit_marked(&x, deck, NC_BLOCK_DECK);
  if (top < 0)
    goto done;
  pa = p->nodes[top].parent;
  thresh = p->nodes[top].score * 0.2;
  if (thresh < 10)
    thresh = 10;
  if (pa < 0 || top == body) {
    emit_marked(&x, top, NC_BLOCK_BODY);
  } else {
    for (c = p->nodes[pa].first; c >= 0; c = p->nodes[c].next) {
      const struct hnode *n = &p->nodes[c];
      int take = c == top;
      if (!take && (n->tag == T_TEXT || node_dropped(n, mode) ||
                    (n->flags & F_EMITTED)))
        continue;
      if (!take && n->scored) {
        double bonus = 0;
        if ((mode & M_WEIGHT) && p->nodes[top].weight > 0 &&
            n->weight == p->nodes[top].weight)
          bonus = p->nodes[top].score * 0.2;
        take = n->score + bonus >= thresh;
      }
      if (!take && n->tag == T_P) {
        double ld = link_density(n);
        if (n->tlen_norm > 80 && ld < 0.25)
          take = 1;
        else if (n->tlen_norm > 0 && n->tlen_norm <= 80 && ld == 0) {
          char *t = node_text(p, c, 4000);
          size_t l = strlen(t);
          take = l > 0 && (t[l - 1] == '.' || strstr(t, ". ") != NULL);
          free(t);
        }
      }
      if (take && (c == top || !clean_out(p, n, mode)))
        emit_marked(&x, c, NC_BLOCK_BODY);
    }
  }
  /* captions of the article's pictures, even outside the chosen text */
  for (scope = top; scope >= 0 && scope != body;
       scope = p->nodes[scope].parent)
    if (p->nodes[scope].tag == T_ARTICLE || p->nodes[scope].tag == T_MAIN)
      break;
  if (scope < 0 || scope == body)
    scope = pa >= 0 && pa != body ? pa : top;
  kend = subtree_end(p, scope);
  for (k = (size_t)scope; k < kend; k++) {
    const struct hnode *n = &p->nodes[k];
    if (n->tag != T_FIGCAPTION && !(n->flags & F_CAPTION))
      continue;
    if (node_dropped(n, mode) || n->tlen_norm == 0 ||
        has_emitted_ancestor(p, (int)k))
      continue;
    emit_marked(&x, (int)k, NC_BLOCK_CAPTION);
    k = subtree_end(p, (int)k) - 1;
  }
done:
  free(x.para.map);
  nc_buf_free(&x.para.buf);
  if (doc->nblocks > 1)
    qsort(doc->blocks, doc->nblocks, sizeof *doc->blocks, block_cmp);
  return x.body_chars;
}

/* ------------------------------------------------------------------ */
/* Metadata                                                            */

static const char *const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun",
  "jul", "aug", "sep", "oct", "nov", "dec"
};

/* Find a day in `s`: ISO "YYYY-MM-DD", "Month D, YYYY", or "D Month
 * YYYY".  Returns true and fills *out when one is found. */
static bool parse_day(const char *s, struct nc_date *out)
{
  size_t n, i;

  if (!s)
    return false;
  n = strlen(s);
  for (i = 0; i + 10 <= n; i++) {
    if (nc_is_digit((unsigned char)s[i]) &&
        (i == 0 || !nc_is_digit((unsigned char)s[i - 1])) &&
        s[i + 4] == '-' && s[i + 7] == '-') {
      char buf[11];
      memcpy(buf, s + i, 10);
      buf[10] = '\0';
      if (nc_date_parse(buf, out))
        return true;
    }
  }
  for (i = 0; i < n; i++) {
    int m, d = 0, y = 0;
    size_t j, j0;
    if (!nc_is_alpha((unsigned char)s[i]) ||
        (i > 0 && nc_is_alpha((unsigned char)s[i - 1])))
      continue;
    for (m = 0; m < 12; m++)
      if (i + 3 <= n && nc_ascii_lower((unsigned char)s[i]) ==
                            month_names[m][0] &&
          nc_ascii_lower((unsigned char)s[i + 1]) == month_names[m][1] &&
          nc_ascii_lower((unsigned char)s[i + 2]) == month_names[m][2])
        break;
    if (m == 12)
      continue;
    j = i + 3;
    while (j < n && (nc_is_alpha((unsigned char)s[j]) || s[j] == '.'))
      j++;
    j0 = j;
    /* Month D, YYYY */
    while (j < n && s[j] == ' ')
      j++;
    while (j < n && nc_is_digit((unsigned char)s[j]) && d < 100)
      d = d * 10 + (s[j++] - '0');
    if (d >= 1 && d <= 31) {
      while (j < n && (s[j] == ',' || s[j] == ' ' ||
                       nc_is_alpha((unsigned char)s[j])) &&
             j < i + 20)
        j++;
      while (j < n && nc_is_digit((unsigned char)s[j]) && y < 10000)
        y = y * 10 + (s[j++] - '0');
    } else if (i >= 2) {
      /* D Month YYYY */
      size_t b = i - 1;
      int mul = 1;
      d = 0;
      j = j0;
      while (b > 0 && (s[b] == ' ' || s[b] == '.'))
        b--;
      while (nc_is_digit((unsigned char)s[b]) && mul <= 10) {
        d += (s[b] - '0') * mul;
        mul *= 10;
        if (b == 0)
          break;
        b--;
      }
      while (j < n && (s[j] == ',' || s[j] == ' '))
        j++;
      y = 0;
      while (j < n && nc_is_digit((unsigned char)s[j]) && y < 10000)
        y = y * 10 + (s[j++] - '0');
    }
    if (y >= 1900 && y <= 2200 && d >= 1 && d <= nc_month_days(y, m + 1)) {
      out->y = y;
      out->m = m + 1;
      out->d = d;
      return true;
    }
  }
  return false;
}

static const char *json_str(const cJSON *o, const char *name)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Author name(s) of a JSON-LD "author" value. */
static void ld_author(struct parser *p, const cJSON *a)
{
  struct nc_buf b = {0};
  const cJSON *it;

  if (cJSON_IsString(a)) {
    set_once(&p->meta.ld_author, a->valuestring);
    return;
  }
  if (cJSON_IsObject(a)) {
    set_once(&p->meta.ld_author, json_str(a, "name"));
    return;
  }
  if (!cJSON_IsArray(a))
    return;
  cJSON_ArrayForEach(it, a) {
    const char *nm = cJSON_IsString(it) ? it->valuestring
                                        : json_str(it, "name");
    if (!nm)
      continue;
    if (b.len)
      nc_buf_puts(&b, ", ");
    nc_buf_puts(&b, nm);
  }
  if (b.len)
    set_once(&p->meta.ld_author, b.data);
  nc_buf_free(&b);
}

/* Look for article facts in one parsed JSON-LD value. */
static void ld_walk(struct parser *p, const cJSON *v, int depth)
{
  const cJSON *it;

  if (!v || depth > JSONLD_DEPTH)
    return;
  if (cJSON_IsObject(v)) {
    const char *dp = json_str(v, "datePublished");
    if (dp) {
      set_once(&p->meta.pub_jsonld, dp);
      set_once(&p->meta.ld_headline, json_str(v, "headline"));
      ld_author(p, cJSON_GetObjectItemCaseSensitive(v, "author"));
    }
  }
  if (cJSON_IsObject(v) || cJSON_IsArray(v))
    cJSON_ArrayForEach(it, v) {
      if (cJSON_IsObject(it) || cJSON_IsArray(it))
        ld_walk(p, it, depth + 1);
    }
}

static void read_jsonld(struct parser *p)
{
  size_t off = 0;

  while (off < p->ldjson.len) {
    const char *s = p->ldjson.data + off;
    size_t l = strlen(s);
    cJSON *j = cJSON_ParseWithLength(s, l);
    if (j) {
      ld_walk(p, j, 0);
      cJSON_Delete(j);
    }
    off += l + 1;
  }
}

/* Byline and dateline from the page body: the first short element whose
 * class says author / date. */
static void body_meta(struct parser *p, struct nc_doc *doc, bool want_day)
{
  size_t k;
  int got_by = doc->byline != NULL, got_day = !want_day;

  for (k = 0; k < p->nnodes && (!got_by || !got_day); k++) {
    const struct hnode *n = &p->nodes[k];
    char *t;
    if (n->tag == T_TEXT || n->tag == T_SCRIPT || n->tag == T_STYLE)
      continue;
    if (!got_by && (n->flags & F_BYLINE) && !(n->flags & F_DROP)) {
      size_t e = subtree_end(p, (int)k), j;
      int best = (int)k;
      const char *q;
      /* the innermost author element holds the name alone */
      for (j = k + 1; j < e; j++)
        if ((p->nodes[j].flags & F_BYLINE) && p->nodes[j].tlen_norm > 0 &&
            p->nodes[j].tag != T_TEXT)
          best = (int)j;
      t = node_text(p, best, 300);
      q = t;
      while (*q && !nc_is_alpha((unsigned char)*q))
        q++;
      if (nc_ascii_eq(q, q[0] && q[1] && q[2] ? 3 : 0, "by "))
        q += 3;
      while (*q && !nc_is_alpha((unsigned char)*q))
        q++;
      if (*q && strlen(q) < 120) {
        doc->byline = xstrdup(q);
        got_by = 1;
      }
      free(t);
    }
    if (!got_day && (n->flags & F_DATE)) {
      struct nc_date d;
      t = node_text(p, (int)k, 200);
      if (parse_day(t, &d)) {
        doc->published = d;
        doc->has_published = true;
        if (!doc->date_meta)
          doc->date_meta = xstrdup(t);
        got_day = 1;
      }
      free(t);
    }
  }
}

static void fill_meta(struct parser *p, struct nc_doc *doc)
{
  const char *dates[3];
  size_t i;
  bool had = doc->has_published;

  read_jsonld(p);
  doc->canonical = p->meta.canonical ? xstrdup(p->meta.canonical) : NULL;
  doc->site_name = p->meta.og_site ? xstrdup(p->meta.og_site) : NULL;
  doc->lang = p->meta.lang ? xstrdup(p->meta.lang) : NULL;
  if (p->meta.author)
    doc->byline = xstrdup(p->meta.author);
  else if (p->meta.ld_author)
    doc->byline = xstrdup(p->meta.ld_author);
  dates[0] = p->meta.pub_meta;
  dates[1] = p->meta.pub_jsonld;
  dates[2] = p->meta.pub_time;
  for (i = 0; i < 3; i++) {
    struct nc_date d;
    if (!dates[i])
      continue;
    if (!doc->date_meta)
      doc->date_meta = xstrdup(dates[i]);
    if (!doc->has_published && parse_day(dates[i], &d)) {
      doc->published = d;
      doc->has_published = true;
    }
  }
  body_meta(p, doc, !had && !doc->has_published);
  if (!doc->title) {
    size_t b;
    for (b = 0; b < doc->nblocks; b++)
      if (doc->blocks[b].kind == NC_BLOCK_HEADLINE) {
        doc->title = xstrndup(doc->blocks[b].text, doc->blocks[b].len);
        break;
      }
  }
  if (!doc->title) {
    const char *t = p->meta.og_title ? p->meta.og_title
                    : p->meta.ld_headline ? p->meta.ld_headline
                                          : p->meta.title_tag;
    if (t) {
      /* collapse white space */
      struct nc_buf b = {0};
      int sp = 0;
      for (; *t; t++) {
        if (is_space_byte((unsigned char)*t)) {
          sp = b.len > 0;
          continue;
        }
        if (sp)
          nc_buf_putc(&b, ' ');
        sp = 0;
        nc_buf_putc(&b, *t);
      }
      doc->title = b.len ? nc_buf_take(&b) : NULL;
      nc_buf_free(&b);
    }
  }
}

static void meta_free(struct hmeta *m)
{
  free(m->title_tag);
  free(m->og_title);
  free(m->og_site);
  free(m->canonical);
  free(m->lang);
  free(m->author);
  free(m->pub_meta);
  free(m->pub_jsonld);
  free(m->pub_time);
  free(m->ld_headline);
  free(m->ld_author);
  free(m->description);
}

/* ------------------------------------------------------------------ */
/* Charsets                                                            */

/* Charset named in a <meta> tag within the first bytes of the page. */
static char *sniff_meta_charset(const char *d, size_t len)
{
  size_t n = len < 4096 ? len : 4096, i;
  char *low = nc_ascii_lowerdup(d, n);
  char *s = low, *res = NULL;

  while ((s = strstr(s, "charset")) != NULL) {
    s += 7;
    while (*s == ' ')
      s++;
    if (*s != '=')
      continue;
    s++;
    while (*s == ' ' || *s == '"' || *s == '\'')
      s++;
    for (i = 0; s[i] && (nc_is_alnum((unsigned char)s[i]) || s[i] == '-' ||
                         s[i] == '_' || s[i] == ':' || s[i] == '.');
         i++)
      ;
    if (i > 0 && i < 40) {
      res = xstrndup(s, i);
      break;
    }
  }
  free(low);
  return res;
}

static int is_utf8_name(const char *cs)
{
  return nc_ascii_eq(cs, strlen(cs), "utf-8") ||
         nc_ascii_eq(cs, strlen(cs), "utf8");
}

/* Convert d[0..len) from `cs` to UTF-8 with iconv; bytes that do not
 * convert become U+FFFD.  NULL when iconv does not know the charset. */
static char *to_utf8(const char *cs, const char *d, size_t len,
                     size_t *out_len)
{
  iconv_t cd;
  struct nc_buf b = {0};
  char *in = (char *)d;
  size_t left = len;
  char chunk[4096];
  const char *name = cs;

  /* HTML treats Latin-1 and ASCII labels as windows-1252 */
  if (nc_ascii_eq(cs, strlen(cs), "iso-8859-1") ||
      nc_ascii_eq(cs, strlen(cs), "latin1") ||
      nc_ascii_eq(cs, strlen(cs), "us-ascii") ||
      nc_ascii_eq(cs, strlen(cs), "ascii"))
    name = "WINDOWS-1252";
  cd = iconv_open("UTF-8", name);
  if (cd == (iconv_t)-1)
    return NULL;
  while (left > 0) {
    char *o = chunk;
    size_t ol = sizeof chunk;
    size_t r = iconv(cd, &in, &left, &o, &ol);
    nc_buf_append(&b, chunk, (size_t)(o - chunk));
    if (r == (size_t)-1) {
      if (errno == E2BIG)
        continue;
      /* invalid or truncated input: replace one byte and go on */
      nc_buf_append(&b, "\xEF\xBF\xBD", 3);
      in++;
      left--;
      iconv(cd, NULL, NULL, NULL, NULL);
    }
  }
  iconv_close(cd);
  *out_len = b.len;
  if (!b.data)
    return xstrdup("");
  return nc_buf_take(&b);
}

/* Make `data` valid UTF-8 in place: each invalid byte becomes '?', so
 * byte offsets keep pointing at the same place. */
static void scrub_utf8(char *data, size_t len)
{
  size_t i = 0, bad;

  while (i < len && !nc_utf8_valid(data + i, len - i, &bad)) {
    data[i + bad] = '?';
    i += bad + 1;
  }
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */

static void parser_free(struct parser *p)
{
  free(p->nodes);
  free(p->tmap);
  nc_buf_free(&p->text);
  nc_buf_free(&p->capture);
  nc_buf_free(&p->ldjson);
  meta_free(&p->meta);
}

enum nc_status nc_doc_from_html(const struct nc_source *src, char *data,
                                size_t len, const char *charset,
                                struct nc_doc **out, struct nc_error *err)
{
  struct parser p;
  htmlSAXHandler sax;
  struct nc_doc *doc;
  char *meta_cs = NULL;
  const char *cs = charset;
  const unsigned char *u = (const unsigned char *)data;
  size_t skip = 0, k;
  int body = -1, modes[3], mi;
  const char *name = src && src->path ? src->path : NULL;

  if (!data)
    return nc_error_set(err, NC_INTERNAL, name, 0, "no input");
  if (!xml_ready()) {
    free(data);
    return nc_error_set(err, NC_INTERNAL, name, 0, "%s", xml.why);
  }
  if (len > NC_MAX_INPUT_BYTES || len > (size_t)INT32_MAX) {
    free(data);
    return nc_error_set(err, NC_LIMIT, name, 0, "page too large");
  }
  /* The charset: a BOM wins, then the HTTP header, then <meta>. */
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    cs = "UTF-8";
    skip = 3;
  } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    cs = "UTF-16LE";
    skip = 2;
  } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    cs = "UTF-16BE";
    skip = 2;
  }
  if (!cs)
    cs = meta_cs = sniff_meta_charset(data, len);
  if (cs && !is_utf8_name(cs)) {
    size_t nl = 0;
    char *conv = to_utf8(cs, data + skip, len - skip, &nl);
    if (!conv && !nc_utf8_valid(data, len, NULL))
      conv = to_utf8("WINDOWS-1252", data + skip, len - skip, &nl);
    if (conv) {
      /* offsets now refer to the converted UTF-8 text, which becomes the
       * document's input */
      free(data);
      data = conv;
      len = nl;
      skip = 0;
    }
  } else if (!cs && !nc_utf8_valid(data, len, NULL)) {
    /* no charset and not UTF-8: the web's default is windows-1252 */
    size_t nl = 0;
    char *conv = to_utf8("WINDOWS-1252", data, len, &nl);
    if (conv) {
      free(data);
      data = conv;
      len = nl;
    }
  }
  free(meta_cs);
  scrub_utf8(data + skip, len - skip);
  /* NUL bytes would cut the parse short: blank them (same length) */
  for (k = 0; k < len; k++)
    if (data[k] == '\0')
      data[k] = ' ';
  doc = nc_doc_new(src, data, len);

  memset(&p, 0, sizeof p);
  p.in = data + skip;
  p.in_len = len - skip;
  p.base = skip;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_cdata;
  sax.comment = on_comment;
  p.ctxt = xml.create(p.in, (int)p.in_len);
  if (!p.ctxt) {
    nc_doc_free(doc);
    return nc_error_set(err, NC_INTERNAL, name, 0,
                        "cannot create the HTML parser");
  }
  memcpy(p.ctxt->sax, &sax, sizeof sax);
  p.ctxt->userData = &p;
  xml.use_options(p.ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_IGNORE_ENC);
  xml.switch_encoding(p.ctxt, XML_CHAR_ENCODING_UTF8);
  xml.parse(p.ctxt);
  xml.free_ctxt(p.ctxt);
  p.ctxt = NULL;
  if (p.flattened) {
    struct nc_buf w = {0};
    nc_buf_printf(&w, "markup nested deeper than %d levels: the deeper "
                      "elements were read as part of the last one kept",
                  MAX_DEPTH);
    doc->warning = nc_buf_take(&w);
  }

  for (k = 0; k < p.nnodes; k++)
    if (p.nodes[k].tag == T_BODY) {
      body = (int)k;
      break;
    }
  if (body < 0)
    body = p.nnodes ? 0 : -1;
  /* Readability's retries: relax the rules while the article is short,
   * keep the longest attempt. */
  modes[0] = M_STRIP_UNLIKELY | M_WEIGHT | M_CLEAN;
  modes[1] = M_WEIGHT | M_CLEAN;
  modes[2] = M_CLEAN;
  if (body >= 0) {
    struct nc_doc *best = NULL;
    size_t best_chars = 0;
    for (mi = 0; mi < 3; mi++) {
      struct nc_doc *tmp = nc_doc_new(NULL, NULL, 0);
      size_t chars = extract_attempt(&p, tmp, modes[mi], body);
      if (!best || chars > best_chars) {
        nc_doc_free(best);
        best = tmp;
        best_chars = chars;
      } else {
        nc_doc_free(tmp);
      }
      if (chars >= 500)
        break;
    }
    /* move the winning blocks into the document */
    doc->blocks = best->blocks;
    doc->nblocks = best->nblocks;
    doc->cap = best->cap;
    best->blocks = NULL;
    best->nblocks = best->cap = 0;
    nc_doc_free(best);
  }
  fill_meta(&p, doc);
  parser_free(&p);
  *out = doc;
  return NC_OK;
}
