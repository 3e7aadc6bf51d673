# Sourced by scripts/fuzz.sh and tests/fuzz.test.sh: the project's own
# files that seed each fuzz target besides tests/fuzz/corpus/TARGET (kept
# there only for inputs that exist nowhere else).  Usage: seeds TARGET
seeds() {
  case $1 in
    html) ls tests/data/articles-html/*.html tests/data/fetch/*.html ;;
    text) ls data/articles/*.txt tests/stories/*/*.txt ;;
    manifest) ls data/articles/sources.json \
                 tests/data/articles-html/sources.json ;;
    fixture) ls data/expected/*.json tests/stories/*.json ;;
    rules) ls data/rules/*.json ;;
  esac 2>/dev/null
}
