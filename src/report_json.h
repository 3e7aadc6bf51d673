/* report_json.h: the JSON report as a cJSON tree, shared by report_json.c
 * (which prints it) and fixture.c (which compares it with a fixture). */
#ifndef NC_REPORT_JSON_H
#define NC_REPORT_JSON_H

#include <cjson/cJSON.h>

#include "newscheck/report.h"

/* Build the report tree; caller frees with cJSON_Delete. */
cJSON *nc_report_tree(const struct nc_report *r);

#endif
