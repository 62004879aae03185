#ifndef HONE_CREADLINE_SHIM_H
#define HONE_CREADLINE_SHIM_H
// readline.h uses FILE without including stdio.h.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 forbids touching C global variables directly; these setters are the only way in.
static inline void hone_rl_set_completion(rl_completion_func_t *fn) {
    rl_attempted_completion_function = fn;
}
static inline void hone_rl_set_completion_over(int value) {
    rl_attempted_completion_over = value;
}
static inline void hone_rl_set_catch_signals(int value) {
    rl_catch_signals = value;
}
static inline void hone_rl_cancel_line(void) {
    // Called from the SIGINT path: drop what was typed and start a fresh prompt.
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}
static inline const char *hone_rl_library_version(void) {
    return rl_library_version;
}
#endif
