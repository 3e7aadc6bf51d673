/* testutil.h: what every cmocka unit test of newscheck includes. */
#ifndef NC_TESTUTIL_H
#define NC_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The project's data folder (data/), fixed at build time. */
#define TEST_DATADIR NC_DATADIR

#endif
