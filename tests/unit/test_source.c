/* test_source.c: turning command-line paths into sources: manifests,
 * folder walks, ids, default dates, standard input, and the errors that
 * a bad path or manifest leaves in the list while the run carries on. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newscheck/source.h"

/* A fresh temporary folder; the test removes it with rm_tree. */
static char *make_tmpdir(void)
{
  char tmpl[] = "/tmp/nc-source-XXXXXX";
  char *d = mkdtemp(tmpl);
  assert_non_null(d);
  return xstrdup(d);
}

/* dir + "/" + rel; caller frees. */
static char *path_in(const char *dir, const char *rel)
{
  struct nc_buf b = {0};
  nc_buf_printf(&b, "%s/%s", dir, rel);
  return nc_buf_take(&b);
}

/* Write `text` to dir/rel, creating the folders of `rel` first. */
static void put(const char *dir, const char *rel, const char *text)
{
  char *p = path_in(dir, rel);
  char *slash;
  FILE *f;

  for (slash = strchr(p + strlen(dir) + 1, '/'); slash;
       slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    if (mkdir(p, 0700) != 0)
      assert_true(access(p, F_OK) == 0);
    *slash = '/';
  }
  f = fopen(p, "wb");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
  free(p);
}

static void rm_tree(const char *path)
{
  struct stat st;
  DIR *d;
  struct dirent *de;

  if (lstat(path, &st) != 0)
    return;
  if (!S_ISDIR(st.st_mode)) {
    unlink(path);
    return;
  }
  d = opendir(path);
  if (d) {
    while ((de = readdir(d)) != NULL) {
      char *p;
      if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
        continue;
      p = path_in(path, de->d_name);
      rm_tree(p);
      free(p);
    }
    closedir(d);
  }
  rmdir(path);
}

/* Fails unless `hay` contains `needle`. */
static void assert_has(const char *hay, const char *needle)
{
  if (!hay || !strstr(hay, needle))
    fail_msg("\"%s\" does not contain \"%s\"", hay ? hay : "(null)", needle);
}

/* Fails unless source i has this id and its path is dir/rel. */
static void assert_source(const struct nc_source_list *l, size_t i,
                          const char *id, const char *dir, const char *rel)
{
  char *want = path_in(dir, rel);
  assert_true(i < l->n);
  assert_string_equal(l->items[i].id, id);
  assert_non_null(l->items[i].path);
  assert_string_equal(l->items[i].path, want);
  free(want);
}

static void test_manifest_fields(void **state)
{
  char *dir = make_tmpdir();
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "sources.json",
      "{\"sources\": [\n"
      " {\"id\": \"harbour\", \"outlet\": \"The Coast Gazette\",\n"
      "  \"url\": \"https://gazette.example/harbour\",\n"
      "  \"file\": \"pages/harbour.html\", \"published\": \"2023-04-12\"},\n"
      " {\"file\": \"ferry.txt\", \"outlet\": \"Island Radio\"}\n"
      "]}\n");
  put(dir, "pages/harbour.html", "<p>The harbour reopened.</p>");
  put(dir, "ferry.txt", "The ferry sailed twice.\n");
  put(dir, "ignored.txt", "Not listed in the manifest.\n");
  assert_int_equal(nc_sources_add_path(&l, dir, NULL), NC_OK);
  assert_int_equal(l.nerrors, 0);
  assert_int_equal(l.n, 2);
  assert_source(&l, 0, "harbour", dir, "pages/harbour.html");
  assert_string_equal(l.items[0].outlet, "The Coast Gazette");
  assert_string_equal(l.items[0].url, "https://gazette.example/harbour");
  assert_string_equal(l.items[0].published, "2023-04-12");
  /* no id: the file name without extension */
  assert_source(&l, 1, "ferry", dir, "ferry.txt");
  assert_string_equal(l.items[1].outlet, "Island Radio");
  assert_null(l.items[1].url);
  assert_null(l.items[1].published);
  nc_sources_free(&l);
  rm_tree(dir);
  free(dir);
}

