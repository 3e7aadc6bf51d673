/* test_report_json.c: the claim's JSON is written by hand, once (extract's
 * claim lines), and read back into the report's tree.  Numbers must come
 * out as cJSON would print them, strings escaped as cJSON escapes them,
 * and the report's claims must equal the claim lines field for field;
 * mention lines print numbers that read back exactly. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "newscheck/compare.h"
#include "report_json.h"

static struct nc_doc *one_doc(void)
{
  struct nc_source s;
  memset(&s, 0, sizeof s);
  s.id = (char *)"doc";
  return nc_doc_new(&s, xstrdup("x"), 1);
}

static void init_claim(struct nc_claim *c, double x)
{
  memset(c, 0, sizeof *c);
  c->key = xstrdup("count|thing");
  c->label = xstrdup("things");
  c->value.kind = NC_VAL_NUMBER;
  c->value.num = c->value.lo = c->value.hi = x;
  c->quote = xstrdup("a sentence");
  c->rule = xstrdup("test");
}

/* The claim line of c, parsed, without its "kind". */
static cJSON *line_of(const struct nc_doc *d, const struct nc_claim *c,
                      struct nc_buf *b)
{
  cJSON *o;
  b->len = 0;
  nc_report_claim_line(b, d, c);
  assert_true(b->len > 0 && b->data[b->len - 1] == '\n');
  o = cJSON_Parse(b->data);
  assert_non_null(o);
  cJSON_DeleteItemFromObjectCaseSensitive(o, "kind");
  return o;
}

/* `"key":<what cJSON prints for item>` occurs in the line. */
static void has_cjson(const struct nc_buf *line, const char *key,
                      const cJSON *item)
{
  char *want = cJSON_PrintUnformatted(item);
  struct nc_buf pat = {0};
  nc_buf_printf(&pat, "\"%s\":%s,", key, want);
  if (!strstr(line->data, pat.data))
    fail_msg("%s not in %s", pat.data, line->data);
  nc_buf_free(&pat);
  free(want);
}

static void test_numbers_as_cjson(void **state)
{
  static const double fixed[] = {
      0.0,   -0.0,          1.0,        -1.0,         5.0,
      1992,  2147483647.0,  -2147483648.0, 2147483648.0, -2147483649.0,
      3e9,   600e9,         1e15,       1e16,         1e21,
      0.1,   0.25,          1.5,        -2.75,        33.333333333333336,
      0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0,  1e-7,         123456.789,
      8623207229442879.0, 1.0 / 17.0, DBL_MAX, DBL_MIN, 4.9e-324};
  struct nc_doc *d = one_doc();
  struct nc_claim c;
  struct nc_buf line = {0};
  unsigned long seed = 12345;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof fixed / sizeof *fixed + 20000; i++) {
    double x;
    cJSON *n, *o;
    if (i < sizeof fixed / sizeof *fixed) {
      x = fixed[i];
    } else {
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      x = (double)(seed >> 11) / (double)(1ul << 53);
      x = ldexp(x, (int)((seed >> 3) % 120) - 60);
      if (i % 3 == 0)
        x = floor(x);
      if (i % 2)
        x = -x;
    }
    init_claim(&c, x);
    o = line_of(d, &c, &line);
    n = cJSON_CreateNumber(x);
    has_cjson(&line, "value", n);
    cJSON_Delete(n);
    cJSON_Delete(o);
    nc_value_clear(&c.value);
    free(c.key);
    free(c.label);
    free(c.quote);
    free(c.rule);
  }
  nc_buf_free(&line);
  nc_doc_free(d);
}

static void test_strings_as_cjson(void **state)
{
  static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f'};
  struct nc_doc *d = one_doc();
  struct nc_claim c;
  struct nc_buf line = {0};
  char all[160];
  size_t i, k, p;
  cJSON *s, *o;

  (void)state;
  for (i = 0; i < 127; i++)
    all[i] = (char)(i + 1);
  memcpy(all + 127, "\xE2\x80\x9C" "caf\xC3\xA9" "\xE2\x80\x9D", 11);
  all[138] = '\0';
  init_claim(&c, 5);
  free(c.quote);
  c.quote = xstrdup(all);
  o = line_of(d, &c, &line);
  s = cJSON_CreateString(all);
  has_cjson(&line, "quote", s);
  cJSON_Delete(s);
  cJSON_Delete(o);
  /* one character to escape at every position of a longer run (the
   * writer skips plain text eight bytes at a time) */
  for (k = 0; k < sizeof specials; k++)
    for (p = 0; p < 40; p++) {
      char buf[48];
      memset(buf, 'a', 40);
      buf[40] = '\0';
      buf[p] = specials[k];
      free(c.quote);
      c.quote = xstrdup(buf);
      o = line_of(d, &c, &line);
      s = cJSON_CreateString(buf);
      has_cjson(&line, "quote", s);
      cJSON_Delete(s);
      cJSON_Delete(o);
    }
  nc_value_clear(&c.value);
  free(c.key);
  free(c.label);
  free(c.quote);
  free(c.rule);
  nc_buf_free(&line);
  nc_doc_free(d);
}

