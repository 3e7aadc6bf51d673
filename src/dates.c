/* dates.c: the date half of the value recognizer.  Takes the tokens of
 * one sentence (numbers.c) and the publication day; produces date
 * mentions: absolute days, months, years and decades, and relative ones
 * ("Thursday", "next week", "two years ago") resolved against that day. */
#include "mentions_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "values_int.h"

/* Tolerance of a relative date, in days: 0 for a named day, otherwise
 * about a quarter of the span the words name, since "next week" or "last
 * month" point somewhere in a week or month, not at one day. */
#define TOL_DAY 0
#define TOL_WEEK 3
#define TOL_MONTH 7
#define TOL_YEAR 90

/* How far the tense heuristic looks for a verb, in tokens. */
#define TENSE_WINDOW 30

static inline bool word_is(const struct nc_vscan *sc, size_t i,
                           const char *w)
{
  return nc_vword(sc, i, w);
}

static bool glued(const struct nc_vscan *sc, size_t i)
{
  return i < sc->n && i > 0 && !sc->t[i].space;
}

static bool is_num(const struct nc_vscan *sc, size_t i)
{
  return i < sc->n && sc->t[i].kind == NC_T_NUM;
}

/* A plain integer token of 1 to `maxdig` digits. */
static bool is_int(const struct nc_vscan *sc, size_t i, int maxdig)
{
  return is_num(sc, i) && !sc->t[i].dec && !sc->t[i].comma &&
         sc->t[i].ndig >= 1 && sc->t[i].ndig <= maxdig;
}

static int ival(const struct nc_vscan *sc, size_t i)
{
  return (int)sc->t[i].num;
}

static bool has_ref(const struct nc_vscan *sc)
{
  return sc->ctx && sc->ctx->has_ref;
}

static bool valid(int y, int m, int d)
{
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= nc_month_days(y, m);
}

/* A month or weekday written short ("Nov", "Thurs"), whose full stop
 * belongs to the date. */
static bool short_name(const struct nc_vscan *sc, size_t i)
{
  size_t n = sc->t[i].end - sc->t[i].start;
  if (nc_vis(sc, i, W_WDAY))
    return n <= 5;
  return n <= 4 && !word_is(sc, i, "may") && !word_is(sc, i, "june") &&
         !word_is(sc, i, "july");
}

static struct nc_mention *push_date(struct nc_vscan *sc, size_t t0,
                                    size_t t1, struct nc_date d,
                                    enum nc_date_prec p, bool rel, int tol)
{
  struct nc_mention *m = nc_mentions_push(sc->out, NC_M_DATE,
                                          sc->t[t0].start,
                                          sc->t[t1 - 1].end);
  m->date = d;
  m->prec = p;
  m->relative = rel;
  m->tolerance_days = tol;
  return m;
}

static struct nc_date ymd(int y, int m, int d)
{
  struct nc_date r;
  r.y = y;
  r.m = m;
  r.d = d;
  return r;
}

static struct nc_date add_days(struct nc_date d, long n)
{
  return nc_civil_from_days(nc_days_from_civil(d) + n);
}

static struct nc_date add_months(struct nc_date d, long n)
{
  long k = (long)d.y * 12 + (d.m - 1) + n;
  long y = k >= 0 ? k / 12 : -((-k + 11) / 12);
  struct nc_date r = ymd((int)y, (int)(k - y * 12) + 1, d.d);
  if (r.d > nc_month_days(r.y, r.m))
    r.d = nc_month_days(r.y, r.m);
  return r;
}

/* Month and day without a year: the year that puts it nearest the
 * reference day ("Dec. 30" read on 2026-01-03 is 2025-12-30). */
static bool nearest_year(const struct nc_vscan *sc, int m, int d,
                         struct nc_date *out)
{
  struct nc_date ref = sc->ctx->ref;
  long r = nc_days_from_civil(ref), best = LONG_MAX;
  int y;
  for (y = ref.y - 1; y <= ref.y + 1; y++) {
    long diff;
    if (!valid(y, m, d))
      continue;
    diff = labs(nc_days_from_civil(ymd(y, m, d)) - r);
    if (diff < best) {
      best = diff;
      *out = ymd(y, m, d);
    }
  }
  return best != LONG_MAX;
}

/* A four-digit year 1000-2999 standing alone (not "1990s", not "2025-"). */
static bool year_tok(const struct nc_vscan *sc, size_t i, int *y)
{
  if (!is_int(sc, i, 4) || sc->t[i].ndig != 4)
    return false;
  *y = ival(sc, i);
  if (*y < 1000 || *y > 2999)
    return false;
  return !(glued(sc, i + 1) && sc->t[i + 1].kind != NC_T_PUNCT);
}

/* ---- tense: which way a weekday or month points ---- */

static inline bool sentence_end(const struct nc_vscan *sc, size_t j)
{
  const struct nc_vtok *t = &sc->t[j];
  char c;
  if (t->kind != NC_T_PUNCT || t->end - t->start != 1)
    return false;
  c = sc->s[t->start];
  if (c == '!' || c == '?' || c == ';')
    return true;
  /* a full stop, not the one of "Nov." or "U.S." */
  return c == '.' && j + 1 < sc->n && sc->t[j + 1].space && j > 0 &&
         sc->t[j - 1].end - sc->t[j - 1].start > 4;
}

static bool future_at(const struct nc_vscan *sc, size_t j)
{
  size_t k;
  /* "won't" is "will not", though "won" alone is past */
  if (word_is(sc, j, "won") && glued(sc, j + 1) && word_is(sc, j + 2, "t"))
    return true;
  if (word_is(sc, j, "ll") && j > 0 && glued(sc, j))
    return true;
  return nc_vphrase(sc, j, W_FUTURE, &k) != NULL &&
         !word_is(sc, j, "ll");
}

/* A past-tense marker: a listed word, or a lower-case "-ed" verb that is
 * not on the list of "-ed" words that are no past tense, unless "be"
 * comes before it. */
static bool past_at(const struct nc_vscan *sc, size_t j)
{
  const struct nc_vtok *t = &sc->t[j];
  size_t n = t->end - t->start;
  if (t->kind != NC_T_WORD)
    return false;
  /* a participle after "be" is passive, no past: "will be held" */
  if (j > 0 && word_is(sc, j - 1, "be"))
    return false;
  if (t->w && (t->w->flags & W_PAST))
    return !(word_is(sc, j, "won") && glued(sc, j + 1));
  if (t->w && (t->w->flags & W_EDX))
    return false;
  return n >= 5 && !nc_vcap(sc, t) && sc->s[t->end - 2] == 'e' &&
         sc->s[t->end - 1] == 'd';
}

/* Tense markers of token j: TENSE_FUT when future_at, TENSE_PAST when
 * past_at. */
enum { TENSE_FUT = 1, TENSE_PAST = 2 };

static int tense_marks(const struct nc_vscan *sc, size_t j)
{
  return (future_at(sc, j) ? TENSE_FUT : 0) |
         (past_at(sc, j) ? TENSE_PAST : 0);
}

/* False when token t passes none of what a tense marker needs: "won"
 * ("won't") or "ll" ("'ll"), a key that is or begins a future marker, a
 * past-tense key or an "-ed" word of five letters or more.  Most words
 * pass none, and tense_marks runs only for the others. */
