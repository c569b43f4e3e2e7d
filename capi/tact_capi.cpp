#include "tact.h"
extern "C" int tact_version_number(void) { return TACT_VERSION_NUMBER; }
