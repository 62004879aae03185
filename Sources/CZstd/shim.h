// zstd's decompression API, for Anki's current collection format (collection.anki21b).
#include <zstd.h>
