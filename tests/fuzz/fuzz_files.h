/* fuzz_files.h: for the entry points whose stage reads a file (manifests,
 * rule folders, fixtures): a private temporary folder made once per
 * process, and a helper that writes the input into a file there. */
#ifndef NC_FUZZ_FILES_H
#define NC_FUZZ_FILES_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newscheck/util.h"

static char fuzz_dir_path[64];

/* At exit: remove the folder and the files written there. */
static inline void fuzz_dir_remove(void)
{
  DIR *d = opendir(fuzz_dir_path);
  struct dirent *de;
  struct nc_buf p = {0};

  if (!d)
    return;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    p.len = 0;
    nc_buf_printf(&p, "%s/%s", fuzz_dir_path, de->d_name);
    remove(p.data);
  }
  closedir(d);
  nc_buf_free(&p);
  rmdir(fuzz_dir_path);
}

/* The folder, made on the first call under /dev/shm (or /tmp) and
 * removed at exit. */
static inline const char *fuzz_dir(void)
{
  if (!fuzz_dir_path[0]) {
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/ncfuzz.XXXXXX",
             base);
    if (!mkdtemp(fuzz_dir_path))
      abort();
    atexit(fuzz_dir_remove);
  }
  return fuzz_dir_path;
}

/* Write size bytes of data to fuzz_dir()/name; returns the path (owned by
 * the caller). */
static inline char *fuzz_put(const char *name, const uint8_t *data,
                             size_t size)
{
  struct nc_buf p = {0};
  FILE *f;

  nc_buf_printf(&p, "%s/%s", fuzz_dir(), name);
  f = fopen(p.data, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  if (fclose(f) != 0)
    abort();
  return nc_buf_take(&p);
}

#endif
