/* Placeholder; the C ABI lands with its own issue. */
#ifndef TACT_H_
#define TACT_H_
#include "tact_version.h"
#ifdef __cplusplus
extern "C" {
#endif
#if defined(TACT_BUILDING)
#define TACT_C_API __attribute__((visibility("default")))
#else
#define TACT_C_API
#endif
TACT_C_API int tact_version_number(void);
#ifdef __cplusplus
}
#endif
#endif
