"""The `ansinh` console command.

ansinh demo             set up the demo (SQLite, both seed provinces, demo users) and serve it
ansinh serve [ADDR]     serve the application (development server)
ansinh load FILE...     load province data files (--dry-run to check only)
ansinh createuser       create an account (interactive)
ansinh check            Django's checks with --deploy plus ansinh's own (before going live)
ansinh backup           back up the database and uploaded files (--output FILE)
ansinh restore FILE     restore a backup (asks first; --yes to skip)
ansinh <command>        any Django management command (migrate, check, shell, …)
"""

import os
import sys

# `check` keeps Django's arguments: check_ansinh is Django's check with --deploy and a summary.
ALIASES = {"load": "load_province", "createuser": "create_user", "check": "check_ansinh"}
DEMO_ADDRESS = "127.0.0.1:8000"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else "help"
    if command == "demo":
        os.environ.setdefault("ANSINH_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

    from django.core.management import execute_from_command_line

    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return
    if command == "demo":
        serve = "--no-serve" not in argv
        execute_from_command_line(["ansinh", "setup_demo"])
        if serve:
            print(f"\nMở http://{DEMO_ADDRESS}/ và đăng nhập bằng một tài khoản ở trên.\n")
            execute_from_command_line(["ansinh", "runserver", DEMO_ADDRESS, "--noreload"])
        return
    if command == "serve":
        execute_from_command_line(["ansinh", "runserver", *(argv[1:] or [DEMO_ADDRESS])])
        return
    execute_from_command_line(["ansinh", ALIASES.get(command, command), *argv[1:]])


if __name__ == "__main__":
    main()