static void test_manifest_relative_to_its_folder(void **state)
{
  char *dir = make_tmpdir();
  char *mpath = path_in(dir, "lists/today.json");
  struct nc_source_list l = {0};
  struct nc_error err;
  (void)state;

  nc_error_clear(&err);
  put(dir, "lists/today.json",
      "{\"sources\": [{\"id\": \"mill\", \"file\": \"texts/mill.txt\"},"
      " {\"id\": \"web\", \"url\": \"https://mill.example/\"}]}");
  put(dir, "lists/texts/mill.txt", "The mill closed.\n");
  assert_int_equal(nc_sources_add_manifest(&l, mpath, NULL, &err), NC_OK);
  assert_int_equal(l.n, 2);
  assert_source(&l, 0, "mill", dir, "lists/texts/mill.txt");
  /* a source with only a url has no local file yet */
  assert_string_equal(l.items[1].id, "web");
  assert_null(l.items[1].path);
  nc_sources_free(&l);

  /* a .json file given as a path is read as a manifest too */
  assert_int_equal(nc_sources_add_path(&l, mpath, NULL), NC_OK);
  assert_int_equal(l.nerrors, 0);
  assert_int_equal(l.n, 2);
  assert_string_equal(l.items[0].id, "mill");
  nc_sources_free(&l);
  free(mpath);
  rm_tree(dir);
  free(dir);
}

static void test_folder_walk_sorted(void **state)
{
  char *dir = make_tmpdir();
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "zeta.txt", "z\n");
  put(dir, "alpha.html", "<p>a</p>\n");
  put(dir, "mid/beta.htm", "<p>b</p>\n");
  put(dir, "mid/deeper/gamma.txt", "g\n");
  put(dir, "notes.md", "not an article\n");
  put(dir, "photo.jpg", "not an article\n");
  put(dir, "data.json", "{}\n");
  put(dir, ".secret.txt", "hidden file\n");
  put(dir, ".cache/old.txt", "hidden folder\n");
  put(dir, "mid/.draft.html", "hidden file below\n");
  assert_int_equal(nc_sources_add_path(&l, dir, NULL), NC_OK);
  assert_int_equal(l.nerrors, 0);
  assert_int_equal(l.n, 4);
  assert_source(&l, 0, "alpha", dir, "alpha.html");
  assert_source(&l, 1, "beta", dir, "mid/beta.htm");
  assert_source(&l, 2, "gamma", dir, "mid/deeper/gamma.txt");
  assert_source(&l, 3, "zeta", dir, "zeta.txt");
  assert_null(l.items[0].outlet);
  assert_null(l.items[0].published);
  nc_sources_free(&l);
  rm_tree(dir);
  free(dir);
}

static void test_single_file_any_extension(void **state)
{
  char *dir = make_tmpdir();
  char *p = path_in(dir, "report.final.md");
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "report.final.md", "Given explicitly, so it is read.\n");
  assert_int_equal(nc_sources_add_path(&l, p, NULL), NC_OK);
  assert_int_equal(l.nerrors, 0);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].id, "report.final");
  assert_string_equal(l.items[0].path, p);
  nc_sources_free(&l);
  free(p);
  rm_tree(dir);
  free(dir);
}

static void test_duplicate_ids(void **state)
{
  char *dir = make_tmpdir();
  char *p = path_in(dir, "east/story.txt");
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "east/story.txt", "e\n");
  put(dir, "west/story.txt", "w\n");
  assert_int_equal(nc_sources_add_path(&l, dir, NULL), NC_OK);
  assert_int_equal(nc_sources_add_path(&l, p, NULL), NC_OK);
  assert_int_equal(l.n, 3);
  assert_source(&l, 0, "story", dir, "east/story.txt");
  assert_source(&l, 1, "story-2", dir, "west/story.txt");
  assert_source(&l, 2, "story-3", dir, "east/story.txt");
  nc_sources_free(&l);
  free(p);
  rm_tree(dir);
  free(dir);
}