static inline bool tense_maybe(const struct nc_vscan *sc,
                               const struct nc_vtok *t)
{
  const struct nc_lexent *w = t->w;
  size_t n = t->end - t->start;
  unsigned char c = (unsigned char)sc->s[t->start] | 0x20;
  if (w && ((w->flags & (W_FUTURE | W_PAST)) ||
            ((w->flags & W_PHRASE) && (w->lead & W_FUTURE))))
    return true;
  if (n < 5)
    return (n == 3 && c == 'w') || (n == 2 && c == 'l');
  return sc->s[t->end - 2] == 'e' && sc->s[t->end - 1] == 'd';
}

/* The nearest tense marker around token i wins: +1 future ("will",
 * "is expected to", present tense in a "when" clause), -1 past ("said",
 * "-ed" verbs), 0 when the sentence has neither.  A heuristic, looking at
 * most TENSE_WINDOW tokens each way inside the sentence; each way stops
 * once no nearer marker can change the answer. */
int nc_vtense(const struct nc_vscan *sc, size_t i)
{
  size_t j, df = SIZE_MAX, dp = SIZE_MAX;
  bool clause = true;

  for (j = i; j-- > 0 && i - j <= TENSE_WINDOW;) {
    const struct nc_vtok *t = &sc->t[j];
    int m = 0;
    if (t->kind == NC_T_PUNCT && sentence_end(sc, j))
      break;
    if (tense_maybe(sc, t)) {
      m = tense_marks(sc, j);
      if (df == SIZE_MAX && (m & TENSE_FUT))
        df = i - j;
      if (dp == SIZE_MAX && (m & TENSE_PAST))
        dp = i - j;
      /* both found: the rest of this side cannot change them */
      if (df != SIZE_MAX && dp != SIZE_MAX)
        break;
    }
    if (t->kind == NC_T_PUNCT && nc_vpunct(sc, j, ','))
      clause = false;
    /* "when the minister visits on Monday": a present-tense clause of
     * time speaks of the future, whatever the main clause says */
    if (clause && dp == SIZE_MAX && df == SIZE_MAX && t->w &&
        (t->w->flags & W_WHEN) && t->kind == NC_T_WORD)
      return 1;
  }
  /* a marker after i counts only when nearer than the one of its kind
   * found so far */
  for (j = i + 1;
       j < sc->n && j - i <= TENSE_WINDOW && (j - i < df || j - i < dp); j++) {
    const struct nc_vtok *t = &sc->t[j];
    int m;
    if (t->kind == NC_T_PUNCT && sentence_end(sc, j))
      break;
    if (!tense_maybe(sc, t))
      continue;
    m = tense_marks(sc, j);
    if ((m & TENSE_FUT) && j - i < df)
      df = j - i;
    if ((m & TENSE_PAST) && j - i < dp)
      dp = j - i;
  }
  if (df == SIZE_MAX && dp == SIZE_MAX)
    return 0;
  return df < dp ? 1 : -1;
}

/* ---- relative dates ---- */

/* Weekday wd: dir -1 the last one before the reference day, +1 the next
 * one after it, 0 by the tense (the reference day itself when it is that
 * weekday). */
static struct nc_date weekday_date(const struct nc_vscan *sc, int wd,
                                   int dir, size_t i)
{
  struct nc_date ref = sc->ctx->ref;
  int rw = nc_weekday(ref), ahead = (wd - rw + 7) % 7;
  if (dir == 0) {
    if (ahead == 0)
      return ref;
    dir = nc_vtense(sc, i) < 0 ? -1 : 1;
  }
  if (dir > 0)
    return add_days(ref, ahead ? ahead : 7);
  return add_days(ref, ahead ? ahead - 7 : -7);
}

/* Month m alone: dir -1 the latest on or before the reference month, +1
 * the next on or after it; 0 by the tense, past by default. */
static struct nc_date month_date(const struct nc_vscan *sc, int m, int dir,
                                 bool strict, size_t i)
{
  struct nc_date ref = sc->ctx->ref;
  int y = ref.y;
  if (dir == 0)
    dir = nc_vtense(sc, i) > 0 ? 1 : -1;
  if (dir < 0 && (m > ref.m || (strict && m == ref.m)))
    y--;
  if (dir > 0 && (m < ref.m || (strict && m == ref.m)))
    y++;
  return ymd(y, m, 1);
}

bool nc_dates_offset(struct nc_vscan *sc, size_t start, size_t end,
                     double n, const struct nc_lexent *u, int dir)
{
  struct nc_date ref, d;
  double amount = n * u->tmult;
  long k = lround(amount);

  if (!has_ref(sc) || amount <= 0 || amount > 10000)
    return false;
  ref = sc->ctx->ref;
  switch (u->tunit) {
  case 'Y':
    if (fabs(amount - (double)k) > 1e-9) {
      d = add_months(ref, dir * lround(amount * 12));
      push_date(sc, start, end, d, NC_PREC_MONTH, true, TOL_MONTH);
    } else {
      d = ymd(ref.y + (int)(dir * k), 1, 1);
      push_date(sc, start, end, d, NC_PREC_YEAR, true, TOL_YEAR);
    }
    return true;
  case 'M':
    /* "a month ago" names the day a month back, give or take a week */
    d = add_months(ref, dir * k);
    push_date(sc, start, end, d, NC_PREC_DAY, true, TOL_MONTH);
    return true;
  case 'W':
    d = add_days(ref, dir * lround(amount * 7));
    push_date(sc, start, end, d, NC_PREC_DAY, true, TOL_WEEK);
    return true;
  case 'D':
    d = add_days(ref, dir * k);
    push_date(sc, start, end, d, NC_PREC_DAY, true, TOL_DAY);
    return true;
  default:
    push_date(sc, start, end, ref, NC_PREC_DAY, true, TOL_DAY);
    return true;
  }
}

/* The direction of the words at token k after a count of days: "ago"
 * -1, "from now" +1, "later" +1 outside the past tense; sets *end.  0
 * when none. */
static int count_dir(const struct nc_vscan *sc, size_t st, size_t k,
                     size_t *end)
{
  if (word_is(sc, k, "ago")) {
    *end = k + 1;
    return -1;
  }
  if (word_is(sc, k, "from") && word_is(sc, k + 1, "now")) {
    *end = k + 2;
    return 1;
  }
  if (word_is(sc, k, "later") && nc_vtense(sc, st) >= 0) {
    *end = k + 1;
    return 1;
  }
  return 0;
}

/* Token k names a weekday, maybe in the plural ("Sundays"), and is no
 * common word ("sat", "wed"); sets *wd. */
static bool weekday_word(const struct nc_vscan *sc, size_t k, int *wd)
{
  const struct nc_lexent *e;
  size_t n;
  if (k >= sc->n || sc->t[k].kind != NC_T_WORD)
    return false;
  e = sc->t[k].w;
  n = sc->t[k].end - sc->t[k].start;
  if (!e && n > 6 && nc_ascii_lower((unsigned char)sc->s[sc->t[k].end - 1])
                         == 's')
    e = nc_numlex_get(sc->lx, sc->s + sc->t[k].start, n - 1);
  if (!e || !(e->flags & W_WDAY) || (e->flags & W_AMBIG))
    return false;
  *wd = e->wday;
  return true;
}

size_t nc_dates_weekdays(struct nc_vscan *sc, size_t start, size_t k,
                         double n)
{
  struct nc_date ref;
  size_t end;
  int wd, dir, ahead;
  long off;
  if (!weekday_word(sc, k, &wd) || !has_ref(sc) || n < 1 || n > 520 ||
      n != floor(n) || (dir = count_dir(sc, start, k + 1, &end)) == 0)
    return k;
  ref = sc->ctx->ref;
  ahead = (wd - nc_weekday(ref) + 7) % 7;
  if (dir > 0)
    off = (ahead ? ahead : 7) + 7 * ((long)n - 1);
  else
    off = -((ahead ? 7 - ahead : 7) + 7 * ((long)n - 1));
  push_date(sc, start, end, add_days(ref, off), NC_PREC_DAY, true,
            TOL_DAY);
  return end;
}

