/* strbuf.c — a growable byte string (prefix sb_). Allocation failure sets `oom`; later
 * appends are ignored so callers check once, at sb_to_str or where they use the text. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "interp.h"
#include "mem.h"

void sb_init(StrBuf *sb) {
    sb->data = NULL;
    sb->len = sb->cap = 0;
    sb->oom = false;
}

void sb_free(StrBuf *sb) {
    if (sb->data) mem_free(sb->data, sb->cap);
    sb_init(sb);
}

/* Make room for `extra` more bytes plus the NUL. */
static bool sb_reserve(StrBuf *sb, size_t extra) {
    if (sb->oom) return false;
    size_t need = sb->len + extra + 1;
    if (need < extra) { sb->oom = true; return false; }
    if (need <= sb->cap) return true;
    size_t ncap = sb->cap ? sb->cap : 32;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) { ncap = need; break; }
        ncap *= 2;
    }
    char *p = mem_realloc(sb->data, sb->cap, ncap);
    if (!p) { sb->oom = true; return false; }
    sb->data = p;
    sb->cap = ncap;
    return true;
}

void sb_putc(StrBuf *sb, char c) {
    if (!sb_reserve(sb, 1)) return;
    sb->data[sb->len++] = c;
    sb->data[sb->len] = 0;
}

void sb_putn(StrBuf *sb, const char *s, size_t n) {
    if (!n || !sb_reserve(sb, n)) return;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = 0;
}

void sb_puts(StrBuf *sb, const char *s) { sb_putn(sb, s, strlen(s)); }

void sb_printf(StrBuf *sb, const char *fmt, ...) {
    if (sb->oom) return;
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { sb_putn(sb, small, (size_t)n); return; }
    if (!sb_reserve(sb, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

Value sb_to_str(Interp *I, StrBuf *sb) {
    if (sb->oom) { sb_free(sb); return err_nomem(I); }
    Value v = val_str(I, sb->data ? sb->data : "", sb->len);
    sb_free(sb);
    return v;
}
