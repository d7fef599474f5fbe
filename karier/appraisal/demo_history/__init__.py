"""Closed past years of appraisal for the demo (issue #12, item 1): career screens — promotion
eligibility, the 9-box, angka kredit — need the predikat of the last two years on the first run.

`seed.history_seed` writes them set-based (`karier seed-history-demo`); `ratings` draws the ratings
and the persona stories; `content` builds the signed snapshots of a whole chunk at once.
"""