size_t nc_dates_business(struct nc_vscan *sc, size_t start, size_t k,
                         double n)
{
  struct nc_date ref;
  size_t end, st = start;
  int dir, wd;
  long left, days = 0;
  if (!(word_is(sc, k, "business") || word_is(sc, k, "working")) ||
      !(word_is(sc, k + 1, "days") || word_is(sc, k + 1, "day")) ||
      !has_ref(sc) || n < 1 || n > 520 || n != floor(n))
    return k;
  if ((dir = count_dir(sc, start, k + 2, &end)) == 0) {
    if (start == 0 || !word_is(sc, start - 1, "in") ||
        nc_vtense(sc, start) < 0)
      return k;
    dir = 1;
    st = start - 1;
    end = k + 2;
  }
  ref = sc->ctx->ref;
  wd = nc_weekday(ref);
  for (left = (long)n; left > 0;) {
    days++;
    wd = ((wd + dir) % 7 + 7) % 7;
    if (wd < 5)
      left--;
  }
  push_date(sc, st, end, add_days(ref, dir * days), NC_PREC_DAY, true,
            TOL_DAY);
  return end;
}

bool nc_dates_shift(struct nc_vscan *sc, size_t start, size_t end, long y,
                    long m, long d, int dir, int base)
{
  struct nc_date t;
  int tol = TOL_DAY;
  if (!has_ref(sc) || y > 1000 || m > 12000 || d > 400000)
    return false;
  t = add_days(sc->ctx->ref, base);
  t = add_months(t, dir * (12 * y + m));
  t = add_days(t, dir * d);
  if (y || m)
    tol = TOL_MONTH;
  else if (d >= 7)
    tol = TOL_WEEK;
  push_date(sc, start, end, t, NC_PREC_DAY, true, tol);
  return true;
}

/* "last week", "next month", "this year", with `dir` -1, +1 or 0. */
static size_t period(struct nc_vscan *sc, size_t st, size_t k, int dir)
{
  const struct nc_lexent *u = sc->t[k].w;
  struct nc_date ref = sc->ctx->ref;
  if (u->tmult != 1)
    return st;
  switch (u->tunit) {
  case 'W':
    push_date(sc, st, k + 1, add_days(ref, 7L * dir), NC_PREC_DAY, true,
              TOL_WEEK);
    return k + 1;
  case 'M':
    push_date(sc, st, k + 1, add_months(ymd(ref.y, ref.m, 1), dir),
              NC_PREC_MONTH, true, TOL_MONTH);
    return k + 1;
  case 'Y':
    push_date(sc, st, k + 1, ymd(ref.y + dir, 1, 1), NC_PREC_YEAR, true,
              TOL_YEAR);
    return k + 1;
  case 'D':
    /* "the next day" told of the past is the day after some event */
    if (dir == 0 || (dir > 0 && nc_vtense(sc, st) < 0))
      return st;
    push_date(sc, st, k + 1, add_days(ref, dir), NC_PREC_DAY, true,
              TOL_DAY);
    return k + 1;
  default:
    return st;
  }
}

/* Weekday wd of the week `dir` weeks from the reference week (weeks
 * begin on Monday). */
static struct nc_date week_day(const struct nc_vscan *sc, int wd, int dir)
{
  struct nc_date ref = sc->ctx->ref;
  return add_days(ref, (long)dir * 7 - nc_weekday(ref) + wd);
}

/* "this week", "of next week", "last week" at token k: sets *dir and
 * *end. */
static bool week_words(const struct nc_vscan *sc, size_t k, int *dir,
                       size_t *end)
{
  if (word_is(sc, k, "of"))
    k++;
  if (!word_is(sc, k + 1, "week"))
    return false;
  if (word_is(sc, k, "this"))
    *dir = 0;
  else if (word_is(sc, k, "next"))
    *dir = 1;
  else if (word_is(sc, k, "last"))
    *dir = -1;
  else
    return false;
  *end = k + 2;
  return true;
}

static size_t day_led(struct nc_vscan *sc, size_t i);
static size_t numeric(struct nc_vscan *sc, size_t i);
static size_t month_led(struct nc_vscan *sc, size_t st, size_t i);
static bool day_words(const struct nc_vscan *sc, size_t i, bool cardinal,
                      int *d, size_t *end);
static size_t weekday_day(struct nc_vscan *sc, size_t st, size_t end,
                          int wd, int d);
static bool phrase_end(const struct nc_vscan *sc, size_t k);
static size_t nth_weekday(struct nc_vscan *sc, size_t st, size_t i);
static size_t dotted_day(struct nc_vscan *sc, size_t i, int wd);
static bool day_words_end(const struct nc_vscan *sc, size_t k, bool ord,
                          bool sure);

/* A date after the weekday wd named from st, ending at token k: "Tuesday,
 * Nov. 18", "Wed, 22 of Jan", "Friday 2018-7-6", "friday-jun-15",
 * "Friday the 22nd", "Friday this week".  The date takes the weekday in
 * when the weekday fits it (or its year is written); otherwise both are
 * kept.  Returns the end, or k when no date follows. */
static size_t weekday_tail(struct nc_vscan *sc, size_t st, size_t k, int wd,
                           bool *pushed_wd)
{
  size_t j = k, r = k, end;
  size_t before = sc->out->n;
  bool paren = false;
  int d, dir;
  *pushed_wd = false;
  if (nc_vpunct(sc, j, ',') ||
      (nc_vdash(sc, j, false) && nc_vis(sc, j + 1, W_MONTH)))
    j++;
  else if (nc_vpunct(sc, j, '(') && glued(sc, j + 1)) {
    j++;
    paren = true;
  }
  if (nc_vis(sc, j, W_MONTH) && sc->t[j].kind == NC_T_WORD)
    r = month_led(sc, j, j);
  else if (is_num(sc, j) && ((r = numeric(sc, j)) > j ||
                             (r = day_led(sc, j)) > j ||
                             (r = dotted_day(sc, j, wd)) > j))
    ;
  else if (!paren && word_is(sc, j, "the") &&
           day_words(sc, j + 1, true, &d, &end) &&
           !word_is(sc, end, "of")) {
    return weekday_day(sc, st, end, wd, d);
  } else if (!paren && has_ref(sc) && week_words(sc, k, &dir, &end)) {
    push_date(sc, st, end, week_day(sc, wd, dir), NC_PREC_DAY, true,
              TOL_DAY);
    return end;
  } else {
    return k;
  }
  if (r <= j || sc->out->n == before)
    return k;
  {
    struct nc_mention *m = &sc->out->items[sc->out->n - 1];
    if (m->prec != NC_PREC_DAY)
      return r;
    if (paren) {
      if (!nc_vpunct(sc, r, ')'))
        return r;
      r++;
    }
    if (nc_weekday(m->date) == wd || !m->relative || j > k) {
      m->start = sc->t[st].start;
      if (paren)
        m->end = sc->t[r - 1].end;
      return r;
    }
    *pushed_wd = true;
    return r;
  }
}

/* A weekday at token k, named from token st; dir as in weekday_date.
 * Takes a following part of the day ("Thursday night") or a date. */
