"""Gunicorn settings for Karier (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`); docs/deployment.md.

Every value can be tuned by an environment variable (the systemd unit loads `.env`), so one file
serves the demo, a single machine and each of several app servers. Command-line options win over
this file (bin/demo binds its own port with `-b`).
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Where the reverse proxy (deploy/Caddyfile, deploy/nginx-karier.conf) sends requests: loopback only.
bind = [os.environ.get("KARIER_BIND", "127.0.0.1:8001")]

# Processes × threads. Karier's requests wait mostly on PostgreSQL, so a few threads per process
# overlap those waits; processes use the cores. Default: 2 × cores + 1 processes (capped at 9, so a
# big machine does not open hundreds of database connections), 4 threads each. Each thread keeps one
# database connection (CONN_MAX_AGE): workers × threads × app servers + the task workers must stay
# under PostgreSQL's max_connections (or go through PgBouncer in transaction mode).
workers = _int("KARIER_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = _int("KARIER_THREADS", 4)
worker_class = "gthread"  # threads, and HTTP keep-alive (the sync worker closes every connection)
keepalive = _int("KARIER_KEEPALIVE", 5)  # seconds an idle kept-alive connection stays open

# A request that runs longer than this is killed and its worker replaced. Long work (bulk PDFs,
# period close, refreshes) runs as a task on `karier db_worker`, never in a request.
timeout = _int("KARIER_TIMEOUT", 60)
graceful_timeout = 30  # on restart/reload, requests in flight get this long to finish

# Recycle each worker after about this many requests (the jitter spreads the restarts so all workers
# never restart at once): bounds any slow growth of memory.
max_requests = _int("KARIER_MAX_REQUESTS", 2000)
max_requests_jitter = _int("KARIER_MAX_REQUESTS_JITTER", 200)

# Access log to stdout (journald under systemd): client as seen by the proxy, request, status, size,
# duration in ms (%(M)s). The real client address is what Karier logs from X-Forwarded-For.
accesslog = os.environ.get("KARIER_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("KARIER_GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# The proxy on this machine may set X-Forwarded-Proto (Django reads it only with BEHIND_PROXY=true).
forwarded_allow_ips = os.environ.get("KARIER_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "karier"
