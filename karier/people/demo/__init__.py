"""Demo data: Pemerintah Provinsi Bengkulu with its agencies, positions and employees.

`seed_demo()` builds it (the `karier seed_demo` command calls it); `demo_accounts()` lists the
logins it always creates. See `generator.py` for how the data are drawn, stage by stage.
"""

from karier.people.demo.generator import seed_demo
from karier.people.demo.personas import DEMO_PASSWORD, PERSONAS, DemoAccount, demo_accounts
from karier.people.demo.reset import reset_demo
from karier.people.demo.state import MIN_PEGAWAI, SeedError, SeedResult

__all__ = [
    "DEMO_PASSWORD",
    "MIN_PEGAWAI",
    "PERSONAS",
    "DemoAccount",
    "SeedError",
    "SeedResult",
    "demo_accounts",
    "reset_demo",
    "seed_demo",
]