static size_t weekday(struct nc_vscan *sc, size_t st, size_t k, int dir)
{
  size_t end = k + 1, r, after;
  const struct nc_lexent *e = sc->t[k].w;
  bool sep;
  /* "Tues. Nov. 18": the full stop belongs to a date that follows */
  after = end;
  if (nc_vpunct(sc, end, '.') && glued(sc, end) && short_name(sc, k))
    after++;
  if ((r = weekday_tail(sc, st, after, e->wday, &sep)) > after && !sep)
    return r;
  if (r == after)
    r = end;
  if ((e->flags & W_AMBIG) &&
      !(nc_vcap(sc, &sc->t[k]) &&
        (nc_vpunct(sc, k + 1, '.') || nc_vpunct(sc, k + 1, ','))) &&
      !((e->flags & W_ABBR) && k > 0 && word_is(sc, k - 1, "on")))
    return r > end ? r : st;
  if (!has_ref(sc))
    return r > end ? r : st;
  if (r == end && nc_vis(sc, end, W_DAYPART) &&
      sc->t[end].kind == NC_T_WORD)
    end++;
  push_date(sc, st, end, weekday_date(sc, e->wday, dir, k), NC_PREC_DAY,
            true, TOL_DAY);
  return r > end ? r : end;
}

/* "last", "next", "this", "coming", "earlier this", "later this". */
static size_t modified(struct nc_vscan *sc, size_t i)
{
  size_t k = i + 1;
  int dir;
  if (word_is(sc, i, "last") || word_is(sc, i, "past"))
    dir = -1;
  else if (word_is(sc, i, "next") || word_is(sc, i, "coming"))
    dir = 1;
  else if (word_is(sc, i, "this"))
    dir = 0;
  else if ((word_is(sc, i, "earlier") || word_is(sc, i, "later")) &&
           word_is(sc, i + 1, "this")) {
    dir = 0;
    k = i + 2;
  } else {
    return i;
  }
  if (!has_ref(sc) || k >= sc->n || !sc->t[k].w ||
      sc->t[k].kind != NC_T_WORD)
    return i;
  if (nc_vis(sc, k, W_WDAY)) {
    if (word_is(sc, i, "past"))
      return i;
    return weekday(sc, i, k, dir);
  }
  if (nc_vis(sc, k, W_MONTH) && nc_vcap(sc, &sc->t[k]) &&
      !word_is(sc, i, "past")) {
    struct nc_date d;
    if (dir == 0)
      d = ymd(sc->ctx->ref.y, sc->t[k].w->month, 1);
    else
      d = month_date(sc, sc->t[k].w->month, dir, true, k);
    push_date(sc, i, k + 1, d, NC_PREC_MONTH, true, TOL_MONTH);
    return k + 1;
  }
  if (word_is(sc, k, "week") && nc_vis(sc, k + 1, W_WDAY) &&
      sc->t[k + 1].kind == NC_T_WORD && !(sc->t[k + 1].w->flags & W_AMBIG)
      && !word_is(sc, i, "past")) {
    /* "next week Sunday" */
    push_date(sc, i, k + 2, week_day(sc, sc->t[k + 1].w->wday, dir),
              NC_PREC_DAY, true, TOL_DAY);
    return k + 2;
  }
  if (nc_vis(sc, k, W_TUNIT) &&
      (!word_is(sc, i, "past") || word_is(sc, k, "day")) &&
      !word_is(sc, k + 1, "of"))
    return period(sc, i, k, dir);
  return i;
}

/* ---- absolute dates ---- */

/* The day after a month name: "18", "18th", with an optional year
 * (", 2025" or " 2025").  Sets *end to the token after. */
static bool day_after_month(const struct nc_vscan *sc, size_t k, int *d,
                            int *y, size_t *end)
{
  size_t c;
  if (!is_int(sc, k, 2))
    return false;
  *d = ival(sc, k);
  if (*d < 1 || *d > 31)
    return false;
  c = k + 1;
  if (glued(sc, c) && nc_vis(sc, c, W_ORDSFX) &&
      sc->t[c].kind == NC_T_WORD)
    c++;
  else if (glued(sc, c) && sc->t[c].kind != NC_T_PUNCT)
    return false;
  if (c < sc->n && (nc_vpunct(sc, c, ':') || nc_vis(sc, c, W_PERCENT)))
    return false;
  *end = c;
  *y = 0;
  if (nc_vpunct(sc, c, ',') && year_tok(sc, c + 1, y))
    *end = c + 2;
  else if (year_tok(sc, c, y))
    *end = c + 1;
  return true;
}

static size_t put_day(struct nc_vscan *sc, size_t st, size_t end, int y,
                      int m, int d)
{
  struct nc_date dt;
  if (y) {
    if (!valid(y, m, d))
      return st;
    push_date(sc, st, end, ymd(y, m, d), NC_PREC_DAY, false, TOL_DAY);
    return end;
  }
  /* no year: it comes from the publication day */
  if (!has_ref(sc) || !nearest_year(sc, m, d, &dt))
    return st;
  push_date(sc, st, end, dt, NC_PREC_DAY, true, TOL_DAY);
  return end;
}

/* A day of the month written as an ordinal at token i: "22nd", "22",
 * "second", "twenty second", "thirty-first"; with `cardinal` also
 * "fifteen", "twenty two".  Sets *d and *end. */
static bool day_words(const struct nc_vscan *sc, size_t i, bool cardinal,
                      int *d, size_t *end)
{
  size_t k = i;
  int v = 0;
  if (is_int(sc, i, 2)) {
    v = ival(sc, i);
    k = i + 1;
    if (glued(sc, k) && nc_vis(sc, k, W_ORDSFX) &&
        sc->t[k].kind == NC_T_WORD)
      k++;
    else if (glued(sc, k) && sc->t[k].kind != NC_T_PUNCT)
      return false;
    else if (!cardinal)
      return false;
  } else {
    if (nc_vis(sc, k, W_TEN) && sc->t[k].kind == NC_T_WORD &&
        sc->t[k].w->num <= 30) {
      v = (int)sc->t[k].w->num;
      k++;
      if (k + 1 < sc->n && sc->t[k].kind == NC_T_PUNCT &&
          nc_vdash(sc, k, false) && sc->t[k + 1].kind == NC_T_WORD)
        k++;
    }
    if (nc_vis(sc, k, W_ORD) && sc->t[k].kind == NC_T_WORD &&
        sc->t[k].w->ord < (v ? 10 : 32)) {
      v += (int)sc->t[k].w->ord;
      k++;
    } else if (cardinal && nc_vis(sc, k, W_UNIT) &&
               sc->t[k].kind == NC_T_WORD && sc->t[k].w->num >= 1 &&
               sc->t[k].w->num < (v ? 10 : 20)) {
      v += (int)sc->t[k].w->num;
      k++;
    } else if (!(cardinal && v > 0)) {
      return false;
    }
  }
  if (v < 1 || v > 31)
    return false;
  *d = v;
  *end = k;
  return true;
}

/* Token k ends a phrase: the end of the text or punctuation that is no
 * part of a number ("on the 27!", "on 22nd."). */
static bool phrase_end(const struct nc_vscan *sc, size_t k)
{
  if (k >= sc->n)
    return true;
  if (sc->t[k].kind != NC_T_PUNCT)
    return false;
  return !(glued(sc, k + 1) && is_num(sc, k + 1)) &&
         !nc_vis(sc, k, W_PERCENT | W_CURSYM);
}

/* Day d of the month alone ("on the 27th"): the latest such day on or
 * before the reference day when the sentence speaks of the past, else
 * the next one on or after it. */
