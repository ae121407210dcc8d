/* The inline byte searches of lib/read/text.h against a plain loop: every
 * start, end and readable length around the 16-byte blocks, hits at every
 * place, and bytes past the end that must not count. */
#include "read_test.h"
#include "text.h"

static size_t naive(const char *s, size_t p, size_t n, char a, char b)
{
    while (p < n && s[p] != a && s[p] != b)
        p++;
    return p;
}

int main(void)
{
    char buf[80];
    size_t bad = 0;
    for (size_t hit = 0; hit <= sizeof buf; hit++) { /* sizeof buf: no hit */
        memset(buf, 'x', sizeof buf);
        if (hit < sizeof buf)
            buf[hit] = hit % 2 ? ':' : '#';
        if (hit + 20 < sizeof buf)
            buf[hit + 20] = '\n';
        for (size_t n = 0; n <= sizeof buf; n++) {
            for (size_t p = 0; p <= n; p++) {
                for (size_t avail = n; avail <= sizeof buf; avail += 7) {
                    bad += trop_find_byte2(buf, p, n, avail, '#', ':') !=
                           naive(buf, p, n, '#', ':');
                }
                bad += trop_find_byte(buf, p, n, '\n') != naive(buf, p, n, '\n', '\n');
                bad += trop_find_byte(buf, p, n, ':') != naive(buf, p, n, ':', ':');
            }
        }
    }
    CHECK_INT(bad, 0);
    /* a hit past n but inside what may be read is not one */
    memcpy(buf, "abc#defghijklmnopqrstuvwxyz", 28);
    CHECK_INT(trop_find_byte2(buf, 0, 3, 28, '#', ':'), 3);
    CHECK_INT(trop_find_byte2(buf, 0, 4, 28, '#', ':'), 3);
    CHECK_INT(trop_find_byte2(buf, 3, 3, 28, '#', ':'), 3);
    return trt_finish("test_text_find");
}