/* Every kind of value, in the report's claims and in the claim lines. */
static void test_report_claims_equal_lines(void **state)
{
  struct nc_doc *d = one_doc(), *docs[1];
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_report rep;
  struct nc_buf line = {0};
  cJSON *tree, *arr, *item;
  size_t i;

  (void)state;
  docs[0] = d;
  for (i = 0; i < 6; i++) {
    struct nc_claim *c;
    nc_grow(&cs.items, &cs.cap, cs.n + 1, sizeof *c);
    c = &cs.items[cs.n++];
    init_claim(c, 1.0 / 3.0);
    nc_claims_keep(&cs, c->quote); /* the set owns what claims share */
    nc_claims_keep(&cs, c->rule);
    c->start = 10 * i;
    c->end = 10 * i + 9;
    switch (i) {
    case 1: /* a range with a currency */
      c->value.approx = NC_APPROX_RANGE;
      c->value.lo = 3000;
      c->value.hi = 10000.5;
      memcpy(c->value.unit, "USD", 4);
      break;
    case 2: /* a relative date, "about" */
      c->value.kind = NC_VAL_DATE;
      c->value.date.y = 2025;
      c->value.date.m = 11;
      c->value.date.d = 18;
      c->value.prec = NC_PREC_DAY;
      c->value.relative = true;
      c->value.approx = NC_APPROX_ABOUT;
      break;
    case 3: /* text, with a hedge and a note */
      c->value.kind = NC_VAL_TEXT;
      c->value.text = xstrdup("former \"acting\" president");
      c->hedge = nc_claims_keep(&cs, xstrdup("expected to"));
      c->note = xstrdup("a note\twith a tab");
      break;
    case 4: /* a set, not exhaustive */
      c->value.kind = NC_VAL_SET;
      c->value.set = xcalloc(2, sizeof(char *));
      c->value.set[0] = xstrdup("Bahrain");
      c->value.set[1] = xstrdup("Morocco");
      c->value.nset = 2;
      break;
    case 5: /* a big whole number */
      c->value.num = c->value.lo = c->value.hi = 600e9;
      c->quoted = true;
      break;
    }
  }
  nc_compare(&cs, &fs);
  memset(&rep, 0, sizeof rep);
  rep.docs = docs;
  rep.ndocs = 1;
  rep.claims = &cs;
  rep.findings = &fs;
  tree = nc_report_tree(&rep);
  arr = cJSON_GetObjectItemCaseSensitive(tree, "claims");
  assert_int_equal(cJSON_GetArraySize(arr), 6);
  for (i = 0, item = arr->child; item; item = item->next, i++) {
    cJSON *want = line_of(d, &cs.items[i], &line);
    char id[16];
    snprintf(id, sizeof id, "c%zu", i + 1);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(item, "id")
                            ->valuestring,
                        id);
    cJSON_DeleteItemFromObjectCaseSensitive(item, "id");
    assert_true(cJSON_Compare(item, want, true));
    cJSON_Delete(want);
  }
  cJSON_Delete(tree);
  nc_buf_free(&line);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
  nc_doc_free(d);
}

/* Mention lines print each number so that it reads back as itself, to
 * 17 digits where 15 are not enough (cJSON would stop at 15 when the
 * difference is within its tolerance). */
static void test_mention_numbers(void **state)
{
  static const struct {
    double x;
    const char *json;
  } cases[] = {
      {8623207229442879.0, "\"value\":8623207229442879,"},
      {1.0 / 17.0, "\"value\":0.058823529411764705,"},
      {600e9, "\"value\":600000000000,"},
      {2.5, "\"value\":2.5,"},
      {-3.0, "\"value\":-3,"}};
  const char *text = "a number";
  struct nc_block blk;
  struct nc_mention m;
  size_t i;

  (void)state;
  memset(&blk, 0, sizeof blk);
  blk.kind = NC_BLOCK_BODY;
  blk.text = text;
  blk.len = strlen(text);
  blk.end = blk.len;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct nc_buf b = {0};
    memset(&m, 0, sizeof m);
    m.type = NC_M_NUMBER;
    m.start = 2;
    m.end = 8;
    m.value = cases[i].x;
    nc_report_mention_line(&b, NULL, &blk, &m);
    assert_non_null(strstr(b.data, cases[i].json));
    assert_true(b.len > 0 && b.data[b.len - 1] == '\n');
    nc_buf_free(&b);
  }
}