static void test_default_date_only_where_none(void **state)
{
  char *dir = make_tmpdir();
  char *loose = path_in(dir, "loose.txt");
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "set/sources.json",
      "{\"sources\": [{\"id\": \"dated\", \"file\": \"a.txt\","
      " \"published\": \"2019-07-01\"},"
      " {\"id\": \"undated\", \"file\": \"b.txt\", \"published\": null}]}");
  put(dir, "loose.txt", "x\n");
  {
    char *set = path_in(dir, "set");
    assert_int_equal(nc_sources_add_path(&l, set, "2024-02-29"), NC_OK);
    free(set);
  }
  assert_int_equal(nc_sources_add_path(&l, loose, "2024-02-29"), NC_OK);
  assert_int_equal(nc_sources_add_path(&l, loose, NULL), NC_OK);
  assert_int_equal(l.nerrors, 0);
  assert_int_equal(l.n, 4);
  assert_string_equal(l.items[0].published, "2019-07-01");
  assert_string_equal(l.items[1].published, "2024-02-29");
  assert_string_equal(l.items[2].published, "2024-02-29");
  assert_null(l.items[3].published);
  nc_sources_free(&l);
  free(loose);
  rm_tree(dir);
  free(dir);
}

static void test_stdin(void **state)
{
  struct nc_source_list l = {0};
  (void)state;

  assert_int_equal(nc_sources_add_path(&l, "-", "2022-12-31"), NC_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.nerrors, 0);
  assert_string_equal(l.items[0].id, "stdin");
  assert_string_equal(l.items[0].path, "-");
  assert_string_equal(l.items[0].published, "2022-12-31");
  nc_sources_free(&l);
}

static void test_missing_path(void **state)
{
  char *dir = make_tmpdir();
  char *p = path_in(dir, "no-such-article.txt");
  char *good = path_in(dir, "here.txt");
  struct nc_source_list l = {0};
  (void)state;

  put(dir, "here.txt", "h\n");
  assert_int_equal(nc_sources_add_path(&l, p, NULL), NC_OK);
  assert_int_equal(nc_sources_add_path(&l, good, NULL), NC_OK);
  assert_int_equal(l.nerrors, 1);
  assert_has(l.errors[0].message, p);
  assert_string_equal(l.errors[0].source, p);
  assert_int_not_equal(l.errors[0].status, NC_OK);
  /* the run carries on with the next path */
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].id, "here");
  nc_sources_free(&l);
  free(p);
  free(good);
  rm_tree(dir);
  free(dir);
}

/* Put `manifest` in a folder beside one good file added first, then add
 * the folder: exactly one error naming the manifest and `field`, and
 * nothing from the manifest in the list. */
static void check_bad_manifest(const char *manifest, const char *field)
{
  char *dir = make_tmpdir();
  char *set = path_in(dir, "set");
  char *good = path_in(dir, "first.txt");
  struct nc_source_list l = {0};

  put(dir, "first.txt", "f\n");
  put(dir, "set/sources.json", manifest);
  put(dir, "set/a.txt", "a\n");
  put(dir, "set/b.txt", "b\n");
  assert_int_equal(nc_sources_add_path(&l, good, NULL), NC_OK);
  assert_int_equal(nc_sources_add_path(&l, set, NULL), NC_OK);
  assert_int_equal(l.nerrors, 1);
  assert_has(l.errors[0].message, "set/sources.json");
  if (field)
    assert_has(l.errors[0].message, field);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].id, "first");
  nc_sources_free(&l);
  free(set);
  free(good);
  rm_tree(dir);
  free(dir);
}

static void test_manifest_bad_json(void **state)
{
  (void)state;
  check_bad_manifest(
      "{\"sources\": [\n  {\"id\": \"a\", \"file\": \"a.txt\"\n", NULL);
}

static void test_manifest_non_string_field(void **state)
{
  (void)state;
  check_bad_manifest("{\"sources\": [{\"id\": \"a\", \"file\": \"a.txt\"},"
                     " {\"id\": \"b\", \"file\": \"b.txt\", \"outlet\": 7}]}",
                     "sources[1].outlet");
}

static void test_manifest_bad_published(void **state)
{
  (void)state;
  check_bad_manifest("{\"sources\": [{\"id\": \"a\", \"file\": \"a.txt\"},"
                     " {\"id\": \"b\", \"file\": \"b.txt\","
                     " \"published\": \"2023-02-30\"}]}",
                     "sources[1].published");
  check_bad_manifest("{\"sources\": [{\"id\": \"a\", \"file\": \"a.txt\","
                     " \"published\": \"last Tuesday\"}]}",
                     "sources[0].published");
}

