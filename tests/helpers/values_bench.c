/* values_bench.c: times the recognizers over news text.  Usage:
 * values_bench MB FILE...  Reads the files, repeats them to about MB
 * megabytes, cuts the text into sentences (at ". ", "! ", "? " and line
 * ends) and prints the throughput in MB/s of the value recognizer alone
 * (nc_values_find) and of the whole of nc_mentions_find (values, names,
 * merge), timed in processor time so that other work on the machine does
 * not count (the figure is per core). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mentions_int.h"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
  struct nc_lexicon *lex;
  struct nc_numlex *num;
  struct nc_error err;
  struct nc_mentions ms = {0};
  struct nc_mention_ctx ctx;
  char *text = NULL;
  size_t len = 0, cap = 0, want, i, start, nsent = 0, nment = 0;
  double t0, t1;
  int a, rounds, pass;

  if (argc < 3) {
    fprintf(stderr, "usage: values_bench MB FILE...\n");
    return 2;
  }
  want = (size_t)(strtod(argv[1], NULL) * 1e6);
  if (nc_lexicon_load(NC_DATADIR "/lexicon", &lex, &err) != NC_OK) {
    fprintf(stderr, "values_bench: %s: %s\n", err.file, err.msg);
    return 2;
  }
  for (rounds = 0; len < want && rounds < 100000; rounds++) {
    for (a = 2; a < argc; a++) {
      char *data = NULL;
      size_t n = 0;
      if (nc_read_file(argv[a], NC_MAX_INPUT_BYTES, &data, &n, &err) !=
          NC_OK) {
        fprintf(stderr, "values_bench: %s: %s\n", argv[a], err.msg);
        return 2;
      }
      nc_grow(&text, &cap, len + n + 1, 1);
      memcpy(text + len, data, n);
      len += n;
      text[len++] = '\n';
      free(data);
    }
  }
  ctx.has_ref = nc_date_parse("2025-11-18", &ctx.ref);
  if (nc_numlex_load(NC_DATADIR "/lexicon", &num, &err) != NC_OK) {
    fprintf(stderr, "values_bench: %s: %s\n", err.file, err.msg);
    return 2;
  }
  for (pass = 0; pass < 2; pass++) {
    nsent = nment = 0;
    t0 = now();
    for (i = 0, start = 0; i <= len; i++) {
      int cut = i == len || text[i] == '\n' ||
                ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                 i + 1 < len && text[i + 1] == ' ');
      size_t n = (i < len ? i + 1 : len) - start;
      if (!cut)
        continue;
      if (i > start) {
        nc_mentions_clear(&ms);
        if (pass == 0)
          nc_values_find(num, text + start, n, &ctx, &ms);
        else
          nc_mentions_find(lex, text + start, n, &ctx, &ms);
        nment += ms.n;
        nsent++;
      }
      start = i + 1;
    }
    t1 = now();
    printf("%-16s %.2f MB, %zu sentences, %zu mentions, %.3f s: "
           "%.1f MB/s\n",
           pass == 0 ? "nc_values_find" : "nc_mentions_find",
           (double)len / 1e6, nsent, nment, t1 - t0,
           (double)len / 1e6 / (t1 - t0));
  }
  nc_numlex_free(num);
  nc_mentions_free(&ms);
  nc_lexicon_free(lex);
  free(text);
  return 0;
}
