"""The 9-box of issue #12 item 4: disciplinary sanctions, versioned talent rule sets, the set-based
placement and the screens and API that explain it."""
