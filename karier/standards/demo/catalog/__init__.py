"""Texts and figures of the standards demo (see docs/standards.md, "Demo data"), by topic:
`series` (periods, sources, value series), `rpjmd`, `renstra`, `jabatan` (expected results of
positions) and `perilaku` (BerAKHLAK expectations).

Sourced: the vision, the RPJMD period and legal basis, and the IPM/UHH/HLS/RLS actuals (from
`data/ipm_provinsi_bengkulu.csv`). Everything else — missions, goals, targets, the other indicators
and their values, agency sasaran and position standards — is DEMO TEXT written to be plausible,
not taken from the real Perda or Renstra documents.
"""
