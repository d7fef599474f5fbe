"""Every write to the standards, one module per entity: `rpjmd` (RPJMD, misi, tujuan, sasaran
strategis), `indikator` (indicators and their yearly values), `renstra` (Renstra and its sasaran),
`perjanjian` (Perjanjian Kinerja, rows, signing), `standar` (position standards); `clean` holds the
field cleaners they share.

Each service takes `*, actor: Actor`, refuses an actor without the right with `PermissionDenied`
(the reason in Bahasa Indonesia, from `karier.standards.access`), validates everything (messages
keyed by field), then writes in one transaction and records an audit event: a refusal writes
nothing. Import from the entity's module: `from karier.standards.services import standar`.
"""