static size_t lone_day(struct nc_vscan *sc, size_t st, size_t end, int d,
                       size_t i)
{
  struct nc_date ref, dt;
  int k, dir;
  if (!has_ref(sc))
    return st;
  ref = sc->ctx->ref;
  dir = nc_vtense(sc, i) > 0 ? 1 : -1;
  for (k = 0; k < 12; k++) {
    struct nc_date m = add_months(ymd(ref.y, ref.m, 1), dir * k);
    if (!valid(m.y, m.m, d))
      continue;
    dt = ymd(m.y, m.m, d);
    if ((dir < 0 && nc_days_from_civil(dt) <= nc_days_from_civil(ref)) ||
        (dir > 0 && nc_days_from_civil(dt) >= nc_days_from_civil(ref))) {
      push_date(sc, st, end, dt, NC_PREC_DAY, true, TOL_DAY);
      return end;
    }
  }
  return st;
}

/* Weekday wd on day d ("Friday the 22nd"): the month nearest the
 * reference day where day d falls on that weekday. */
static size_t weekday_day(struct nc_vscan *sc, size_t st, size_t end,
                          int wd, int d)
{
  struct nc_date ref;
  int k;
  if (!has_ref(sc))
    return st;
  ref = sc->ctx->ref;
  for (k = 0; k < 24; k++) {
    int off = (k % 2 ? 1 : -1) * ((k + 1) / 2);
    struct nc_date m = add_months(ymd(ref.y, ref.m, 1), off);
    if (valid(m.y, m.m, d) && nc_weekday(ymd(m.y, m.m, d)) == wd) {
      push_date(sc, st, end, ymd(m.y, m.m, d), NC_PREC_DAY, true, TOL_DAY);
      return end;
    }
  }
  return st;
}

/* A word before "the" that makes a day of the month of what follows:
 * "on the 27th", "for the second". */
static bool day_intro(const struct nc_vscan *sc, size_t i)
{
  static const char *const w[] = {"on", "for", "by", "until", "till",
                                  "since", "from", "before", "after",
                                  NULL};
  size_t k;
  if (i == 0)
    return false;
  for (k = 0; w[k]; k++) {
    if (word_is(sc, i - 1, w[k]))
      return true;
  }
  return false;
}

/* "the 27th", "the twenty second", "the 27" ending a phrase, "the
 * twenty-second of June", "the day before yesterday", "the next day". */
static size_t the_date(struct nc_vscan *sc, size_t i)
{
  size_t k = i + 1, end;
  int d, y;
  /* each form needs after "the" a number or a listed word that the
   * forms read: "day", "next", "last" or "past" (KW_DATE), an ordinal or
   * a number word (day_words); "the United", "the new" are none */
  if (k >= sc->n ||
      (sc->t[k].kind != NC_T_NUM &&
       !(sc->t[k].w && ((sc->t[k].w->flags & (W_ORD | W_TEN | W_UNIT)) ||
                        (sc->t[k].w->kw & KW_DATE) || word_is(sc, k, "day")))))
    return i;
  if (word_is(sc, k, "day") &&
      (word_is(sc, k + 1, "before") || word_is(sc, k + 1, "after")) &&
      nc_vis(sc, k + 2, W_RELDAY) && has_ref(sc)) {
    int off = sc->t[k + 2].w->reldays +
              (word_is(sc, k + 1, "before") ? -1 : 1);
    push_date(sc, i, k + 3, add_days(sc->ctx->ref, off), NC_PREC_DAY, true,
              TOL_DAY);
    return k + 3;
  }
  if ((word_is(sc, k, "next") || word_is(sc, k, "last") ||
       word_is(sc, k, "past")) && word_is(sc, k + 1, "day")) {
    size_t r = modified(sc, k);
    if (r > k)
      sc->out->items[sc->out->n - 1].start = sc->t[i].start;
    return r > k ? r : i;
  }
  if ((end = nth_weekday(sc, i, k)) > i)
    return end;
  if (!day_words(sc, k, true, &d, &end))
    return i;
  if (word_is(sc, end, "of") && nc_vis(sc, end + 1, W_MONTH) &&
      sc->t[end + 1].kind == NC_T_WORD) {
    const struct nc_lexent *e = sc->t[end + 1].w;
    size_t e2 = end + 2;
    y = 0;
    if (nc_vpunct(sc, e2, ',') && year_tok(sc, e2 + 1, &y))
      e2 += 2;
    else if (year_tok(sc, e2, &y))
      e2++;
    return put_day(sc, i, e2, y, e->month, d);
  }
  if (!phrase_end(sc, end) || !day_intro(sc, i))
    return i;
  return lone_day(sc, i, end, d, i);
}

/* "of July", "of next month", "of this month" at token k: the first day
 * of that month; sets *end.  Without them, the reference month. */
static struct nc_date month_spec(struct nc_vscan *sc, size_t k,
                                 size_t *end)
{
  struct nc_date ref = sc->ctx->ref, first = ymd(ref.y, ref.m, 1);
  int dir;
  *end = k;
  if (!word_is(sc, k, "of"))
    return first;
  if (nc_vis(sc, k + 1, W_MONTH) && sc->t[k + 1].kind == NC_T_WORD &&
      !(sc->t[k + 1].w->flags & W_AMBIG && !nc_vcap(sc, &sc->t[k + 1]))) {
    *end = k + 2;
    return month_date(sc, sc->t[k + 1].w->month, 0, false, k + 1);
  }
  if (!word_is(sc, k + 2, "month"))
    return first;
  if (word_is(sc, k + 1, "this"))
    dir = 0;
  else if (word_is(sc, k + 1, "next"))
    dir = 1;
  else if (word_is(sc, k + 1, "last"))
    dir = -1;
  else
    return first;
  *end = k + 3;
  return add_months(first, dir);
}

/* "first Sunday", "the second Monday of next month": the n-th weekday
 * of a month, the ordinal at token i. */
static size_t nth_weekday(struct nc_vscan *sc, size_t st, size_t i)
{
  struct nc_date m;
  size_t end;
  int n, wd, d;
  if (!has_ref(sc) || !nc_vis(sc, i, W_ORD) || !nc_vis(sc, i + 1, W_WDAY) ||
      sc->t[i].kind != NC_T_WORD || sc->t[i + 1].kind != NC_T_WORD ||
      (sc->t[i + 1].w->flags & W_AMBIG))
    return st;
  n = (int)sc->t[i].w->ord;
  wd = sc->t[i + 1].w->wday;
  if (n < 1 || n > 5)
    return st;
  m = month_spec(sc, i + 2, &end);
  if (end == i + 2)
    end = i + 2;
  d = 1 + (wd - nc_weekday(m) + 7) % 7 + 7 * (n - 1);
  if (!valid(m.y, m.m, d))
    return st;
  push_date(sc, st, end, ymd(m.y, m.m, d), NC_PREC_DAY, true, TOL_DAY);
  return end;
}

/* A day written as an ordinal word or digits at token i: "fourth of
 * May", "twenty-second of June 2017", and alone after "on" ("on 22nd.",
 * "on twenty second?"). */
