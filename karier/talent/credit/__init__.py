"""Angka kredit of functional positions (issue #12 §3): ledger, status, PAK, formasi, uji kompetensi."""