/* The mention line of m, in block text `text` of n bytes. */
static void mention_line(struct nc_buf *out, const char *text, size_t n,
                         const struct nc_mention *m)
{
  struct nc_block blk;

  memset(&blk, 0, sizeof blk);
  blk.kind = NC_BLOCK_BODY;
  blk.text = text;
  blk.len = n;
  blk.end = n;
  out->len = 0;
  nc_report_mention_line(out, NULL, &blk, m);
  assert_true(out->len > 0 && out->data[out->len - 1] == '\n');
  assert_int_equal(strlen(out->data), out->len);
}

/* x as the mention lines write an offset: "%zu" below 10^15, and above
 * as any other number (15 digits when they read back as x, else 17). */
static void offset_slowly(struct nc_buf *b, size_t x)
{
  char tmp[32];

  if (x < (size_t)1000000000000000u) {
    nc_buf_printf(b, "%zu", x);
    return;
  }
  snprintf(tmp, sizeof tmp, "%1.15g", (double)x);
  if (strtod(tmp, NULL) != (double)x)
    snprintf(tmp, sizeof tmp, "%1.17g", (double)x);
  nc_buf_puts(b, tmp);
}

/* The two offsets of a mention line are written with the keys around
 * them in one piece of room when both are below 10^15, else field by
 * field: both ways give "%zu" (or a number from 10^15 on), at every
 * number of digits and next to every power of ten. */
static void test_mention_offsets(void **state)
{
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  struct nc_block blk;
  size_t p, d, k;

  (void)state;
  memset(&m, 0, sizeof m);
  m.type = NC_M_VAGUE;
  m.start = 0;
  m.end = 1;
  memset(&blk, 0, sizeof blk);
  blk.kind = NC_BLOCK_BODY;
  blk.text = "xy";
  blk.len = 2;
  for (p = 1, d = 0; d <= 17; d++, p *= 10)
    for (k = 0; k < 5; k++) {
      /* p - 2 to p + 2, the end one further: both sides of 10^15 too */
      size_t x = p + k >= 2 ? p + k - 2 : 0;
      blk.start = x;
      blk.end = x + 2;
      line.len = 0;
      nc_report_mention_line(&line, NULL, &blk, &m);
      want.len = 0;
      nc_buf_puts(&want, "\"text\":\"x\",\"start\":");
      offset_slowly(&want, x);
      nc_buf_puts(&want, ",\"end\":");
      offset_slowly(&want, x + 1);
      nc_buf_puts(&want, ",\"value\":null,");
      if (!strstr(line.data, want.data))
        fail_msg("%s not in %s", want.data, line.data);
      assert_int_equal(strlen(line.data), line.len);
    }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* The four offsets of a claim line likewise, in one piece of room or
 * field by field. */
static void test_claim_offsets(void **state)
{
  struct nc_doc *d = one_doc();
  struct nc_buf line = {0}, want = {0};
  struct nc_claim c;
  size_t p, q, k, f;

  (void)state;
  init_claim(&c, 1.0);
  for (p = 1, q = 0; q <= 17; q++, p *= 10)
    for (k = 0; k < 5; k++)
      for (f = 0; f < 4; f++) {
        /* p - 2 to p + 2 in one field, the others small */
        size_t x = p + k >= 2 ? p + k - 2 : 0;
        c.start = f == 0 ? x : 7;
        c.end = f == 1 ? x : 123;
        c.vstart = f == 2 ? x : 8;
        c.vend = f == 3 ? x : 99999;
        line.len = 0;
        nc_report_claim_line(&line, d, &c);
        want.len = 0;
        nc_buf_puts(&want, ",\"start\":");
        offset_slowly(&want, c.start);
        nc_buf_puts(&want, ",\"end\":");
        offset_slowly(&want, c.end);
        nc_buf_puts(&want, ",\"value_start\":");
        offset_slowly(&want, c.vstart);
        nc_buf_puts(&want, ",\"value_end\":");
        offset_slowly(&want, c.vend);
        nc_buf_puts(&want, ",\"quoted\":false,");
        if (!strstr(line.data, want.data))
          fail_msg("%s not in %s", want.data, line.data);
        assert_int_equal(strlen(line.data), line.len);
      }
  free(c.key);
  free(c.label);
  free(c.quote);
  free(c.rule);
  nc_buf_free(&line);
  nc_buf_free(&want);
  nc_doc_free(d);
}

/* s[0..n) as a JSON string, one byte at a time, as cJSON escapes. */
static void escape_slowly(struct nc_buf *b, const char *s, size_t n)
{
  size_t i;

  nc_buf_putc(b, '"');
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"':
      nc_buf_puts(b, "\\\"");
      break;
    case '\\':
      nc_buf_puts(b, "\\\\");
      break;
    case '\b':
      nc_buf_puts(b, "\\b");
      break;
    case '\f':
      nc_buf_puts(b, "\\f");
      break;
    case '\n':
      nc_buf_puts(b, "\\n");
      break;
    case '\r':
      nc_buf_puts(b, "\\r");
      break;
    case '\t':
      nc_buf_puts(b, "\\t");
      break;
    default:
      if (c < 0x20)
        nc_buf_printf(b, "\\u%04x", c);
      else
        nc_buf_putc(b, (char)c);
    }
  }
  nc_buf_putc(b, '"');
}

