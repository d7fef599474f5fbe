"""Survei Kepuasan Masyarakat (SKM, PermenPANRB 14/2017): periods per service unit, the public
nine-element form, the index (IKM) per period, follow-up actions, the report (screen, Excel, PDF)
and the API. The arithmetic lives in `karier.rules.skm`; see docs/skm.md."""
