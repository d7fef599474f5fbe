"""Predikat history (issue #12 item 1): the annual predikat every career rule reads, copied from
final annual evaluations (`compute.sync_predikat`) or imported for the years before Karier
(`imports`, two phases, all or nothing)."""