/* Mention texts of every length to 70 (each in a buffer of its own size,
 * with no NUL after it), plain or with bytes to escape at the start, the
 * end and around the 8- and 16-byte steps of the scan, NUL bytes and
 * bytes above 0x7F among them. */
static void test_mention_text_escapes(void **state)
{
  static const char specials[] = {'"',    '\\', '\n', '\0', '\x01',
                                  '\x1f', '\b', '\f', '\r', '\t'};
  static const char plain[] = {' ', '!',    '#',    '[',    ']',
                               '~', '\x7f', '\x80', '\xe2', '\xff'};
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  size_t n, k, p;

  (void)state;
  memset(&m, 0, sizeof m);
  m.type = NC_M_VAGUE;
  for (n = 0; n <= 70; n++)
    for (k = 0; k < sizeof specials; k++)
      for (p = 0; p <= n; p++) {
        char *text = xmalloc(n ? n : 1);
        size_t i;
        for (i = 0; i < n; i++)
          text[i] = plain[(i * 7 + k) % sizeof plain];
        if (p < n) { /* p == n: none to escape */
          text[p] = specials[k];
          text[n - 1 - p] = specials[(k + 3) % sizeof specials];
        }
        m.end = n;
        mention_line(&line, text, n, &m);
        want.len = 0;
        nc_buf_puts(&want, "\"text\":");
        escape_slowly(&want, text, n);
        nc_buf_puts(&want, ",\"start\":0,");
        if (!strstr(line.data, want.data))
          fail_msg("%s not in %s", want.data, line.data);
        free(text);
      }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* A mention line is begun in one piece of room (its type's head from a
 * table, the text, the offsets) when the type is known and the offsets
 * are below 10^15, and field by field, the type by its name, otherwise:
 * both ways give the same start of line, for every type and for a type
 * without a head, with texts short and long, plain and with bytes to
 * escape. */
static void test_mention_heads(void **state)
{
  static const char *const texts[] = {"", "Chad", "a \"b\"\n",
                                      "a text of twenty bytes",
                                      "\\ more than sixteen bytes \t"};
  static const size_t offsets[] = {0, 999999, (size_t)1000000000000000u};
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  struct nc_block blk;
  int t;
  size_t i, k;

  (void)state;
  for (t = NC_M_NUMBER; t <= NC_M_VAGUE + 1; t++)
    for (i = 0; i < sizeof texts / sizeof *texts; i++)
      for (k = 0; k < sizeof offsets / sizeof *offsets; k++) {
        size_t n = strlen(texts[i]);
        memset(&m, 0, sizeof m);
        m.type = t <= NC_M_VAGUE ? (enum nc_mention_type)t
                                 : (enum nc_mention_type)99;
        m.end = n;
        /* only the fields of the mention's type (they share memory) */
        if (m.type == NC_M_DURATION)
          m.unit = 'D';
        if (m.type == NC_M_COUNTRY || m.type == NC_M_PERSON)
          m.name = (char *)"Chad";
        memset(&blk, 0, sizeof blk);
        blk.kind = NC_BLOCK_BODY;
        blk.text = texts[i];
        blk.len = n;
        blk.start = offsets[k];
        blk.end = offsets[k] + n;
        line.len = 0;
        nc_report_mention_line(&line, NULL, &blk, &m);
        assert_int_equal(strlen(line.data), line.len);
        want.len = 0;
        nc_buf_printf(&want, "{\"kind\":\"mention\",\"type\":\"%s\",\"text\":",
                      nc_mention_type_str(m.type));
        escape_slowly(&want, texts[i], n);
        nc_buf_puts(&want, ",\"start\":");
        offset_slowly(&want, offsets[k]);
        nc_buf_puts(&want, ",\"end\":");
        offset_slowly(&want, offsets[k] + n);
        nc_buf_puts(&want, ",\"value\":");
        if (strncmp(line.data, want.data, want.len) != 0)
          fail_msg("%s does not start with %s", line.data, want.data);
      }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* Claim lines written as a run (which copies a document name, quote,
 * hedge, attribution or rule that the line before had, the same
 * pointer, from that line) equal those written one at a time: strings
 * shared by neighbours and not, with bytes to escape, null, from an
 * empty buffer that grows on the way, and runs cut by `until`. */
static void test_claim_runs(void **state)
{
  static const char *const quotes[] = {"He said \"40%\" of them\tleft.",
                                       "A plain sentence of some length.",
                                       "x"};
  static const char *const hedges[] = {NULL, "expected \"to\""};
  static const char *const rules[] = {"generic:count", "generic:total",
                                      "r\\1"};
  struct nc_source src;
  struct nc_doc *d;
  struct nc_claim cs[24];
  struct nc_buf one = {0}, run = {0};
  char *own[3 * 24 + 1];
  size_t i, k, nown = 0, until;

  (void)state;
  memset(&src, 0, sizeof src);
  src.id = (char *)"a \"quoted\" name\\";
  d = nc_doc_new(&src, xstrdup("x"), 1);
  for (i = 0; i < 24; i++) {
    struct nc_claim *c = &cs[i];
    init_claim(c, (double)i);
    own[nown++] = c->key;
    own[nown++] = c->label;
    own[nown++] = c->quote;
    free(c->rule);
    /* runs of one to three claims a sentence, a quote returning after
     * another one, an equal quote at another address */
    c->quote = (char *)quotes[(i / 3 + (i % 5 == 4)) % 3];
    if (i == 20)
      c->quote = own[nown++] = xstrdup(cs[19].quote);
    c->hedge = (char *)hedges[i / 3 % 2];
    c->attribution = i % 7 < 3 ? (char *)"the \"minister\"" : NULL;
    c->rule = (char *)rules[i / 2 % 3];
    c->note = i % 4 ? NULL : (char *)"a\nnote";
    c->start = 100 * i;
    c->end = 100 * i + 50;
  }
  for (i = 0; i < 24; i++)
    nc_report_claim_line(&one, d, &cs[i]);
  /* all in one run, and in runs cut at every size */
  for (until = 0; until <= one.len + 1; until += until < 50 ? 1 : 97) {
    nc_buf_free(&run);
    for (i = 0; i < 24; i += k) {
      size_t before = run.len;
      k = nc_report_claim_lines(&run, d, cs + i, 24 - i,
                                until ? before + until : (size_t)-1);
      assert_true(k >= 1 && k <= 24 - i);
      /* it stops only once `until` bytes are there */
      if (i + k < 24)
        assert_true(run.len >= before + until);
    }
    assert_int_equal(run.len, one.len);
    assert_string_equal(run.data, one.data);
  }
  assert_int_equal(nc_report_claim_lines(&run, d, cs, 0, 0), 0);
  for (i = 0; i < nown; i++)
    free(own[i]);
  for (i = 0; i < 24; i++)
    nc_value_clear(&cs[i].value);
  nc_buf_free(&one);
  nc_buf_free(&run);
  nc_doc_free(d);
}

/* Every byte value at every position of texts of 1 to 40 bytes, among
 * plain bytes: the eight-byte test of bytes to escape (one comparison
 * for the control bytes and '"' together) and the sixteen-byte scan
 * must each flag exactly the bytes cJSON escapes. */
static void test_every_byte_escaped(void **state)
{
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  char text[40];
  size_t n, p;
  int c;

  (void)state;
  memset(&m, 0, sizeof m);
  m.type = NC_M_VAGUE;
  for (c = 0; c < 256; c++)
    for (n = 1; n <= sizeof text; n++)
      for (p = 0; p < n; p++) {
        memset(text, 'a' + (int)(n % 26), n);
        text[p] = (char)c;
        m.end = n;
        mention_line(&line, text, n, &m);
        want.len = 0;
        nc_buf_puts(&want, "\"text\":");
        escape_slowly(&want, text, n);
        nc_buf_puts(&want, ",\"start\":0,");
        if (!strstr(line.data, want.data))
          fail_msg("byte %d at %zu of %zu: %s not in %s", c, p, n, want.data,
                   line.data);
      }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* Offsets of every number of digits, at random and around the steps of
 * the writer (below 10^8 the count from comparisons and the digits
 * straight in place; above, four digits at a time in 32 bits and pairs
 * above 2^32), as "%zu" writes them. */
static void test_offset_digits(void **state)
{
  static const size_t fixed[] = {
      0,           9,           10,          99,           100,
      999,         1000,        9999,        10000,        99999,
      100000,      999999,      1000000,     9999999,      10000000,
      99999999,    100000000,   999999999,   1000000000,   4294967294u,
      4294967295u, 4294967296u, 4294967297u, 42949672950u, 999999999999998u};
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  struct nc_block blk;
  unsigned long seed = 99;
  size_t i;

  (void)state;
  memset(&m, 0, sizeof m);
  m.type = NC_M_VAGUE;
  m.end = 1;
  memset(&blk, 0, sizeof blk);
  blk.kind = NC_BLOCK_BODY;
  blk.text = "xy";
  blk.len = 2;
  for (i = 0; i < sizeof fixed / sizeof *fixed + 20000; i++) {
    size_t x;
    if (i < sizeof fixed / sizeof *fixed) {
      x = fixed[i];
    } else {
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      x = (size_t)(seed >> (15 + (seed >> 7) % 49)); /* below 2^49 */
    }
    blk.start = x;
    blk.end = x + 2;
    line.len = 0;
    nc_report_mention_line(&line, NULL, &blk, &m);
    want.len = 0;
    nc_buf_printf(&want, "\"start\":%zu,\"end\":%zu,", x, x + 1);
    if (!strstr(line.data, want.data))
      fail_msg("%s not in %s", want.data, line.data);
  }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* Whole numbers (tested without floor) next to the limit of 10^15 and
 * of 2^63, negative zero, halves, NaN and the infinities, in mention
 * lines as numbers and as durations. */
static void test_whole_numbers(void **state)
{
  static const struct {
    double x;
    const char *number, *duration;
  } cases[] = {
      {0.0, "0", "\"P0D\""},
      {-0.0, "-0", "\"P-0D\""},
      {7.0, "7", "\"P7D\""},
      {-7.0, "-7", "\"P-7D\""},
      {0.5, "0.5", "\"P0.5D\""},
      {-2.5, "-2.5", "\"P-2.5D\""},
      {999999999999999.0, "999999999999999", "\"P999999999999999D\""},
      {-999999999999999.0, "-999999999999999", "\"P-999999999999999D\""},
      {999999999999999.5, "999999999999999.5", "\"P1e+15D\""},
      {1e15, "1e+15", "\"P1e+15D\""},
      {-1e15, "-1e+15", "\"P-1e+15D\""},
      {9223372036854775808.0, "9.2233720368547758e+18",
       "\"P9.22337203685478e+18D\""},
      {NAN, "null", "\"PnanD\""},
      {HUGE_VAL, "null", "\"PinfD\""},
      {-HUGE_VAL, "null", "\"P-infD\""}};
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    memset(&m, 0, sizeof m);
    m.type = NC_M_NUMBER;
    m.end = 1;
    m.value = cases[i].x;
    mention_line(&line, "1", 1, &m);
    want.len = 0;
    nc_buf_printf(&want, "\"value\":%s,", cases[i].number);
    if (!strstr(line.data, want.data))
      fail_msg("%s not in %s", want.data, line.data);
    m.type = NC_M_DURATION;
    m.unit = 'D';
    mention_line(&line, "1", 1, &m);
    want.len = 0;
    nc_buf_printf(&want, "\"value\":%s,", cases[i].duration);
    if (!strstr(line.data, want.data))
      fail_msg("%s not in %s", want.data, line.data);
  }
  nc_buf_free(&line);
  nc_buf_free(&want);
}

/* Decimals of a few places (written without printf) and their
 * neighbours: mention lines as "%.15g" writes them when that reads back
 * as the number, else "%.17g"; claim lines as cJSON. */
static void test_short_decimals(void **state)
{
  static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  struct nc_doc *d = one_doc();
  struct nc_claim c;
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  unsigned long seed = 777;
  size_t i;
  int j;

  (void)state;
  memset(&m, 0, sizeof m);
  m.type = NC_M_NUMBER;
  m.end = 1;
  for (i = 0; i < 30000; i++) {
    double base, x;
    seed = seed * 6364136223846793005ul + 1442695040888963407ul;
    base = (double)(seed >> (11 + (seed >> 3) % 53)) / scale[i % 7];
    if (i % 2)
      base = -base;
    for (j = 0; j < 4; j++) {
      char tmp[32];
      cJSON *n;
      x = j == 0   ? base
          : j == 1 ? nextafter(base, HUGE_VAL)
          : j == 2 ? nextafter(base, -HUGE_VAL)
                   : base + 1e-4;
      m.value = x;
      mention_line(&line, "1", 1, &m);
      snprintf(tmp, sizeof tmp, "%1.15g", x);
      if (strtod(tmp, NULL) != x)
        snprintf(tmp, sizeof tmp, "%1.17g", x);
      if (x == floor(x) && fabs(x) < 1e15)
        snprintf(tmp, sizeof tmp, "%.0f", x);
      want.len = 0;
      nc_buf_printf(&want, "\"value\":%s,", tmp);
      if (!strstr(line.data, want.data))
        fail_msg("%s not in %s", want.data, line.data);
      init_claim(&c, x);
      cJSON_Delete(line_of(d, &c, &line));
      n = cJSON_CreateNumber(x);
      has_cjson(&line, "value", n);
      cJSON_Delete(n);
      nc_value_clear(&c.value);
      free(c.key);
      free(c.label);
      free(c.quote);
      free(c.rule);
    }
  }
  nc_buf_free(&line);
  nc_buf_free(&want);
  nc_doc_free(d);
}

/* Dates in mention lines and claim values, of every precision, and years
 * that "%04d" does not write as four digits. */
static void test_dates(void **state)
{
  static const struct {
    int y, m, d;
    enum nc_date_prec prec;
    enum nc_approx approx;
    const char *mention, *claim;
  } cases[] = {
      {2025, 11, 7, NC_PREC_DAY, NC_APPROX_NONE, "\"2025-11-07\"",
       "\"2025-11-07\""},
      {2025, 3, 1, NC_PREC_MONTH, NC_APPROX_ABOUT, "\"2025-03\"",
       "\"2025-03\""},
      {5, 1, 1, NC_PREC_YEAR, NC_APPROX_NONE, "\"0005\"", "\"0005\""},
      {1990, 1, 1, NC_PREC_DECADE, NC_APPROX_NONE, "\"1990\"", "\"1990s\""},
      {0, 12, 31, NC_PREC_DAY, NC_APPROX_MORE_THAN, "\"0000-12-31\"",
       "\"0000-12-31\""},
      {12345, 1, 2, NC_PREC_DAY, NC_APPROX_NONE, "\"12345-01-02\"",
       "\"12345-01-02\""},
      {-44, 3, 15, NC_PREC_DAY, NC_APPROX_NONE, "\"-044-03-15\"",
       "\"-044-03-15\""},
      /* the claim's value drops what precedes the first digit after
       * the approximation's words */
      {-44, 3, 15, NC_PREC_DAY, NC_APPROX_ABOUT, "\"-044-03-15\"",
       "\"044-03-15\""},
      {-7, 1, 1, NC_PREC_YEAR, NC_APPROX_AT_MOST, "\"-007\"", "\"007\""}};
  struct nc_doc *d = one_doc();
  struct nc_buf line = {0}, want = {0};
  struct nc_mention m;
  struct nc_claim c;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    memset(&m, 0, sizeof m);
    m.type = NC_M_DATE;
    m.end = 1;
    m.date.y = cases[i].y;
    m.date.m = cases[i].m;
    m.date.d = cases[i].d;
    m.prec = cases[i].prec;
    m.approx = cases[i].approx;
    mention_line(&line, "1", 1, &m);
    want.len = 0;
    nc_buf_printf(&want, "\"value\":%s,", cases[i].mention);
    if (!strstr(line.data, want.data))
      fail_msg("%s not in %s", want.data, line.data);
    /* as a range, to the next year */
    m.approx = NC_APPROX_RANGE;
    m.date2 = m.date;
    m.date2.y++;
    mention_line(&line, "1", 1, &m);
    assert_non_null(strstr(line.data, "\"value\":["));
    assert_non_null(strstr(line.data, cases[i].mention));
    init_claim(&c, 0);
    c.value.kind = NC_VAL_DATE;
    c.value.date = m.date;
    c.value.prec = cases[i].prec;
    c.value.approx = cases[i].approx;
    cJSON_Delete(line_of(d, &c, &line));
    want.len = 0;
    nc_buf_printf(&want, "\"value\":%s,", cases[i].claim);
    if (!strstr(line.data, want.data))
      fail_msg("%s not in %s", want.data, line.data);
    nc_value_clear(&c.value);
    free(c.key);
    free(c.label);
    free(c.quote);
    free(c.rule);
  }
  nc_buf_free(&line);
  nc_buf_free(&want);
  nc_doc_free(d);
}

/* The "approx" field of line o is the name given, or null for none. */
static void assert_approx(const cJSON *o, const char *name)
{
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "approx");
  assert_non_null(a);
  if (name)
    assert_string_equal(cJSON_GetStringValue(a), name);
  else
    assert_true(cJSON_IsNull(a));
}

/* The "type" and "approx" of mention lines and the "approx" of claim
 * lines, which the writer has as whole pieces of JSON, are the names of
 * nc_mention_type_str and nc_approx_str, for every type and
 * approximation (and null for an approximation it does not know). */
static void test_names_as_listed(void **state)
{
  static const enum nc_approx approx[] = {
      NC_APPROX_NONE,     NC_APPROX_ABOUT,   NC_APPROX_MORE_THAN,
      NC_APPROX_LESS_THAN, NC_APPROX_AT_LEAST, NC_APPROX_AT_MOST,
      NC_APPROX_RANGE,    (enum nc_approx)99};
  struct nc_doc *d = one_doc();
  struct nc_buf line = {0}, head = {0};
  struct nc_mention m;
  struct nc_claim c;
  cJSON *o;
  int t;
  size_t i;

  (void)state;
  for (t = NC_M_NUMBER; t <= NC_M_VAGUE; t++)
    for (i = 0; i < sizeof approx / sizeof *approx; i++) {
      const char *name = nc_approx_str(approx[i]);
      memset(&m, 0, sizeof m);
      m.type = (enum nc_mention_type)t;
      m.approx = approx[i];
      m.end = 4;
      /* only the fields of the mention's type (they share memory) */
      switch (m.type) {
      case NC_M_DATE:
        m.date.y = m.date2.y = 2024;
        m.date.m = m.date2.m = 1;
        m.date.d = m.date2.d = 2;
        break;
      case NC_M_COUNTRY:
      case NC_M_PERSON:
        m.name = (char *)"Chad";
        break;
      default:
        m.value = m.value2 = 1;
        m.unit = 'D';
        break;
      }
      mention_line(&line, "text", 4, &m);
      head.len = 0;
      nc_buf_printf(&head, "{\"kind\":\"mention\",\"type\":\"%s\",\"text\":",
                    nc_mention_type_str(m.type));
      if (strncmp(line.data, head.data, head.len) != 0)
        fail_msg("%s does not start with %s", line.data, head.data);
      o = cJSON_Parse(line.data);
      assert_non_null(o);
      assert_approx(o, name);
      cJSON_Delete(o);
    }
  for (i = 0; i < sizeof approx / sizeof *approx; i++) {
    const char *name = nc_approx_str(approx[i]);
    init_claim(&c, 2);
    c.value.approx = approx[i];
    o = line_of(d, &c, &line);
    assert_approx(o, name);
    cJSON_Delete(o);
    free(c.key);
    free(c.label);
    free(c.quote);
    free(c.rule);
  }
  nc_buf_free(&line);
  nc_buf_free(&head);
  nc_doc_free(d);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbers_as_cjson),
      cmocka_unit_test(test_strings_as_cjson),
      cmocka_unit_test(test_report_claims_equal_lines),
      cmocka_unit_test(test_mention_numbers),
      cmocka_unit_test(test_mention_offsets),
      cmocka_unit_test(test_claim_offsets),
      cmocka_unit_test(test_mention_text_escapes),
      cmocka_unit_test(test_mention_heads),
      cmocka_unit_test(test_every_byte_escaped),
      cmocka_unit_test(test_claim_runs),
      cmocka_unit_test(test_offset_digits),
      cmocka_unit_test(test_whole_numbers),
      cmocka_unit_test(test_short_decimals),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_names_as_listed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
