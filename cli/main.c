/* trulyopen: command-line front end of libtrulyopen. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli.h"

static const trc_command commands[] = {
    {"check", "tell whether a release is truly open, why, and what was judged", trc_cmd_check},
    {"hash", "write the manifest of a release (size and SHA-256 of each artifact)",
     trc_cmd_hash},
    {"verify", "check a release against a manifest", trc_cmd_verify},
    {"inspect", "list the artifacts of a release and what was read from each", trc_cmd_inspect},
    {"license", "classify a licence or identify a licence text: free or not", trc_cmd_license},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen COMMAND [OPTIONS] ...\n"
            "Tell whether an AI model release is truly open, and record exactly\n"
            "which artifacts were judged.\n\nCommands:\n");
    for (size_t i = 0; commands[i].name; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nRun 'trulyopen COMMAND --help' for a command's options.\n"
            "  -h, --help     show this help\n"
            "  -V, --version  show the version\n\n"
            "Exit status: 0 success, 1 check failed (differences, policy not met),\n"
            "2 usage error or unreadable input.\n");
}

/* A descriptor 0, 1 or 2 left closed by the caller would be reused by the
 * next file opened, and output meant for the terminal would land in it: a
 * closed one is held by /dev/null opened read-only, so that writing to it
 * still fails, as it should. */
static void hold_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        int got = open("/dev/null", O_RDONLY);
        if (got >= 0 && got != fd) {
            dup2(got, fd);
            close(got);
        }
    }
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TRC_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        if (!strcmp(cmd, "help") && argc > 2) {
            for (size_t i = 0; commands[i].name; i++)
                if (!strcmp(argv[2], commands[i].name)) {
                    char *sub[] = {argv[2], (char *)"--help", NULL};
                    return commands[i].run(2, sub);
                }
        }
        usage(stdout);
        return TRC_EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("trulyopen %s (library %s)\n", TRO_VERSION_STRING, tro_version_string());
        return TRC_EXIT_OK;
    }
    for (size_t i = 0; commands[i].name; i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    trc_error(NULL, "unknown command '%s' (try 'trulyopen --help')", cmd);
    return TRC_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    hold_std_fds();
    /* output that was lost is a failure, whatever the command said */
    return trc_exit_status(run(argc, argv));
}
