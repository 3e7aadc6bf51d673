/* benchrun.c: time a command as a whole process.  Runs it N times (after
 * one warm-up run), each with its output sent to /dev/null, and prints the
 * minimum, median and maximum wall time, the median processor time (user
 * plus system, from wait4) and the largest peak resident set (wait4's
 * ru_maxrss).  Used by the scripts of tests/bench.
 *
 *   benchrun [-p] N COMMAND [ARG...]
 *
 * With -p, the runs are told apart by whether they had a whole processor
 * core.  On a shared virtual machine a core is at times shared with
 * another tenant's program (the host's two hardware threads of one core):
 * code that keeps the core's execution units busy then runs up to 1.6
 * times slower, while code that waits on one chain of results does not.
 * So benchrun pins itself and the command to the processor it is on, and
 * before each run and after the last times a probe (see probe()): about
 * 1 on a whole core, about 2 on a shared one.  A run had the core to
 * itself when the probes on both sides of it were at most PROBE_SLACK;
 * the median of those runs is reported apart, when there are at least
 * MIN_WHOLE of them. */
#define _GNU_SOURCE /* sched_getcpu, CPU_SET */
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
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

/* A run counts as on a whole core when the probes on both sides of it
 * are at most this: about 1 on a whole core, 2 on a shared one. */
#define PROBE_SLACK 1.25
/* Runs on a whole core needed for their median to be printed: one or two
 * next to a fast probe may still have shared the core in part. */
#define MIN_WHOLE 5
/* Rounds of the probe's counting loop (about 3.5 ms on a whole core
 * here); its multiply chain has a quarter as many. */
#define PROBE_ROUNDS 10000000L

static double thread_cpu(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The core's state, as the time of a loop that does nothing but count
 * over the time of a chain of multiply-adds, each waiting on the last.
 *  - A whole core runs the counting loop at one round a cycle, the rate
 *    at which it starts the taken branch that closes each round; a core
 *    shared with a second hardware thread gives each thread its front
 *    end every other cycle, and the loop takes about twice as long,
 *    whatever the other thread does.  (A loop of arithmetic, tried
 *    first, slows only as far as the other thread uses the same units,
 *    and told the two states apart less clearly.)
 *  - The chain takes four cycles a round (a multiply of three cycles and
 *    an add of one, on the x86-64 processors of the last decade) however
 *    the core is shared, as it waits on its own results: with a quarter
 *    of the rounds it takes as long as the counting loop on a whole core.
 * So the quotient is about 1 on a whole core and 2 on a shared one,
 * whatever the clock.  The empty volatile asm statements keep the values
 * in registers and the loops from being folded away. */
static double probe(void)
{
  double t0, t1, t2;
  uint64_t x = 1;
  long i;

  t0 = thread_cpu();
  for (i = 0; i < PROBE_ROUNDS; i++)
    __asm__ volatile("" : "+r"(i));
  t1 = thread_cpu();
  for (i = 0; i < PROBE_ROUNDS / 4; i++) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    __asm__ volatile("" : "+r"(x));
  }
  t2 = thread_cpu();
  return t2 > t1 ? (t1 - t0) / (t2 - t1) : 0;
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

static double median(double *v, long n)
{
  qsort(v, (size_t)n, sizeof *v, cmp);
  return v[n / 2];
}

int main(int argc, char **argv)
{
  long n, i, k = 0, peak = 0;
  double *t, *c, *p = NULL, *tw, *cw, pmin = 0;
  int probing = argc > 1 && strcmp(argv[1], "-p") == 0;

  argv += probing;
  argc -= probing;
  if (argc < 3) {
    fprintf(stderr, "usage: benchrun [-p] N COMMAND [ARG...]\n");
    return 2;
  }
  n = strtol(argv[1], NULL, 10);
  if (n < 1 || n > 10000) {
    fprintf(stderr, "benchrun: N must be 1 to 10000\n");
    return 2;
  }
  t = calloc((size_t)n, sizeof *t);
  c = calloc((size_t)n, sizeof *c);
  tw = calloc((size_t)n, sizeof *tw);
  cw = calloc((size_t)n, sizeof *cw);
  if (probing)
    p = calloc((size_t)n + 1, sizeof *p);
  if (!t || !c || !tw || !cw || (probing && !p))
    return 2;
  if (probing) {
    /* the probe and the runs on one processor, for the probe to tell of
     * the core the runs had (children inherit the mask) */
    cpu_set_t one;
    int cpu = sched_getcpu();
    CPU_ZERO(&one);
    CPU_SET(cpu < 0 ? 0 : cpu, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) {
      perror("benchrun: sched_setaffinity");
      return 1;
    }
  }
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
    if (probing)
      p[i] = probe();
    if (!run_once(argv + 2, &t[i], &c[i], &r)) {
      fprintf(stderr, "benchrun: %s failed\n", argv[2]);
      return 1;
    }
    if (r > peak)
      peak = r;
  }
  if (probing) {
    p[n] = probe();
    pmin = p[0];
    for (i = 1; i <= n; i++)
      pmin = p[i] < pmin ? p[i] : pmin;
    for (i = 0; i < n; i++) {
      if (p[i] <= PROBE_SLACK && p[i + 1] <= PROBE_SLACK) {
        tw[k] = t[i];
        cw[k++] = c[i];
      }
    }
  }
  qsort(t, (size_t)n, sizeof *t, cmp);
  qsort(c, (size_t)n, sizeof *c, cmp);
  printf("runs %ld  wall ms: min %.2f  median %.2f  max %.2f  cpu ms: "
         "median %.2f  peak RSS %.1f MiB\n",
         n, t[0] * 1e3, t[n / 2] * 1e3, t[n - 1] * 1e3, c[n / 2] * 1e3,
         (double)peak / 1024);
  if (probing) {
    double pmed;
    if (k >= MIN_WHOLE)
      printf("whole-core runs %ld of %ld  wall ms: median %.2f  cpu ms: "
             "median %.2f",
             k, n, median(tw, k) * 1e3, median(cw, k) * 1e3);
    else
      printf("whole-core runs %ld of %ld (too few for a median)", k, n);
    pmed = median(p, n + 1); /* sorts p: the slowest is then p[n] */
    printf("  probe: lowest %.2f  median %.2f  highest %.2f\n", pmin, pmed,
           p[n]);
  }
  free(t);
  free(c);
  free(tw);
  free(cw);
  free(p);
  return 0;
}
