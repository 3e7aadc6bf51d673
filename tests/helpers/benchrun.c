/* benchrun.c: time a command as a whole process.  Runs it N times (after
 * one warm-up run), each with its output sent to /dev/null, and prints the
 * minimum, median and maximum wall time, the median processor time (user
 * plus system, from wait4) and the largest peak resident set (wait4's
 * ru_maxrss).  Used by the scripts of tests/bench.
 *
 *   benchrun N COMMAND [ARG...] */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* One run: wall and processor seconds in *wall and *cpu, peak RSS in KiB
 * in *rss; false when the command could not run or exited with 2 or
 * more. */
static int run_once(char **argv, double *wall, double *cpu, long *rss)
{
  struct rusage ru;
  int status;
  double t0 = now();
  pid_t pid = fork();
  if (pid < 0)
    return 0;
  if (pid == 0) {
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0)
    return 0;
  *wall = now() - t0;
  *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  *rss = ru.ru_maxrss;
  return WIFEXITED(status) && WEXITSTATUS(status) < 2;
}

int main(int argc, char **argv)
{
  long n, i, peak = 0;
  double *t, *c;

  if (argc < 3) {
    fprintf(stderr, "usage: benchrun N COMMAND [ARG...]\n");
    return 2;
  }
  n = strtol(argv[1], NULL, 10);
  if (n < 1 || n > 10000) {
    fprintf(stderr, "benchrun: N must be 1 to 10000\n");
    return 2;
  }
  t = calloc((size_t)n, sizeof *t);
  c = calloc((size_t)n, sizeof *c);
  if (!t || !c)
    return 2;
  {
    double w, u;
    long r;
    if (!run_once(argv + 2, &w, &u, &r)) {
      fprintf(stderr, "benchrun: %s failed\n", argv[2]);
      return 1;
    }
  }
  for (i = 0; i < n; i++) {
    long r = 0;
    if (!run_once(argv + 2, &t[i], &c[i], &r)) {
      fprintf(stderr, "benchrun: %s failed\n", argv[2]);
      return 1;
    }
    if (r > peak)
      peak = r;
  }
  qsort(t, (size_t)n, sizeof *t, cmp);
  qsort(c, (size_t)n, sizeof *c, cmp);
  printf("runs %ld  wall ms: min %.2f  median %.2f  max %.2f  cpu ms: "
         "median %.2f  peak RSS %.1f MiB\n",
         n, t[0] * 1e3, t[n / 2] * 1e3, t[n - 1] * 1e3, c[n / 2] * 1e3,
         (double)peak / 1024);
  free(t);
  free(c);
  return 0;
}