static size_t ordinal_date(struct nc_vscan *sc, size_t i)
{
  size_t end, e2;
  int d, y = 0;
  if ((e2 = nth_weekday(sc, i, i)) > i)
    return e2;
  if (!day_words(sc, i, false, &d, &end))
    return i;
  if (has_ref(sc) && word_is(sc, end, "of") &&
      word_is(sc, end + 2, "month")) {
    /* "20th of next month" */
    struct nc_date m = month_spec(sc, end, &e2);
    if (e2 == end || !valid(m.y, m.m, d))
      return i;
    push_date(sc, i, e2, ymd(m.y, m.m, d), NC_PREC_DAY, true, TOL_DAY);
    return e2;
  }
  if (word_is(sc, end, "of") && nc_vis(sc, end + 1, W_MONTH) &&
      sc->t[end + 1].kind == NC_T_WORD) {
    const struct nc_lexent *e = sc->t[end + 1].w;
    e2 = end + 2;
    if (nc_vpunct(sc, e2, '.') && glued(sc, e2) && short_name(sc, end + 1) &&
        (year_tok(sc, e2 + 1, &y) || nc_vpunct(sc, e2 + 1, ',')))
      e2++;
    if (nc_vpunct(sc, e2, ',') && year_tok(sc, e2 + 1, &y))
      e2 += 2;
    else if (year_tok(sc, e2, &y))
      e2++;
    return put_day(sc, i, e2, y, e->month, d);
  }
  if (i > 0 && word_is(sc, i - 1, "on") && phrase_end(sc, end))
    return lone_day(sc, i, end, d, i);
  return i;
}

/* Token k ends a sentence: the end of the text, or '.', '!' or '?' not
 * followed by a digit. */
static bool sentence_stop(const struct nc_vscan *sc, size_t k)
{
  return k >= sc->n ||
         ((nc_vpunct(sc, k, '.') || nc_vpunct(sc, k, '!') ||
           nc_vpunct(sc, k, '?')) &&
          phrase_end(sc, k));
}

/* Month and day written as a decimal, "7.6" or "4.22", at token i;
 * false for any other number. */