static void test_manifest_wrong_shape(void **state)
{
  (void)state;
  check_bad_manifest("{\"articles\": []}", "sources");
  check_bad_manifest("{\"sources\": [{\"id\": \"a\", \"file\": \"a.txt\"},"
                     " \"b.txt\"]}",
                     "sources[1]");
}

static void test_add_manifest_reports_error(void **state)
{
  char *dir = make_tmpdir();
  char *mpath = path_in(dir, "feed.json");
  char *missing = path_in(dir, "absent.json");
  struct nc_source_list l = {0};
  struct nc_error err;
  (void)state;

  put(dir, "feed.json", "{\"sources\": [{\"id\": 3}]}");
  nc_error_clear(&err);
  assert_int_not_equal(nc_sources_add_manifest(&l, mpath, NULL, &err), NC_OK);
  assert_string_equal(err.file, mpath);
  assert_has(err.msg, "sources[0].id");
  assert_int_equal(l.n, 0);

  nc_error_clear(&err);
  assert_int_equal(nc_sources_add_manifest(&l, missing, NULL, &err), NC_IO);
  assert_has(err.file, "absent.json");
  assert_int_equal(l.n, 0);
  nc_sources_free(&l);
  free(mpath);
  free(missing);
  rm_tree(dir);
  free(dir);
}

static void test_empty_folder(void **state)
{
  char *dir = make_tmpdir();
  char *sub = path_in(dir, "nothing");
  struct nc_source_list l = {0};
  (void)state;

  assert_int_equal(mkdir(sub, 0700), 0);
  assert_int_equal(nc_sources_add_path(&l, sub, NULL), NC_OK);
  assert_int_equal(l.n, 0);
  assert_int_equal(l.nerrors, 1);
  assert_has(l.errors[0].message, sub);
  nc_sources_free(&l);

  /* only files that are not articles: the same */
  put(dir, "nothing/readme.md", "r\n");
  put(dir, "nothing/.hidden.txt", "h\n");
  assert_int_equal(nc_sources_add_path(&l, sub, NULL), NC_OK);
  assert_int_equal(l.n, 0);
  assert_int_equal(l.nerrors, 1);
  nc_sources_free(&l);
  free(sub);
  rm_tree(dir);
  free(dir);
}

static void test_add_error_and_free(void **state)
{
  struct nc_source_list l = {0};
  (void)state;

  nc_sources_add_error(&l, "wire", NC_FETCH, "wire: HTTP 404");
  nc_sources_add_error(&l, NULL, NC_IO, "disk full");
  assert_int_equal(l.nerrors, 2);
  assert_string_equal(l.errors[0].source, "wire");
  assert_string_equal(l.errors[0].message, "wire: HTTP 404");
  assert_int_equal(l.errors[0].status, NC_FETCH);
  assert_string_equal(l.errors[1].source, "");
  nc_sources_free(&l);
  assert_int_equal(l.n, 0);
  assert_int_equal(l.nerrors, 0);
  assert_null(l.items);
  nc_sources_free(&l); /* twice is harmless */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_manifest_fields),
      cmocka_unit_test(test_manifest_relative_to_its_folder),
      cmocka_unit_test(test_folder_walk_sorted),
      cmocka_unit_test(test_single_file_any_extension),
      cmocka_unit_test(test_duplicate_ids),
      cmocka_unit_test(test_default_date_only_where_none),
      cmocka_unit_test(test_stdin),
      cmocka_unit_test(test_missing_path),
      cmocka_unit_test(test_manifest_bad_json),
      cmocka_unit_test(test_manifest_non_string_field),
      cmocka_unit_test(test_manifest_bad_published),
      cmocka_unit_test(test_manifest_wrong_shape),
      cmocka_unit_test(test_add_manifest_reports_error),
      cmocka_unit_test(test_empty_folder),
      cmocka_unit_test(test_add_error_and_free),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
