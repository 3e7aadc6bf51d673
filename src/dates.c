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

static bool word_is(const struct nc_vscan *sc, size_t i, const char *w)
{
  return i < sc->n && sc->t[i].kind == NC_T_WORD &&
         nc_ascii_eq(sc->s + sc->t[i].start, sc->t[i].end - sc->t[i].start,
                     w);
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

static bool sentence_end(const struct nc_vscan *sc, size_t j)
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
 * not on the list of "-ed" words that are no past tense. */
static bool past_at(const struct nc_vscan *sc, size_t j)
{
  const struct nc_vtok *t = &sc->t[j];
  size_t n = t->end - t->start;
  if (t->kind != NC_T_WORD)
    return false;
  if (t->w && (t->w->flags & W_PAST))
    return !(word_is(sc, j, "won") && glued(sc, j + 1));
  if (t->w && (t->w->flags & W_EDX))
    return false;
  return n >= 5 && !t->cap && sc->s[t->end - 2] == 'e' &&
         sc->s[t->end - 1] == 'd';
}

/* The nearest tense marker around token i wins: +1 future ("will",
 * "is expected to", present tense in a "when" clause), -1 past ("said",
 * "-ed" verbs), 0 when the sentence has neither.  A heuristic, looking at
 * most TENSE_WINDOW tokens each way inside the sentence. */
int nc_vtense(const struct nc_vscan *sc, size_t i)
{
  size_t j, df = SIZE_MAX, dp = SIZE_MAX;
  bool clause = true;

  for (j = i; j-- > 0 && i - j <= TENSE_WINDOW;) {
    if (sentence_end(sc, j))
      break;
    if (df == SIZE_MAX && future_at(sc, j))
      df = i - j;
    if (dp == SIZE_MAX && past_at(sc, j))
      dp = i - j;
    if (nc_vpunct(sc, j, ','))
      clause = false;
    /* "when the minister visits on Monday": a present-tense clause of
     * time speaks of the future, whatever the main clause says */
    if (clause && dp == SIZE_MAX && df == SIZE_MAX &&
        nc_vis(sc, j, W_WHEN) && sc->t[j].kind == NC_T_WORD)
      return 1;
  }
  for (j = i + 1; j < sc->n && j - i <= TENSE_WINDOW; j++) {
    if (sentence_end(sc, j))
      break;
    if (future_at(sc, j) && j - i < df)
      df = j - i;
    if (past_at(sc, j) && j - i < dp)
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
    d = add_months(ref, dir * k);
    push_date(sc, start, end, d, NC_PREC_MONTH, true, TOL_MONTH);
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
  default:
    return st;
  }
}

/* A weekday at token k, named from token st; dir as in weekday_date.
 * Takes a following part of the day ("Thursday night"). */
static size_t weekday(struct nc_vscan *sc, size_t st, size_t k, int dir)
{
  size_t end = k + 1;
  const struct nc_lexent *e = sc->t[k].w;
  if ((e->flags & W_AMBIG) &&
      !(sc->t[k].cap &&
        (nc_vpunct(sc, k + 1, '.') || nc_vpunct(sc, k + 1, ','))))
    return st;
  if (!has_ref(sc))
    return st;
  if (nc_vpunct(sc, end, '.') && glued(sc, end) && short_name(sc, k))
    end++;
  if (nc_vis(sc, end, W_DAYPART) && sc->t[end].kind == NC_T_WORD)
    end++;
  push_date(sc, st, end, weekday_date(sc, e->wday, dir, k), NC_PREC_DAY,
            true, TOL_DAY);
  return end;
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
  if (nc_vis(sc, k, W_MONTH) && sc->t[k].cap && !word_is(sc, i, "past")) {
    struct nc_date d;
    if (dir == 0)
      d = ymd(sc->ctx->ref.y, sc->t[k].w->month, 1);
    else
      d = month_date(sc, sc->t[k].w->month, dir, true, k);
    push_date(sc, i, k + 1, d, NC_PREC_MONTH, true, TOL_MONTH);
    return k + 1;
  }
  if (nc_vis(sc, k, W_TUNIT) && !word_is(sc, i, "past") &&
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
  if (day_after_month(sc, k, &d, &y, &end))
    return put_day(sc, st, end, y, e->month, d);
  if (word_is(sc, k, "of") && year_tok(sc, k + 1, &y))
    k++;
  else if (nc_vpunct(sc, k, ',') && year_tok(sc, k + 1, &y))
    k++;
  if (year_tok(sc, k, &y) && !(e->flags & W_AMBIG && !sc->t[i].cap)) {
    push_date(sc, st, k + 1, ymd(y, e->month, 1), NC_PREC_MONTH, false,
              TOL_DAY);
    return k + 1;
  }
  /* the month alone, after "in", "since", "by", "mid-" ... */
  if (!has_ref(sc) || !sc->t[i].cap || i == 0 || st != i)
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
  if (nc_vpunct(sc, end, '.') && glued(sc, end) && short_name(sc, k))
    end++;
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
      (sc->t[i + 4].ndig == 4 || sc->t[i + 4].ndig == 2)) {
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
  /* month/day without a year */
  if (sep != '/' || sc->t[i].ndig > 2 || a < 1 || a > 12 || b <= 12 ||
      b > 31 || (glued(sc, i + 3) && sc->t[i + 3].kind != NC_T_PUNCT) ||
      nc_vpunct(sc, i + 3, '/'))
    return i;
  return put_day(sc, i, i + 3, 0, a, b);
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
  return !t->cap && n > 3 && sc->s[t->end - 1] == 's' &&
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
    if ((k = numeric(sc, i)) > i || (k = day_led(sc, i)) > i ||
        (k = decade(sc, i, i, false)) > i ||
        (k = bare_year(sc, i, i, false)) > i)
      return k;
    return i;
  }
  /* every word that can begin a date has a lexicon entry */
  if (t->kind != NC_T_WORD || !e)
    return i;
  if ((k = modified(sc, i)) > i)
    return k;
  /* "mid-1990s", "early 2000s", "mid-2024" */
  if (word_is(sc, i, "mid") || word_is(sc, i, "early") ||
      word_is(sc, i, "late")) {
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
  if (e->flags & W_WDAY) {
    k = i + 1;
    if (nc_vpunct(sc, k, ','))
      k++;
    if (nc_vis(sc, k, W_MONTH) && sc->t[k].kind == NC_T_WORD) {
      size_t r = month_led(sc, k, k);
      if (r > k) {
        struct nc_mention *m = &sc->out->items[sc->out->n - 1];
        if (m->prec == NC_PREC_DAY) {
          m->start = t->start;
          return r;
        }
        return r;
      }
    }
    return weekday(sc, i, i, 0);
  }
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