static bool dotted_md(const struct nc_vscan *sc, size_t i, int *m, int *d)
{
  const struct nc_vtok *t = &sc->t[i];
  const char *p;
  size_t n;
  if (!is_num(sc, i) || !t->dec || t->comma || t->ndig > 2)
    return false;
  p = memchr(sc->s + t->start, '.', t->end - t->start);
  if (!p)
    return false;
  n = (size_t)(sc->s + t->end - p) - 1;
  if (n < 1 || n > 2 || !nc_is_digit((unsigned char)p[1]) ||
      (n == 2 && !nc_is_digit((unsigned char)p[2])))
    return false;
  *m = (int)t->num;
  *d = p[1] - '0';
  if (n == 2)
    *d = *d * 10 + (p[2] - '0');
  return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* After "on", a number that ends the sentence ("the vote will be held
 * on 15.", "we meet on 4.22", "on 4-22."): a day of the month, or a
 * month and day written as a decimal or with a hyphen.  Inside a
 * sentence "on 15" is a count ("voted on 15 bills", "agreed on 15, not
 * 20"). */
static size_t on_day(struct nc_vscan *sc, size_t i)
{
  int d, m;
  if (i == 0 || !word_is(sc, i - 1, "on"))
    return i;
  if (is_int(sc, i, 2) && nc_vpunct(sc, i + 1, '-') && glued(sc, i + 1) &&
      glued(sc, i + 2) && is_int(sc, i + 2, 2) && sentence_stop(sc, i + 3)) {
    /* "on 4-22." */
    m = ival(sc, i);
    d = ival(sc, i + 2);
    if (m < 1 || m > 12 || d < 1 || d > 31)
      return i;
    return put_day(sc, i, i + 3, 0, m, d);
  }
  if (!sentence_stop(sc, i + 1))
    return i;
  if (dotted_md(sc, i, &m, &d))
    return put_day(sc, i, i + 1, 0, m, d);
  if (!is_int(sc, i, 2))
    return i;
  d = ival(sc, i);
  if (d < 1 || d > 31)
    return i;
  return lone_day(sc, i, i + 1, d, i);
}

/* "Friday 7.6": month and day written as a decimal after weekday wd, kept
 * only when that day (in the year nearest the reference day) is such a
 * weekday and the phrase ends there or a word like "with" follows; any
 * other decimal after a weekday is a number ("on Friday 7.6 million"). */
static size_t dotted_day(struct nc_vscan *sc, size_t i, int wd)
{
  int m, d;
  struct nc_date dt;
  if (!has_ref(sc) || !dotted_md(sc, i, &m, &d) ||
      !day_words_end(sc, i + 1, false, true))
    return i;
  if (!nearest_year(sc, m, d, &dt) || nc_weekday(dt) != wd)
    return i;
  push_date(sc, i, i + 1, dt, NC_PREC_DAY, true, TOL_DAY);
  return i + 1;
}

/* A number from 1 to 99 in words at token k ("nineteen", "seventy
 * eight", "forty-two"); sets *end.  0 when none. */
static int words99(const struct nc_vscan *sc, size_t k, size_t *end)
{
  int v = 0;
  if (nc_vis(sc, k, W_TEN) && sc->t[k].kind == NC_T_WORD) {
    v = (int)sc->t[k].w->num;
    k++;
    if (nc_vdash(sc, k, false) && nc_vis(sc, k + 1, W_UNIT))
      k++;
    if (nc_vis(sc, k, W_UNIT) && sc->t[k].kind == NC_T_WORD &&
        sc->t[k].w->num >= 1 && sc->t[k].w->num <= 9) {
      v += (int)sc->t[k].w->num;
      k++;
    }
  } else if (nc_vis(sc, k, W_UNIT) && sc->t[k].kind == NC_T_WORD &&
             sc->t[k].w->num >= 1) {
    v = (int)sc->t[k].w->num;
    k++;
  }
  *end = k;
  return v;
}

/* A year in words after a day, from token k (a comma first is taken):
 * "nineteen seventy eight", "nineteen zero one", "twenty twenty".  Sets
 * *y and returns the end, or returns k with *y untouched. */
static size_t year_words(const struct nc_vscan *sc, size_t k, int *y)
{
  size_t j = k, e;
  int hi, lo;
  if (nc_vpunct(sc, j, ','))
    j++;
  hi = words99(sc, j, &e);
  if (hi < 10 || e == j + 2 || e == j + 3)
    return k; /* "nineteen" or "twenty", not "twenty-one" */
  j = e;
  if ((word_is(sc, j, "zero") || word_is(sc, j, "oh")) &&
      (lo = words99(sc, j + 1, &e)) >= 1 && lo <= 9 && e == j + 2) {
    *y = hi * 100 + lo;
    return e;
  }
  if (word_is(sc, j, "hundred")) {
    *y = hi * 100;
    return j + 1;
  }
  lo = words99(sc, j, &e);
  if (lo < 10)
    return k;
  *y = hi * 100 + lo;
  return e;
}

/* Token k may end a day written in words after a month, the day an
 * ordinal (`ord`) or a cardinal: "June twenty-second.", "June twenty two
 * with Jim", "jan first".  A cardinal needs the phrase to end or a word
 * that begins no count ("with", "at"), so "in June two officials" is no
 * day; a month that is also a common word and written in lower case
 * ("may", "march") needs the text or sentence to end, not a comma ("you
 * may first, however, ..."). */
static bool day_words_end(const struct nc_vscan *sc, size_t k, bool ord,
                          bool sure)
{
  static const char *const next[] = {"with", "at", "for", "before",
                                     "after", "until", "when", NULL};
  size_t j;
  if (!sure)
    return k >= sc->n ||
           (phrase_end(sc, k) && !nc_vpunct(sc, k, ',') &&
            !nc_vpunct(sc, k, '-') && !nc_vpunct(sc, k, '('));
  if (phrase_end(sc, k))
    return true;
  if (ord)
    return false;
  for (j = 0; next[j]; j++) {
    if (word_is(sc, k, next[j]))
      return true;
  }
  return false;
}

/* "Nov. 18", "November 18, 2025", "May 2025", "Oct-2", "in May". */
static size_t month_led(struct nc_vscan *sc, size_t st, size_t i)
{
  const struct nc_lexent *e = sc->t[i].w;
  size_t k = i + 1, end;
  int d, y;

  if (nc_vpunct(sc, k, '.') && glued(sc, k))
    k++;
  else if (k < sc->n && glued(sc, k) && sc->t[k].kind == NC_T_PUNCT &&
           sc->s[sc->t[k].start] == '-' && is_num(sc, k + 1) &&
           glued(sc, k + 1))
    k++;
  if (day_after_month(sc, k, &d, &y, &end)) {
    if (!y)
      end = year_words(sc, end, &y);
    return put_day(sc, st, end, y, e->month, d);
  }
  {
    /* "Jan first", "October, 1st", "jan twenty two, 2018": a day in
     * words ends the phrase or is followed by the year (a month that is
     * also a word, "may", needs a capital or the year) */
    bool sure = !(e->flags & W_AMBIG) || nc_vcap(sc, &sc->t[i]);
    size_t k2 = k;
    bool ord = true;
    if ((nc_vpunct(sc, k2, ',') && is_num(sc, k2 + 1)) ||
        word_is(sc, k2, "the"))
      k2++;
    if (!day_words(sc, k2, false, &d, &end)) {
      ord = false;
      if (k2 != k || !day_words(sc, k2, true, &d, &end) || is_num(sc, k2))
        end = 0;
    }
    if (end && word_is(sc, k, "the") && !ord)
      end = 0;
    if (end) {
      size_t e2;
      y = 0;
      if ((e2 = year_words(sc, end, &y)) > end)
        return put_day(sc, st, e2, y, e->month, d);
      if (nc_vpunct(sc, end, ',') && year_tok(sc, end + 1, &y))
        return put_day(sc, st, end + 2, y, e->month, d);
      if (year_tok(sc, end, &y))
        return put_day(sc, st, end + 1, y, e->month, d);
      if (day_words_end(sc, end, ord, sure))
        return put_day(sc, st, end, 0, e->month, d);
    }
  }
  if (word_is(sc, k, "of") && year_tok(sc, k + 1, &y))
    k++;
  else if (nc_vpunct(sc, k, ',') && year_tok(sc, k + 1, &y))
    k++;
  if (year_tok(sc, k, &y) &&
      !(e->flags & W_AMBIG && !nc_vcap(sc, &sc->t[i]))) {
    push_date(sc, st, k + 1, ymd(y, e->month, 1), NC_PREC_MONTH, false,
              TOL_DAY);
    return k + 1;
  }
  /* the month alone, after "in", "since", "by", "mid-" ... */
  if (!has_ref(sc) || !nc_vcap(sc, &sc->t[i]) || i == 0 || st != i)
    return st;
  if (!(nc_vis(sc, i - 1, W_MONTHCTX) && sc->t[i - 1].kind == NC_T_WORD) &&
      !(sc->t[i - 1].kind == NC_T_PUNCT && glued(sc, i) &&
        word_is(sc, i - 2, "mid")))
    return st;
  push_date(sc, st, i + 1, month_date(sc, e->month, 0, false, i),
            NC_PREC_MONTH, true, TOL_MONTH);
  return i + 1;
}

/* "18 November 2025", "18th of November". */
static size_t day_led(struct nc_vscan *sc, size_t i)
{
  size_t k = i + 1, end;
  int d, y = 0;
  const struct nc_lexent *e;

  if (!is_int(sc, i, 2))
    return i;
  d = ival(sc, i);
  if (d < 1 || d > 31)
    return i;
  if (glued(sc, k) && nc_vis(sc, k, W_ORDSFX))
    k++;
  else if (glued(sc, k))
    return i;
  if (word_is(sc, k, "of"))
    k++;
  if (!nc_vis(sc, k, W_MONTH) || sc->t[k].kind != NC_T_WORD)
    return i;
  e = sc->t[k].w;
  end = k + 1;
  /* the full stop of "18 Nov. 2025"; one ending the phrase is left out */
  if (nc_vpunct(sc, end, '.') && glued(sc, end) && short_name(sc, k) &&
      (year_tok(sc, end + 1, &y) || nc_vpunct(sc, end + 1, ',')))
    end++;
  y = 0;
  if (nc_vpunct(sc, end, ',') && year_tok(sc, end + 1, &y))
    end += 2;
  else if (year_tok(sc, end, &y))
    end++;
  return put_day(sc, i, end, y, e->month, d);
}

static int full_year(int y, int ndig)
{
  if (ndig == 4)
    return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

/* "2025-11-18", "2015/08/12", "11/18/2025", "21/04/16", "18.11.2025",
 * and "4/22" when the day makes it no fraction. */
static size_t numeric(struct nc_vscan *sc, size_t i)
{
  char sep;
  int a, b, c, y, m, d;
  size_t end;

  if (!is_int(sc, i, 4) || i + 2 >= sc->n || !glued(sc, i + 1) ||
      !glued(sc, i + 2) || !is_int(sc, i + 2, 2) ||
      sc->t[i + 1].kind != NC_T_PUNCT ||
      sc->t[i + 1].end - sc->t[i + 1].start != 1)
    return i;
  sep = sc->s[sc->t[i + 1].start];
  if (sep != '-' && sep != '/' && sep != '.')
    return i;
  a = ival(sc, i);
  b = ival(sc, i + 2);
  if (nc_vpunct(sc, i + 3, sep) && glued(sc, i + 3) && glued(sc, i + 4) &&
      is_int(sc, i + 4, 4) &&
      (sc->t[i + 4].ndig == 4 || sc->t[i + 4].ndig == 2 ||
       sc->t[i].ndig == 4)) {
    c = ival(sc, i + 4);
    end = i + 5;
    if (glued(sc, end) && (sc->t[end].kind != NC_T_PUNCT ||
                           is_num(sc, end + 1)))
      return i;
    if (sc->t[i].ndig == 4) {
      y = a, m = b, d = c;
      if (sc->t[i + 4].ndig != 2 && sc->t[i + 4].ndig != 1)
        return i;
    } else {
      if (sc->t[i].ndig > 2)
        return i;
      y = full_year(c, sc->t[i + 4].ndig);
      if (sep == '.' || a > 12)
        d = a, m = b;
      else
        m = a, d = b;
    }
    if (!valid(y, m, d))
      return i;
    push_date(sc, i, end, ymd(y, m, d), NC_PREC_DAY, false, TOL_DAY);
    return end;
  }
  /* month/day or day/month without a year, when the day makes it no
   * fraction: "4/22", "22/04" */
  if (sep != '/' || sc->t[i].ndig > 2 || sc->t[i + 2].ndig != 2 ||
      (glued(sc, i + 3) && sc->t[i + 3].kind != NC_T_PUNCT) ||
      nc_vpunct(sc, i + 3, '/'))
    return i;
  if (a >= 1 && a <= 12 && b > 12 && b <= 31)
    return put_day(sc, i, i + 3, 0, a, b);
  if (a > 12 && a <= 31 && b >= 1 && b <= 12)
    return put_day(sc, i, i + 3, 0, b, a);
  return i;
}

/* "2019-sep-1": year, month name and day joined by hyphens. */
static size_t year_month_day(struct nc_vscan *sc, size_t i)
{
  int y, d;
  if (!year_tok(sc, i, &y) || !nc_vpunct(sc, i + 1, '-') ||
      !glued(sc, i + 1) || !glued(sc, i + 2) || !nc_vis(sc, i + 2, W_MONTH) ||
      sc->t[i + 2].kind != NC_T_WORD || !nc_vpunct(sc, i + 3, '-') ||
      !glued(sc, i + 3) || !glued(sc, i + 4) || !is_int(sc, i + 4, 2) ||
      (glued(sc, i + 5) && sc->t[i + 5].kind != NC_T_PUNCT))
    return i;
  d = ival(sc, i + 4);
  if (!valid(y, sc->t[i + 2].w->month, d))
    return i;
  push_date(sc, i, i + 5, ymd(y, sc->t[i + 2].w->month, d), NC_PREC_DAY,
            false, TOL_DAY);
  return i + 5;
}

/* "1990s", "1990's", with "mid-", "early" or "late" before from st. */
static size_t decade(struct nc_vscan *sc, size_t st, size_t i, bool mod)
{
  struct nc_mention *m;
  size_t k = i + 1;
  int y;

  if (!is_int(sc, i, 4) || sc->t[i].ndig != 4)
    return st;
  y = ival(sc, i);
  if (y % 10 != 0 || y < 1000 || y > 2990 || !glued(sc, k))
    return st;
  if (k < sc->n && sc->t[k].kind == NC_T_PUNCT && glued(sc, k + 1) &&
      (nc_vpunct(sc, k, '\'') ||
       (sc->t[k].end - sc->t[k].start == 3 &&
        memcmp(sc->s + sc->t[k].start, "\xe2\x80\x99", 3) == 0)))
    k++;
  if (!word_is(sc, k, "s"))
    return st;
  m = push_date(sc, st, k + 1, ymd(y, 1, 1), NC_PREC_DECADE, false,
                TOL_DAY);
  if (mod)
    m->approx = NC_APPROX_ABOUT;
  return k + 1;
}

/* A word after a year that shows it was a count: "2000 troops". */
static bool counted_after(const struct nc_vscan *sc, size_t k)
{
  const struct nc_vtok *t;
  size_t n;
  if (k >= sc->n || sc->t[k].kind != NC_T_WORD)
    return false;
  t = &sc->t[k];
  if (t->w && (t->w->flags & (W_TUNIT | W_SCALE | W_PERCENT | W_CURNAME |
                              W_SUFFIX)))
    return true;
  n = t->end - t->start;
  return !nc_vcap(sc, t) && n > 3 && sc->s[t->end - 1] == 's' &&
         sc->s[t->end - 2] != 's' && !(t->w && (t->w->flags & W_PAST));
}

/* A bare year after a word that introduces one ("in 1992", "since 1992",
 * "by 2030", "mid-2024"); "2019-2021" after it makes a range. */
static size_t bare_year(struct nc_vscan *sc, size_t st, size_t i,
                        bool ctx)
{
  struct nc_mention *m;
  int y, y2;
  if (!year_tok(sc, i, &y) || y < 1800 || y > 2100 ||
      counted_after(sc, i + 1))
    return st;
  if (!ctx) {
    if (i == 0 || !(nc_vis(sc, i - 1, W_YEARCTX) &&
                    sc->t[i - 1].kind == NC_T_WORD))
      return st;
  }
  m = push_date(sc, st, i + 1, ymd(y, 1, 1), NC_PREC_YEAR, false, TOL_DAY);
  if (i + 2 < sc->n && sc->t[i + 1].kind == NC_T_PUNCT &&
      (nc_vpunct(sc, i + 1, '-') ||
       (sc->t[i + 1].end - sc->t[i + 1].start == 3 &&
        memcmp(sc->s + sc->t[i + 1].start, "\xe2\x80\x93", 3) == 0)) &&
      glued(sc, i + 2) && is_int(sc, i + 2, 4) &&
      (sc->t[i + 2].ndig == 4 || sc->t[i + 2].ndig == 2)) {
    y2 = ival(sc, i + 2);
    if (sc->t[i + 2].ndig == 2)
      y2 += y / 100 * 100;
    if (y2 > y && y2 - y < 100) {
      m->approx = NC_APPROX_RANGE;
      m->date2 = ymd(y2, 1, 1);
      m->end = sc->t[i + 2].end;
      return i + 3;
    }
  }
  return i + 1;
}

size_t nc_dates_at(struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t;
  const struct nc_lexent *e;
  size_t k;

  if (i >= sc->n)
    return i;
  t = &sc->t[i];
  e = t->w;
  if (t->kind == NC_T_NUM) {
    /* a decimal, a number with separators or of five digits or more can
     * only be a day after "on" ("on 4.22.") */
    bool joined = glued(sc, i + 1), on = i > 0 && word_is(sc, i - 1, "on");
    int nd = t->ndig;
    if (!is_int(sc, i, 4))
      return on ? on_day(sc, i) : i;
    /* what each form needs first: the numeric forms a mark glued to the
     * number ("2025-11-18"), a decade ("1990s") or a day as an ordinal
     * ("22nd") a glued word, a day before its month two digits at most
     * and a listed word or "of" after them, a year four digits, a day
     * alone "on" before it; most numbers pass few */
    if ((joined && sc->t[i + 1].kind == NC_T_PUNCT &&
         ((k = numeric(sc, i)) > i || (k = year_month_day(sc, i)) > i)) ||
        (nd <= 2 && i + 1 < sc->n &&
         (sc->t[i + 1].w || word_is(sc, i + 1, "of")) &&
         (k = day_led(sc, i)) > i) ||
        (joined && nd == 4 && (k = decade(sc, i, i, false)) > i) ||
        (nd == 4 && (k = bare_year(sc, i, i, false)) > i) ||
        (joined && nd <= 2 && (k = ordinal_date(sc, i)) > i) ||
        (on && (k = on_day(sc, i)) > i))
      return k;
    return i;
  }
  /* every word that can begin a date has a lexicon entry, with a date
   * role or marked KW_DATE */
  if (t->kind != NC_T_WORD || !e ||
      (!(e->flags & (W_ORD | W_TEN | W_MONTH | W_WDAY | W_RELDAY)) &&
       !(e->kw & KW_DATE)))
    return i;
  /* the words these rules name ("the", "last", "mid" ...) are KW_DATE
   * (mark_begins): a month, a weekday, "today" or an ordinal passes them
   * by its entry, not by a test of its text for each */
  if ((e->kw & KW_DATE) && word_is(sc, i, "the"))
    return the_date(sc, i);
  if ((e->flags & (W_ORD | W_TEN)) && (k = ordinal_date(sc, i)) > i)
    return k;
  if ((e->kw & KW_DATE) && (k = modified(sc, i)) > i)
    return k;
  /* "mid-1990s", "early 2000s", "mid-2024" */
  if ((e->kw & KW_DATE) && (word_is(sc, i, "mid") || word_is(sc, i, "early") ||
                            word_is(sc, i, "late"))) {
    k = i + 1;
    if (k < sc->n && sc->t[k].kind == NC_T_PUNCT && glued(sc, k) &&
        glued(sc, k + 1))
      k++;
    if (is_num(sc, k)) {
      size_t r = decade(sc, i, k, true);
      if (r > i)
        return r;
      if (k == i + 2)
        return bare_year(sc, i, k, true);
    }
    return i;
  }
  if (!e)
    return i;
  if (e->flags & W_MONTH) {
    /* "Tuesday, Nov. 18" is handled from the weekday */
    return month_led(sc, i, i);
  }
  if (e->flags & W_WDAY)
    return weekday(sc, i, i, 0);
  if ((e->flags & W_RELDAY) && has_ref(sc)) {
    k = i + 1;
    if (nc_vis(sc, k, W_DAYPART) && sc->t[k].kind == NC_T_WORD &&
        !word_is(sc, i, "tonight"))
      k++;
    push_date(sc, i, k, add_days(sc->ctx->ref, e->reldays), NC_PREC_DAY,
              true, TOL_DAY);
    return k;
  }
  return i;
}
