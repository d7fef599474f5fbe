"""Talent pools and succession (issue #12 item 5): key positions, their candidates, nominations."""
