"""Load benchmark: the app behind gunicorn on PostgreSQL and on SQLite, both filled by
`generate_national`; a load generator in a second process (bench/load_client.py) on loopback.

For each database it prints p50/p95/p99 and throughput of: login, the dashboard, an agency's
task list, the attainment table, the completeness matrix, report submissions (POST through the
real form, CSRF included) and a bare hello view on the same server (ANSINH_BENCH_HELLO=1), with
the ratio page / hello. Then the burst: 1,000 reports sent by 1,000 different users within 60 s,
counted in the database afterwards. Figures only, no assertions on time.

    .venv/bin/python bench/load.py                      # moderate scale, both databases
    .venv/bin/python bench/load.py --scale 1            # the full national dataset
    .venv/bin/python bench/load.py --db sqlite --seconds 5
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
PASSWORD = "ansinh-quoc-gia-2025"
PG = "postgresql://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args, env, **kw) -> str:
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, **kw)
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def line(name: str, result: dict) -> tuple[str, float]:
    ms = [v * 1000 for v in result["latencies"]]
    rate = len(ms) / result["elapsed"] if result["elapsed"] else 0.0
    errors = (
        f", {len(result['errors'])} lỗi {sorted(set(map(str, result['errors'])))[:3]}"
        if result["errors"]
        else ""
    )
    return (
        f"  {name:<28} n={len(ms):>5}  p50={percentile(ms, 0.5):7.1f} ms  "
        f"p95={percentile(ms, 0.95):7.1f} ms  p99={percentile(ms, 0.99):7.1f} ms  "
        f"{rate:7.1f} req/s{errors}",
        rate,
    )


def client(job: dict, workdir: Path) -> dict:
    path = workdir / "job.json"
    path.write_text(json.dumps(job))
    out = run([PY, str(REPO / "bench" / "load_client.py"), str(path)], os.environ.copy(),
              timeout=job.get("seconds", job.get("window", 60)) + 300)  # fmt: skip
    return json.loads(out)


def bench_database(label: str, url: str, args, workdir: Path) -> None:
    env = {
        **os.environ, "DATABASE_URL": url, "ANSINH_DATA_DIR": str(workdir),
        "DJANGO_SETTINGS_MODULE": "ansinh.settings", "PYTHONPATH": str(REPO / "src"),
        "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0",
        "SECURE_COOKIES": "0", "ANSINH_BENCH_HELLO": "1", "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",  # as docs/operations.md deploys it
    }  # fmt: skip
    env.pop("ANSINH_DEMO", None)
    print(f"\n== {label} ==", flush=True)
    started = time.perf_counter()
    run([PY, "manage.py", "migrate", "-v0"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)  # manifest, as deployed
    print(f"  migrate: {time.perf_counter() - started:.1f} s", flush=True)
    generated = run(
        [PY, "manage.py", "generate_national", "--provinces", str(args.provinces), "--years",
         str(args.years), "--scale", str(args.scale), "--users-per-agency", str(args.users)],
        env,
    )  # fmt: skip
    for text in generated.splitlines():
        if text.startswith("  ") or text.startswith("Đã ghi"):
            print(f"  {text.strip()}")
    plan = json.loads(
        run([PY, str(REPO / "bench" / "load_prepare.py"), "plan", str(args.burst)], env)
    )
    print(
        f"  burst users with an open report: {len(plan['burst'])}; "
        f"more for scenario 1: {len(plan['first'])}"
    )

    port = free_port()
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "ansinh.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "120", "--keep-alive", "30"],
        env=env, cwd=REPO, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench-hello/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit((workdir / "gunicorn.log").read_text()) from None
                time.sleep(0.3)
        print(f"  gunicorn: {args.workers} workers, {args.threads} client threads, "
              f"{args.seconds} s or {args.max} requests per line", flush=True)  # fmt: skip
        base = {"kind": "endpoint", "port": port, "threads": args.threads,
                "seconds": args.seconds, "max_requests": args.max, "password": PASSWORD,
                "cookies": [{}]}  # fmt: skip
        standing = {**base, "login": plan["standing"]}
        pages = [
            ("bare hello view", {**base, "path": "/bench-hello/"}),
            ("login (password check)", {**base, "path": "login", "users": plan["officers"],
                                        "max_requests": min(args.max, 40)}),
            ("dashboard", {**standing, "path": "/tong-quan/"}),
            ("agency task list",
             {**base, "login": plan["officers"], "path": "/nhiem-vu-cua-don-vi/"}),
            ("attainment table", {**standing, "path": f"/chi-tieu/?tinh={plan['province']}"}),
            ("completeness matrix",
             {**standing, "path": f"/che-do-bao-cao/{plan['regime']}/tinh-hinh/"}),
            ("report submission (POST)", {**base, "reports": plan["first"]}),
        ]  # fmt: skip
        client({**base, "path": "/bench-hello/", "max_requests": 200}, workdir)  # warm-up
        hello = None
        for name, job in pages:
            text, rate = line(name, client(job, workdir))
            hello = hello or rate
            print(
                f"{text}  (hello/page {hello / rate:.0f}×)"
                if rate and name != "bare hello view"
                else text,
                flush=True,
            )

        ids = [o for _, o in plan["burst"]]
        result = client({"kind": "burst", "port": port, "pairs": plan["burst"], "window": 60},
                        workdir)  # fmt: skip
        (workdir / "ids.json").write_text(json.dumps(ids))
        stored = int(run([PY, str(REPO / "bench" / "load_prepare.py"), "count",
                          str(workdir / "ids.json")], env).strip())  # fmt: skip
        text, _ = line(f"burst: {len(ids)} users", result)
        print(text)
        print(f"  burst: {len(ids)} sent within {result['sent_in']:.1f} s, "
              f"{len(result['latencies'])} answered 302 by {result['elapsed']:.1f} s; "
              f"{stored} of {len(ids)} reports stored as sent "
              f"({'none lost' if stored == len(ids) else f'{len(ids) - stored} missing'})",
              flush=True)  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["both", "postgres", "sqlite"], default="both")
    parser.add_argument("--scale", type=float, default=0.25, help="1 = the full national dataset")
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--users", type=int, default=4, help="users per agency")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=8, help="client threads per page")
    parser.add_argument("--seconds", type=float, default=15, help="time limit per page")
    parser.add_argument("--max", type=int, default=3000, help="request limit per page")
    parser.add_argument("--burst", type=int, default=1000)
    args = parser.parse_args()
    print(
        f"ansinh load benchmark: {args.provinces} provinces, {args.years} years, scale "
        f"{args.scale}, {args.users} users per agency; {os.cpu_count()} CPUs; loopback only"
    )
    if args.db in ("both", "postgres"):
        import psycopg

        name = f"ansinh_bench_load_{os.getpid()}"
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory(prefix="ansinh-load-pg-") as tmp:
                bench_database("PostgreSQL", f"{PG}/{name}", args, Path(tmp))
        finally:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if args.db in ("both", "sqlite"):
        with tempfile.TemporaryDirectory(prefix="ansinh-load-sqlite-") as tmp:
            bench_database("SQLite", f"sqlite:///{tmp}/ansinh.sqlite3", args, Path(tmp))


if __name__ == "__main__":
    main()
